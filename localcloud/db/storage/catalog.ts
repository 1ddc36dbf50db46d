/**
 * The collections and indexes that exist, mirrored in memory (every request looks its collection up)
 * and persisted in the `collections` / `indexes` tables. Collections come from the manifest and from
 * `database.addCollection`; CloudBase never creates one implicitly.
 */
import { collectionNotExist } from '../errors';
import type { IndexSpec } from './manifest';
import { indexTable, type SqliteConnection } from './sqlite';

export interface IndexInfo {
  iid: number;
  table: string;
  spec: IndexSpec;
  /** Some document keyed more than one value for a field (an array): see query/plan.ts. */
  multikey: boolean;
}

export interface CollectionInfo {
  cid: number;
  name: string;
  indexes: IndexInfo[];
}

interface CollectionRow {
  cid: number;
  name: string;
}

interface IndexRow {
  iid: number;
  cid: number;
  spec: string;
  multikey: number;
}

export class Catalog {
  private readonly byName = new Map<string, CollectionInfo>();

  constructor(private readonly conn: SqliteConnection) {
    const collections = conn
      .prepare('SELECT cid, name FROM collections ORDER BY cid')
      .all() as CollectionRow[];
    const byCid = new Map<number, CollectionInfo>();
    for (const row of collections) {
      const info: CollectionInfo = { cid: row.cid, name: row.name, indexes: [] };
      byCid.set(row.cid, info);
      this.byName.set(row.name, info);
    }
    const indexes = conn
      .prepare('SELECT iid, cid, spec, multikey FROM indexes ORDER BY iid')
      .all() as IndexRow[];
    for (const row of indexes) {
      byCid.get(row.cid)?.indexes.push({
        iid: row.iid,
        table: indexTable(row.iid),
        spec: JSON.parse(row.spec) as IndexSpec,
        multikey: row.multikey === 1,
      });
    }
  }

  find(name: string): CollectionInfo | undefined {
    return this.byName.get(name);
  }

  /** The collection, or DATABASE_COLLECTION_NOT_EXIST. */
  require(name: string): CollectionInfo {
    const info = this.byName.get(name);
    if (!info) throw collectionNotExist(name);
    return info;
  }

  all(): CollectionInfo[] {
    return [...this.byName.values()];
  }

  create(name: string): CollectionInfo {
    const result = this.conn.prepare('INSERT INTO collections (name) VALUES (?)').run(name);
    const info: CollectionInfo = { cid: Number(result.lastInsertRowid), name, indexes: [] };
    this.byName.set(name, info);
    return info;
  }

  /** Creates the side table of a new index; the caller fills it (DocumentWriter.buildIndex). */
  addIndex(collection: CollectionInfo, spec: IndexSpec): IndexInfo {
    const result = this.conn
      .prepare('INSERT INTO indexes (cid, name, spec) VALUES (?, ?, ?)')
      .run(collection.cid, spec.name, JSON.stringify(spec));
    const iid = Number(result.lastInsertRowid);
    const table = indexTable(iid);
    const columns = spec.keys.map((_key, i) => `t${i} INTEGER NOT NULL, v${i} NOT NULL`).join(', ');
    const keyColumns = spec.keys.map((_key, i) => `t${i}, v${i}`).join(', ');
    this.conn.exec(`
      CREATE TABLE ${table} (rid INTEGER NOT NULL, ${columns});
      CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX ${table}_keys ON ${table} (${keyColumns});
      CREATE INDEX ${table}_rid ON ${table} (rid);
    `);
    const info: IndexInfo = { iid, table, spec, multikey: false };
    collection.indexes.push(info);
    return info;
  }

  dropIndex(collection: CollectionInfo, index: IndexInfo): void {
    this.conn.exec(`DROP TABLE IF EXISTS ${index.table}`);
    this.conn.prepare('DELETE FROM indexes WHERE iid = ?').run(index.iid);
    collection.indexes = collection.indexes.filter((other) => other.iid !== index.iid);
  }

  markMultikey(index: IndexInfo): void {
    if (index.multikey) return;
    this.conn.prepare('UPDATE indexes SET multikey = 1 WHERE iid = ?').run(index.iid);
    index.multikey = true;
  }
}
