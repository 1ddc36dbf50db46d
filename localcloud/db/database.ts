/**
 * The local CloudBase database: `createDatabase` opens (or creates) the SQLite file in `dataDir`,
 * applies the manifest's collections and indexes, and answers every `database.*` action once
 * registered into the API transport.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TimeSource } from '../clock';
import type { TcbHandler, TcbRegistry, TcbRequest } from '../api/types';
import { aggregateDocuments } from './actions/aggregate';
import { addCollection } from './actions/collections';
import type { DbContext, Limits } from './actions/context';
import { calculateDocument, getDocument } from './actions/read';
import { abortTransaction, commitTransaction, startTransaction } from './actions/transactions';
import { insertDocument, modifyAndReturnDoc, modifyDocument, removeDocument } from './actions/write';
import { planOrderedQuery, planQuery } from './query/plan';
import { selectDocuments, countDocuments } from './query/select';
import { loadManifest, parseManifest, type Manifest } from './storage/manifest';
import { candidateQuery, orderedQuery, type ReadStats } from './storage/reader';
import type { Synchronous } from './storage/sqlite';
import { Storage } from './storage/storage';
import { TransactionManager, type TransactionOptions, type TransactionStats } from './tx/manager';
import { notSingleDocument, TRANSACTION_CONTROL } from './tx/singleDocument';
import { transactionNotSingleDocument } from './errors';
import { idKey, newDocumentId } from './wire/ids';
import { transactionId } from './wire/params';
import type { Doc } from './wire/values';

/**
 * database/collections.json of this repository: two levels up both from the sources (localcloud/db/)
 * and from the bundle (build/localcloud/); the working directory as a fallback.
 */
function defaultManifestPath(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'database', 'collections.json'),
    path.resolve(process.cwd(), 'database', 'collections.json'),
  ];
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

export const DEFAULT_MANIFEST_PATH = defaultManifestPath();

export interface DatabaseOptions {
  /** Where the SQLite file lives (created if missing): the runtime's DATA_DIR. */
  dataDir: string;
  /** The collections and indexes to create: a manifest file path or an already parsed manifest. */
  manifest?: string | Manifest | { collections: Record<string, unknown> };
  /** The runtime's clock: `db.serverDate()` and generated ids read it. */
  clock: TimeSource;
  /** `NORMAL` (default) survives kill -9; `FULL` also an OS crash or power loss, at an fsync per write. */
  synchronous?: Synchronous;
  transactions?: TransactionOptions;
  limits?: Partial<Limits>;
}

/** CloudBase's limits for a server SDK (localcloud/NOTES.md §3.5): at most 100 per get, 20 per pipeline without $limit. */
export const DEFAULT_LIMITS: Limits = { defaultGetLimit: 100, maxGetLimit: 100, aggregateDefaultLimit: 20 };

/** Every action the database answers (NOTES.md §3.0). */
export const DATABASE_ACTIONS = [
  'database.addCollection',
  'database.insertDocument',
  'database.getDocument',
  'database.calculateDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.aggregateDocuments',
  'database.startTransaction',
  'database.commitTransaction',
  'database.abortTransaction',
] as const;

export type DatabaseAction = (typeof DATABASE_ACTIONS)[number];

export interface QueryExplanation {
  /** `_id`, `scan`, or the name of the manifest index used. */
  access: string;
  sql: string;
  /** SQLite's EXPLAIN QUERY PLAN lines for `sql`. */
  sqlitePlan: string[];
}

function resolveManifest(manifest: DatabaseOptions['manifest']): Manifest {
  if (manifest === undefined) return loadManifest(DEFAULT_MANIFEST_PATH);
  if (typeof manifest === 'string') return loadManifest(manifest);
  if (manifest instanceof Map) return manifest;
  return parseManifest(manifest);
}

/** Database requests answered, by action: what a business action costs on CloudBase (one billed round trip each). */
export type CallStats = Record<DatabaseAction, number> & { total: number };

function zeroCalls(): CallStats {
  const calls = { total: 0 } as CallStats;
  for (const action of DATABASE_ACTIONS) calls[action] = 0;
  return calls;
}

export class LocalDatabase {
  /** The handler of each `database.*` action. */
  readonly handlers: Record<DatabaseAction, TcbHandler>;
  private readonly ctx: DbContext;
  private closed = false;
  private calls = zeroCalls();

  constructor(options: DatabaseOptions) {
    const storage = Storage.open({
      dataDir: options.dataDir,
      synchronous: options.synchronous ?? 'NORMAL',
      manifest: resolveManifest(options.manifest),
    });
    this.ctx = {
      storage,
      transactions: new TransactionManager(storage, options.transactions),
      clock: options.clock,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
    };
    const bind =
      (
        name: DatabaseAction,
        action: (ctx: DbContext, request: TcbRequest) => ReturnType<TcbHandler>,
      ): TcbHandler =>
      (request) => {
        this.calls[name] += 1;
        this.calls.total += 1;
        // One clock reading per request: every `$tcb_server_date` of it (and every generated id) is the
        // same instant, as on the server (NOTES.md §4.1). Two readings could straddle a millisecond.
        const now = this.ctx.clock.now();
        const ctx: DbContext = { ...this.ctx, clock: { now: () => now } };
        if (!TRANSACTION_CONTROL.has(name)) this.refuseUnlessSingleDocument(ctx, name, request);
        return action(ctx, request);
      };
    this.handlers = {
      'database.addCollection': bind('database.addCollection', addCollection),
      'database.insertDocument': bind('database.insertDocument', insertDocument),
      'database.getDocument': bind('database.getDocument', getDocument),
      'database.calculateDocument': bind('database.calculateDocument', calculateDocument),
      'database.modifyDocument': bind('database.modifyDocument', modifyDocument),
      'database.modifyAndReturnDoc': bind('database.modifyAndReturnDoc', modifyAndReturnDoc),
      'database.removeDocument': bind('database.removeDocument', removeDocument),
      'database.aggregateDocuments': bind('database.aggregateDocuments', aggregateDocuments),
      'database.startTransaction': bind('database.startTransaction', startTransaction),
      'database.commitTransaction': bind('database.commitTransaction', commitTransaction),
      'database.abortTransaction': bind('database.abortTransaction', abortTransaction),
    };
  }

