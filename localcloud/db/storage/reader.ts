/**
 * Reads documents through one SQLite connection: the writer's (the committed state) or a
 * transaction's snapshot connection. Candidates always come back in insertion (rid) order, which is
 * the "natural order" a query without orderBy returns.
 */
import type { Statement } from 'better-sqlite3';
import type { AccessPlan, FieldConstraint, OrderedPlan } from '../query/plan';
import type { Doc } from '../wire/values';
import type { CollectionInfo, IndexInfo } from './catalog';
import { decodeStored } from './codec';
import { TAG, type KeyPart } from './index-keys';
import { type SqliteConnection, StatementCache } from './sqlite';

export interface StoredDoc {
  rid: number;
  version: number;
  key: string;
  doc: Doc;
}

interface Row {
  rid: number;
  version: number;
  id_key: string;
  doc: string;
}

/** Counts documents read and decoded: how tests prove that an index avoided a scan. */
export interface ReadStats {
  documentsExamined: number;
}

const COLUMNS = 'd.rid AS rid, d.version AS version, d.id_key AS id_key, d.doc AS doc';

function constraintSql(constraint: FieldConstraint, i: number, args: unknown[]): string {
  if (constraint.kind === 'eq') {
    const tags = new Set(constraint.keys.map((key) => key.t));
    if (tags.size === 1) {
      args.push(constraint.keys[0].t, ...constraint.keys.map((key) => key.v));
      return `t${i} = ? AND v${i} IN (${constraint.keys.map(() => '?').join(', ')})`;
    }
    const alternatives = constraint.keys.map((key) => {
      args.push(key.t, key.v);
      return `(t${i} = ? AND v${i} = ?)`;
    });
    return `(${alternatives.join(' OR ')})`;
  }
  const parts = [`t${i} = ?`];
  args.push(constraint.t);
  if (constraint.lower) {
    parts.push(`v${i} ${constraint.lower.inclusive ? '>=' : '>'} ?`);
    args.push(constraint.lower.value);
  }
  if (constraint.upper) {
    parts.push(`v${i} ${constraint.upper.inclusive ? '<=' : '<'} ?`);
    args.push(constraint.upper.value);
  }
  return parts.join(' AND ');
}

export interface CandidateQuery {
  sql: string;
  args: unknown[];
}

/** The SQL that yields a plan's candidates (exported for EXPLAIN QUERY PLAN in tests and tools). */
export function candidateQuery(collection: CollectionInfo, plan: AccessPlan<IndexInfo>): CandidateQuery {
  if (plan.kind === 'scan') {
    return {
      sql: `SELECT ${COLUMNS} FROM documents d WHERE d.cid = ? ORDER BY d.rid`,
      args: [collection.cid],
    };
  }
  if (plan.kind === 'ids') {
    const marks = plan.keys.map(() => '?').join(', ');
    return {
      sql: `SELECT ${COLUMNS} FROM documents d WHERE d.cid = ? AND d.id_key IN (${marks}) ORDER BY d.rid`,
      args: [collection.cid, ...plan.keys],
    };
  }
  const args: unknown[] = [];
  const where = plan.constraints.map((constraint, i) => constraintSql(constraint, i, args)).join(' AND ');
  const table = plan.index.table;
  // Opaque documents (see index-keys.ts) are candidates for every query on this index.
  args.push(TAG.OPAQUE);
  return {
    sql:
      `SELECT ${COLUMNS} FROM documents d WHERE d.rid IN ` +
      `(SELECT rid FROM ${table} WHERE ${where} UNION SELECT rid FROM ${table} WHERE t0 = ?) ORDER BY d.rid`,
    args,
  };
}

/** A document of an ordered walk with its sort key (the index key parts of the sort fields). */
export interface OrderedCandidate {
  stored: StoredDoc;
  sortKey: KeyPart[];
}

/** The SQL of an ordered index walk (see query/plan.ts `planOrderedQuery`); opaque documents excluded. */
export function orderedQuery(plan: OrderedPlan<IndexInfo>): CandidateQuery {
  const args: unknown[] = [];
  const where = plan.constraints.map((constraint, i) => constraintSql(constraint, i, args));
  // Opaque rows are keyed OPAQUE in every column: a constraint on any column excludes them.
  if (where.length === 0) {
    where.push(`t${plan.sortFrom} <> ?`);
    args.push(TAG.OPAQUE);
  }
  const direction = plan.descending ? ' DESC' : '';
  const sortColumns: string[] = [];
  const order: string[] = [];
  for (let j = 0; j < plan.sortFields; j += 1) {
    const i = plan.sortFrom + j;
    sortColumns.push(`x.t${i} AS st${j}, x.v${i} AS sv${j}`);
    order.push(`x.t${i}${direction}`, `x.v${i}${direction}`);
  }
  return {
    sql:
      `SELECT ${COLUMNS}, ${sortColumns.join(', ')} FROM ${plan.index.table} x ` +
      `JOIN documents d ON d.rid = x.rid WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')}`,
    args,
  };
}

