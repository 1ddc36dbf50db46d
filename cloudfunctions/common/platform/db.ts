/**
 * The database handle every function uses, and the names of its collections (database/collections.json
 * lists them with their indexes). `throwOnNotFound: false` makes `doc(id).get()` answer `{ data: null }`
 * for a missing document instead of throwing, so that "not there" is an ordinary branch.
 */
import { cloud } from './cloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- documents are schemaless on the wire */
/*
 * wx-server-sdk's own typings return `void | string | result` from every call (callback style) and say
 * nothing of throwOnNotFound; these interfaces describe the promise style the functions use.
 */
export type Doc = Record<string, any>;

export interface DocumentRef {
  get(): Promise<{ data: Doc | null }>;
  set(options: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Query {
  where(query: Doc): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Doc): Query;
  get(): Promise<{ data: Doc[] }>;
  count(): Promise<{ total: number }>;
  /** Updates every match atomically per document; `stats.updated` says how many matched and changed. */
  update(options: { data: Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CollectionRef extends Query {
  doc(id: string): DocumentRef;
  add(options: { data: Doc }): Promise<{ _id: string }>;
  aggregate(): any;
}

export interface Database {
  collection(name: CollectionName): CollectionRef;
  command: any;
  serverDate(options?: { offset: number }): unknown;
  /** A regular-expression condition (`db.RegExp({ regexp, options: 'i' })`); escape what users type. */
  RegExp(options: { regexp: string; options?: string }): unknown;
  runTransaction<T>(work: (t: Transaction) => Promise<T>, retries?: number): Promise<T>;
}

export const db = cloud.database({ throwOnNotFound: false } as Parameters<
  typeof cloud.database
>[0]) as unknown as Database;
export const _ = db.command;

export const COLLECTIONS = {
  users: 'users',
  bindings: 'bindings',
  admins: 'admins',
  accounts: 'accounts',
  ledger: 'ledger',
  commissions: 'commissions',
  withdrawals: 'withdrawals',
  products: 'products',
  orders: 'orders',
  paymentNotices: 'paymentNotices',
  refunds: 'refunds',
  config: 'config',
  configHistory: 'configHistory',
  statsDaily: 'statsDaily',
  statsTotals: 'statsTotals',
  posters: 'posters',
  jobs: 'jobs',
  messages: 'messages',
  decoration: 'decoration',
  materials: 'materials',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** CloudBase answers at most 100 documents per server-side get (localcloud/NOTES.md). */
export const GET_LIMIT = 100;

/**
 * The documents of `collection` with these ids, by id – one query per 100 ids; `projection` limits the
 * fields read. Missing ids are simply absent from the map.
 */
export async function docsByIds(
  collection: CollectionName,
  ids: readonly string[],
  projection?: Record<string, boolean>,
): Promise<Map<string, Doc>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, Doc>();
  for (let i = 0; i < unique.length; i += GET_LIMIT) {
    const chunk = unique.slice(i, i + GET_LIMIT);
    let query = db
      .collection(collection)
      .where({ _id: _.in(chunk) })
      .limit(chunk.length);
    if (projection) query = query.field(projection);
    for (const doc of (await query.get()).data) found.set(doc._id as string, doc);
  }
  return found;
}

/**
 * What a transaction may do: single-document operations only – `doc(id).get/set/update/remove` and
 * `add` (WeChat's documentation of Transaction.collection; localcloud/NOTES.md). No queries: the local
 * CloudBase refuses a `where` carrying a transactionId as CloudBase does, and `where().update()`,
 * `count()` and `aggregate()` would silently run OUTSIDE the transaction (they carry no transactionId on
 * the wire) – so this interface does not offer them, and the compiler refuses their use.
 */
export interface TxCollection {
  doc(id: string): DocumentRef;
  add(options: { data: Doc }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection(name: CollectionName): TxCollection;
  rollback(reason?: unknown): Promise<void>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
