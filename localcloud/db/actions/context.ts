/** What every database action works with, and how it picks the documents it sees. */
import type { TimeSource } from '../../clock';
import type { CandidateSource } from '../query/select';
import type { CollectionInfo } from '../storage/catalog';
import type { StoredDoc } from '../storage/reader';
import type { Storage } from '../storage/storage';
import type { TransactionManager } from '../tx/manager';
import type { Transaction } from '../tx/transaction';
import { transactionId, type Params } from '../wire/params';

export interface Limits {
  /** `get()` without `limit` (the SDKs always send one; 100 is their default too). */
  defaultGetLimit: number;
  /**
   * The most one `get()` returns. The SDKs send `limit(n)` up to 1000, but the docs also say 100 for a
   * cloud function: the stricter 100 (NOTES.md §3.5). A larger limit is capped, not refused.
   */
  maxGetLimit: number;
  /** An aggregate pipeline without `$limit` returns at most this many (0: no default). */
  aggregateDefaultLimit: number;
}

export interface DbContext {
  storage: Storage;
  transactions: TransactionManager;
  clock: TimeSource;
  limits: Limits;
}

export interface DocumentView extends CandidateSource {
  get(collection: CollectionInfo, key: string): StoredDoc | undefined;
}

function committedView(storage: Storage): DocumentView {
  return {
    get: (collection, key) => storage.reader.byKey(collection, key),
    candidates: (collection, plan) => storage.reader.candidates(collection, plan),
    ordered: (plan) => storage.reader.ordered(plan),
    opaque: (index) => storage.reader.opaque(index),
    countEntries: (index, constraints) => storage.reader.countEntries(index, constraints),
  };
}

export interface Scope {
  view: DocumentView;
  /** Present when the request carries a `transactionId`. */
  tx?: Transaction;
}

/** The committed state, or the request's transaction (DATABASE_TRANSACTION_FAIL if it is over). */
export function scopeOf(ctx: DbContext, params: Params): Scope {
  const id = transactionId(params);
  if (id === undefined) return { view: committedView(ctx.storage) };
  const tx = ctx.transactions.require(id);
  return { view: ctx.transactions.view(tx), tx };
}