/** Counting the index entries of an exact equality plan (query/plan.ts `planExactEquality`), opaque ones excluded. */
export function countQuery(index: IndexInfo, constraints: FieldConstraint[]): CandidateQuery {
  const args: unknown[] = [];
  const where = constraints.map((constraint, i) => constraintSql(constraint, i, args)).join(' AND ');
  // One entry per document unless the index is multikey (then one per distinct element).
  const counted = index.multikey ? 'COUNT(DISTINCT rid)' : 'COUNT(*)';
  return { sql: `SELECT ${counted} AS n FROM ${index.table} WHERE ${where}`, args };
}

export class DocumentReader {
  private readonly statements: StatementCache;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly stats: ReadStats,
  ) {
    this.statements = new StatementCache(conn);
  }

  private statement(sql: string): Statement {
    return this.statements.get(sql);
  }

  private decode(row: Row): StoredDoc {
    this.stats.documentsExamined += 1;
    return { rid: row.rid, version: row.version, key: row.id_key, doc: decodeStored(row.doc) };
  }

  byKey(collection: CollectionInfo, key: string): StoredDoc | undefined {
    const row = this.statement(`SELECT ${COLUMNS} FROM documents d WHERE d.cid = ? AND d.id_key = ?`).get(
      collection.cid,
      key,
    ) as Row | undefined;
    return row ? this.decode(row) : undefined;
  }

  versionOf(collection: CollectionInfo, key: string): number | undefined {
    const row = this.statement('SELECT version FROM documents WHERE cid = ? AND id_key = ?').get(
      collection.cid,
      key,
    ) as { version: number } | undefined;
    return row?.version;
  }

  /**
   * Lazily decoded candidates. The connection is busy until the iteration ends, so callers that
   * write while going through them must collect them first.
   */
  *candidates(collection: CollectionInfo, plan: AccessPlan<IndexInfo>): Generator<StoredDoc> {
    const { sql, args } = candidateQuery(collection, plan);
    for (const row of this.statement(sql).iterate(...args) as IterableIterator<Row>) {
      yield this.decode(row);
    }
  }

  /**
   * Candidates in the order of an index walk, lazily: the caller stops when its page is full. Opaque
   * documents are not among them (see `opaque`).
   */
  *ordered(plan: OrderedPlan<IndexInfo>): Generator<OrderedCandidate> {
    const { sql, args } = orderedQuery(plan);
    const rows = this.statement(sql).iterate(...args) as IterableIterator<
      Row & Record<string, number | string>
    >;
    for (const row of rows) {
      const sortKey: KeyPart[] = [];
      for (let j = 0; j < plan.sortFields; j += 1) {
        sortKey.push({ t: row[`st${j}`] as number, v: row[`sv${j}`] });
      }
      yield { stored: this.decode(row), sortKey };
    }
  }

  /** The documents an index cannot key (opaque): candidates of every query on it. */
  *opaque(index: IndexInfo): Generator<StoredDoc> {
    const sql =
      `SELECT ${COLUMNS} FROM documents d WHERE d.rid IN ` +
      `(SELECT rid FROM ${index.table} WHERE t0 = ?) ORDER BY d.rid`;
    for (const row of this.statement(sql).iterate(TAG.OPAQUE) as IterableIterator<Row>) {
      yield this.decode(row);
    }
  }

  /** Index entries matching exact equality constraints, counted without reading a document. */
  countEntries(index: IndexInfo, constraints: FieldConstraint[]): number {
    const { sql, args } = countQuery(index, constraints);
    return (this.statement(sql).get(...args) as { n: number }).n;
  }

  /** The documents holding `row` in a (unique) index: who an insert or update would collide with. */
  holdersOf(index: IndexInfo, row: KeyPart[]): Array<{ key: string; version: number }> {
    const where = row.map((_part, i) => `x.t${i} = ? AND x.v${i} = ?`).join(' AND ');
    return this.statement(
      `SELECT d.id_key AS key, d.version AS version FROM ${index.table} x JOIN documents d ON d.rid = x.rid WHERE ${where}`,
    ).all(...row.flatMap((part) => [part.t, part.v])) as Array<{ key: string; version: number }>;
  }

  explain(query: CandidateQuery): string[] {
    const rows = this.conn.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.args) as Array<{
      detail: string;
    }>;
    return rows.map((row) => row.detail);
  }
}