  /** Registers every `database.*` action into the API transport. */
  register(registry: TcbRegistry): void {
    for (const action of DATABASE_ACTIONS) registry.register(action, this.handlers[action]);
  }

  /** Aborts open transactions and closes the SQLite file. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.transactions.close();
    this.ctx.storage.close();
  }

  collections(): string[] {
    return this.ctx.storage.catalog
      .all()
      .map((collection) => collection.name)
      .sort();
  }

  /** Creates a collection if it does not exist (seeding, tests). */
  ensureCollection(name: string): void {
    if (!this.ctx.storage.catalog.find(name)) this.ctx.storage.createCollection(name);
  }

  /**
   * Inserts documents directly, in one SQLite transaction (seeding). Values are JS values: Dates
   * stay Dates. Returns the `_id`s, generated where missing.
   */
  insert(collection: string, docs: Doc[]): unknown[] {
    const info = this.ctx.storage.catalog.require(collection);
    return this.ctx.storage.atomically(() =>
      docs.map((given) => {
        const doc = given._id === undefined ? { _id: newDocumentId(this.ctx.clock), ...given } : given;
        this.ctx.storage.writer.insert(info, idKey(doc._id), doc);
        return doc._id;
      }),
    );
  }

  /** Reads documents directly from the committed state (tests, tools). */
  find(
    collection: string,
    filter: Doc = {},
    options: { order?: Doc; skip?: number; limit?: number } = {},
  ): Doc[] {
    const info = this.ctx.storage.catalog.require(collection);
    return selectDocuments(this.committed(), info, filter, options);
  }

  count(collection: string, filter: Doc = {}): number {
    return countDocuments(this.committed(), this.ctx.storage.catalog.require(collection), filter);
  }

  /**
   * How a query would find its candidates: which index, and SQLite's plan for it. With `order` (a sorted
   * page), the ordered index walk when one serves the sort (access `<index> (ordered)`).
   */
  explain(collection: string, filter: Doc, order?: Doc): QueryExplanation {
    const info = this.ctx.storage.catalog.require(collection);
    const ordered = order ? planOrderedQuery(filter, order, info.indexes) : undefined;
    if (ordered) {
      const query = orderedQuery(ordered);
      const access = `${ordered.index.spec.name} (ordered)`;
      return { access, sql: query.sql, sqlitePlan: this.ctx.storage.reader.explain(query) };
    }
    const plan = planQuery(filter, info.indexes);
    const query = candidateQuery(info, plan);
    const access = plan.kind === 'index' ? plan.index.spec.name : plan.kind === 'ids' ? '_id' : 'scan';
    return { access, sql: query.sql, sqlitePlan: this.ctx.storage.reader.explain(query) };
  }

  /** Cumulative read counters (documents decoded and tested): how tests see an index at work. */
  stats(): Readonly<ReadStats> {
    return { ...this.ctx.storage.stats };
  }

  /**
   * Database requests answered since the start (or the last `resetCallStats`), by action – every request
   * the SDKs send, transactional or not. The bench (scripts/bench) counts business actions with it.
   */
  callStats(): CallStats {
    return { ...this.calls };
  }

  resetCallStats(): void {
    this.calls = zeroCalls();
  }

  /** Transactions started, committed and conflicted so far (diagnostics, benchmarks). */
  transactionStats(): TransactionStats {
    return this.ctx.transactions.stats();
  }

  /** Open transactions (diagnostics, tests). */
  openTransactions(): number {
    return this.ctx.transactions.activeCount();
  }

  /** Expires transactions past their timeout now rather than at the next periodic sweep. */
  expireTransactions(): void {
    this.ctx.transactions.sweep();
  }

  /**
   * A request carrying a transactionId must be a single-document operation (NOTES.md §3.8 7); otherwise
   * it is refused and its transaction aborted, so nothing is left half staged.
   */
  private refuseUnlessSingleDocument(ctx: DbContext, name: DatabaseAction, request: TcbRequest): void {
    const id = transactionId(request.params);
    if (id === undefined) return;
    const refused = notSingleDocument(name, request.params, ctx.clock);
    if (refused === null) return;
    this.ctx.transactions.abortIfOpen(id);
    throw transactionNotSingleDocument(refused);
  }

  private committed(): Parameters<typeof selectDocuments>[0] {
    const { reader } = this.ctx.storage;
    return {
      candidates: (info, plan) => reader.candidates(info, plan),
      ordered: (plan) => reader.ordered(plan),
      opaque: (index) => reader.opaque(index),
      countEntries: (index, constraints) => reader.countEntries(index, constraints),
    };
  }
}

export function createDatabase(options: DatabaseOptions): LocalDatabase {
  return new LocalDatabase(options);
}
