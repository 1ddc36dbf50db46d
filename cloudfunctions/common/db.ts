/**
 * The database handle every function uses, and the names of its collections (database/collections.json
 * lists them with their indexes). `throwOnNotFound: false` makes `doc(id).get()` answer `{ data: null }`
 * for a missing document instead of throwing, so that "not there" is an ordinary branch.
 */
import { cloud } from './cloud';

// The SDK's typings omit throwOnNotFound although the SDK reads it (see wx-server-sdk's document.get).
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]);
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
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/* eslint-disable @typescript-eslint/no-explicit-any -- documents are schemaless on the wire */
/**
 * What a transaction of wx-server-sdk offers (its own typings say `any`). Only these operations are
 * transactional: doc get/set/update/remove, add and where().get(). `where().update()`, `where().remove()`,
 * `count()` and `aggregate()` on a transaction's collection silently run OUTSIDE the transaction (they
 * carry no transactionId on the wire), so they must never be used inside one.
 */
export interface TxDocument {
  get(): Promise<{ data: any | null }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}

export interface TxCollection {
  doc(id: string): TxDocument;
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
  where(query: Record<string, unknown>): { get(): Promise<{ data: any[] }> };
}

export interface Transaction {
  collection(name: CollectionName): TxCollection;
  rollback(reason?: unknown): Promise<void>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
