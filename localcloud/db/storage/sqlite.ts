/**
 * The SQLite file behind the database: one `documents` table for every collection, a catalog of
 * collections and indexes, and one side table per manifest index (ix_<iid>).
 *
 * Durability: WAL journal. A write's SQLite transaction is committed before its HTTP reply is sent,
 * and a committed WAL frame is in the OS page cache after write(2), so it survives kill -9 of the
 * server with `synchronous=NORMAL`. `FULL` adds an fsync per commit, which only matters for power
 * loss or an OS crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';

export type SqliteConnection = Database.Database;
export type Synchronous = 'NORMAL' | 'FULL';

export const DATABASE_FILE = 'localcloud.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS collections (
  cid INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS indexes (
  iid INTEGER PRIMARY KEY,
  cid INTEGER NOT NULL REFERENCES collections(cid),
  name TEXT NOT NULL,
  spec TEXT NOT NULL,
  multikey INTEGER NOT NULL DEFAULT 0,
  UNIQUE (cid, name)
);
CREATE TABLE IF NOT EXISTS documents (
  rid INTEGER PRIMARY KEY,
  cid INTEGER NOT NULL,
  id_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  doc TEXT NOT NULL,
  UNIQUE (cid, id_key)
);
-- Scans of one collection in insertion (rid) order: the entries of this index are sorted by (cid, rowid).
CREATE INDEX IF NOT EXISTS documents_by_collection ON documents (cid);
`;

/** Prepared statements of one connection, prepared once per SQL text (preparing is the costly part). */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly conn: SqliteConnection) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.conn.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/** The connection every write goes through. */
export function openWriter(dataDir: string, synchronous: Synchronous): SqliteConnection {
  fs.mkdirSync(dataDir, { recursive: true });
  const conn = new Database(databaseFile(dataDir));
  conn.pragma('journal_mode = WAL');
  conn.pragma(`synchronous = ${synchronous}`);
  conn.exec(SCHEMA);
  return conn;
}

/**
 * A read-only connection for a transaction's snapshot: in WAL mode an open read transaction keeps
 * seeing the database as it was when it began, whatever the writer commits meanwhile.
 */
export function openReader(dataDir: string): SqliteConnection {
  const conn = new Database(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  conn.pragma('query_only = ON');
  return conn;
}

export function indexTable(iid: number): string {
  return `ix_${iid}`;
}
