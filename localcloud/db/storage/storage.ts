/**
 * The storage layer as one object: the writer connection, the catalog, readers and the pool of
 * snapshot connections that transactions read through.
 */
import { Catalog, type CollectionInfo } from './catalog';
import type { IndexSpec, Manifest } from './manifest';
import { DocumentReader, type ReadStats } from './reader';
import { openReader, openWriter, type SqliteConnection, type Synchronous } from './sqlite';
import { DocumentWriter, VersionCounter } from './writer';

export interface StorageOptions {
  dataDir: string;
  synchronous: Synchronous;
  manifest: Manifest;
}

/** A read transaction pinned on its own connection: the database as of `openSnapshot()`. */
export interface Snapshot {
  readonly reader: DocumentReader;
  /** The last committed version when the snapshot was taken. */
  readonly seq: number;
}

interface PooledReader {
  conn: SqliteConnection;
  reader: DocumentReader;
}

function sameSpec(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class Storage {
  readonly stats: ReadStats = { documentsExamined: 0 };
  readonly catalog: Catalog;
  readonly versions: VersionCounter;
  /** Reads of the committed state. */
  readonly reader: DocumentReader;
  readonly writer: DocumentWriter;
  private readonly idle: PooledReader[] = [];
  private readonly pinned = new Map<Snapshot, PooledReader>();
  private closed = false;

  private constructor(
    private readonly conn: SqliteConnection,
    private readonly dataDir: string,
  ) {
    this.catalog = new Catalog(conn);
    const { last } = conn.prepare('SELECT COALESCE(MAX(version), 0) AS last FROM documents').get() as {
      last: number;
    };
    this.versions = new VersionCounter(last);
    this.reader = new DocumentReader(conn, this.stats);
    this.writer = new DocumentWriter(conn, this.catalog, this.versions);
  }

  static open(options: StorageOptions): Storage {
    const storage = new Storage(openWriter(options.dataDir, options.synchronous), options.dataDir);
    try {
      storage.atomically(() => storage.applyManifest(options.manifest));
    } catch (error) {
      storage.close();
      throw error;
    }
    return storage;
  }

  /** Runs `write` in one SQLite transaction: every write in it commits, or none does. */
  atomically<T>(write: () => T): T {
    return this.conn.transaction(write)();
  }

  createCollection(name: string): CollectionInfo {
    return this.catalog.create(name);
  }

  openSnapshot(): Snapshot {
    const pooled = this.idle.pop() ?? this.newReader();
    pooled.conn.exec('BEGIN');
    // A deferred read transaction only takes its snapshot at the first read: take it now.
    pooled.conn.prepare('SELECT COUNT(*) FROM collections').get();
    const snapshot: Snapshot = { reader: pooled.reader, seq: this.versions.current };
    this.pinned.set(snapshot, pooled);
    return snapshot;
  }

  releaseSnapshot(snapshot: Snapshot): void {
    const pooled = this.pinned.get(snapshot);
    if (!pooled) return;
    this.pinned.delete(snapshot);
    pooled.conn.exec('COMMIT');
    if (this.closed) pooled.conn.close();
    else this.idle.push(pooled);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const snapshot of [...this.pinned.keys()]) this.releaseSnapshot(snapshot);
    for (const pooled of this.idle.splice(0)) pooled.conn.close();
    this.conn.close();
  }

  private newReader(): PooledReader {
    const conn = openReader(this.dataDir);
    return { conn, reader: new DocumentReader(conn, this.stats) };
  }

  /**
   * Creates the manifest's collections and makes each collection's indexes exactly the manifest's:
   * new or changed indexes are (re)built from the stored documents, removed ones dropped. A unique
   * index that existing data violates stops the start with the E11000 message.
   */
  private applyManifest(manifest: Manifest): void {
    for (const name of manifest.keys()) {
      if (!this.catalog.find(name)) this.catalog.create(name);
    }
    for (const collection of this.catalog.all()) {
      const wanted = manifest.get(collection.name) ?? [];
      for (const index of [...collection.indexes]) {
        if (!wanted.some((spec) => sameSpec(spec, index.spec))) this.catalog.dropIndex(collection, index);
      }
      for (const spec of wanted) {
        if (collection.indexes.some((index) => sameSpec(index.spec, spec))) continue;
        const index = this.catalog.addIndex(collection, spec);
        try {
          this.writer.buildIndex(collection, index);
        } catch (error) {
          throw new Error(
            `cannot build index ${spec.name} of ${collection.name}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  }
}
