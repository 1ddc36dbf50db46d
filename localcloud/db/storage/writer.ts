/**
 * Writes documents through the writer connection, keeping every index side table in step and
 * turning SQLite's UNIQUE violations into MongoDB-style E11000 errors. Callers wrap related writes
 * in `Storage.atomically`, so a multi-document operation or a transaction commit is all or nothing.
 */
import type { Statement } from 'better-sqlite3';
import { duplicateKey } from '../errors';
import type { Doc } from '../wire/values';
import type { Catalog, CollectionInfo, IndexInfo } from './catalog';
import { decodeStored, encodeStored } from './codec';
import { TAG, describeKey, indexKeysOf, type DocumentIndexKeys, type KeyPart } from './index-keys';
import type { StoredDoc } from './reader';
import { type SqliteConnection, StatementCache } from './sqlite';

/** Every committed write gets the next version: transactions compare them to detect conflicts. */
export class VersionCounter {
  constructor(private last: number) {}

  next(): number {
    this.last += 1;
    return this.last;
  }

  get current(): number {
    return this.last;
  }
}

function isUniqueViolation(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function sameKeys(a: DocumentIndexKeys, b: DocumentIndexKeys): boolean {
  return a.opaque === b.opaque && JSON.stringify(a.rows) === JSON.stringify(b.rows);
}

export class DocumentWriter {
  private readonly statements: StatementCache;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly catalog: Catalog,
    private readonly versions: VersionCounter,
  ) {
    this.statements = new StatementCache(conn);
  }

  private statement(sql: string): Statement {
    return this.statements.get(sql);
  }

  insert(collection: CollectionInfo, key: string, doc: Doc): StoredDoc {
    const version = this.versions.next();
    let rid: number;
    try {
      const result = this.statement(
        'INSERT INTO documents (cid, id_key, version, doc) VALUES (?, ?, ?, ?)',
      ).run(collection.cid, key, version, encodeStored(doc));
      rid = Number(result.lastInsertRowid);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw duplicateKey(collection.name, '_id_', `{ _id: ${JSON.stringify(doc._id) ?? String(doc._id)} }`);
      }
      throw error;
    }
    for (const index of collection.indexes) this.writeIndexRows(collection, index, rid, doc, undefined);
    return { rid, version, key, doc };
  }

  replace(collection: CollectionInfo, existing: StoredDoc, doc: Doc): StoredDoc {
    const version = this.versions.next();
    this.statement('UPDATE documents SET version = ?, doc = ? WHERE rid = ?').run(
      version,
      encodeStored(doc),
      existing.rid,
    );
    for (const index of collection.indexes) {
      this.writeIndexRows(collection, index, existing.rid, doc, existing.doc);
    }
    return { rid: existing.rid, version, key: existing.key, doc };
  }

  remove(collection: CollectionInfo, existing: StoredDoc): void {
    this.statement('DELETE FROM documents WHERE rid = ?').run(existing.rid);
    for (const index of collection.indexes) {
      this.statement(`DELETE FROM ${index.table} WHERE rid = ?`).run(existing.rid);
    }
  }

  /** Fills a new index from the documents already stored (at start-up, when the manifest changed). */
  buildIndex(collection: CollectionInfo, index: IndexInfo): void {
    const rows = this.conn
      .prepare('SELECT rid, doc FROM documents WHERE cid = ? ORDER BY rid')
      .all(collection.cid) as Array<{
      rid: number;
      doc: string;
    }>;
    for (const row of rows) {
      this.writeIndexRows(collection, index, row.rid, decodeStored(row.doc), undefined);
    }
  }

  private writeIndexRows(
    collection: CollectionInfo,
    index: IndexInfo,
    rid: number,
    doc: Doc,
    previous: Doc | undefined,
  ): void {
    const keys = indexKeysOf(doc, index.spec);
    if (previous !== undefined) {
      // Most updates touch no indexed field: leave those rows alone.
      if (sameKeys(keys, indexKeysOf(previous, index.spec))) return;
      this.statement(`DELETE FROM ${index.table} WHERE rid = ?`).run(rid);
    }
    if (keys.multikey) this.catalog.markMultikey(index);
    const columns = index.spec.keys.map((_key, i) => `t${i}, v${i}`).join(', ');
    const marks = index.spec.keys.map(() => '?, ?').join(', ');
    const insert = this.statement(`INSERT INTO ${index.table} (rid, ${columns}) VALUES (?, ${marks})`);
    for (const row of keys.rows) {
      // An opaque row's value is the rid, so opaque documents never collide in a unique index.
      const values = row.flatMap((part: KeyPart) => [part.t, part.t === TAG.OPAQUE ? rid : part.v]);
      try {
        insert.run(rid, ...values);
      } catch (error) {
        if (isUniqueViolation(error))
          throw duplicateKey(collection.name, index.spec.name, describeKey(index.spec, row));
        throw error;
      }
    }
  }
}
