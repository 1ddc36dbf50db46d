/**
 * Transactions (`database.startTransaction` / `commitTransaction` / `abortTransaction`, and the
 * ordinary actions carrying `transactionId`).
 *
 * - Reads see a snapshot taken at start (a read transaction pinned on its own SQLite connection)
 *   plus the transaction's own writes.
 * - Writes are staged in memory and applied at commit in one SQLite transaction: all or nothing,
 *   also across a crash.
 * - Conflicts are first-writer-wins, detected at the write as on CloudBase: writing a document that
 *   changed since the snapshot, or that another open transaction has written, raises
 *   DATABASE_TRANSACTION_CONFLICT. Writes outside transactions never wait or fail on a transaction's
 *   account; a document they change under an open transaction makes that transaction conflict at its
 *   next write of it or at commit.
 * - A conflicted transaction is aborted on the spot: the SDKs retry runTransaction with a new
 *   transaction without aborting the old one. Abandoned transactions expire after 30 s.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TcbError } from '../../api/types';
import { duplicateKey, transactionConflict, transactionNotExist } from '../errors';
import type { CollectionInfo } from '../storage/catalog';
import { describeKey, indexKeysOf } from '../storage/index-keys';
import type { Storage } from '../storage/storage';
import type { Doc } from '../wire/values';
import { TransactionView } from './overlay';
import { Transaction, lockKey, type TransactionState } from './transaction';

export interface TransactionOptions {
  /** CloudBase's limit: a transaction must commit or abort within 30 s. */
  timeoutMs?: number;
  /** Monotonic milliseconds; injectable so tests can expire transactions without waiting. */
  now?: () => number;
  /**
   * Called after each write a commit applies, inside its SQLite transaction. A fault-injection point
   * for the crash tests (a fixture kills the process here to prove commits are all or nothing).
   */
  afterCommitWrite?: (applied: number) => void;
}

/** How many ended transactions are remembered, to tell "already ended" from "never existed". */
const ENDED_MEMORY = 10_000;

/**
 * Cumulative counters since the database opened (diagnostics and benchmarks, see
 * scripts/bench/payments.ts): transactions started and committed, and conflicts by the collection of
 * the document that conflicted – which documents concurrent transactions queue on.
 */
export interface TransactionStats {
  started: number;
  committed: number;
  conflicts: number;
  conflictsByCollection: Record<string, number>;
}

export class TransactionManager {
  private readonly active = new Map<string, Transaction>();
  private readonly ended = new Map<string, TransactionState>();
  /** `${cid}:${idKey}` → the open transaction that has written that document. */
  private readonly locks = new Map<string, Transaction>();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly afterCommitWrite: ((applied: number) => void) | undefined;
  private readonly counters: TransactionStats = {
    started: 0,
    committed: 0,
    conflicts: 0,
    conflictsByCollection: {},
  };

  constructor(
    private readonly storage: Storage,
    options: TransactionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => performance.now());
    this.afterCommitWrite = options.afterCommitWrite;
    // Expiry is also checked whenever a transaction is touched; the sweep releases the snapshot
    // connections and locks of transactions nobody touches again.
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.timeoutMs, 5_000));
    this.sweeper.unref();
  }

  start(): Transaction {
    const id = `tx_${randomBytes(12).toString('hex')}`;
    const tx = new Transaction(id, this.storage.openSnapshot(), this.now());
    this.active.set(id, tx);
    this.counters.started += 1;
    return tx;
  }

  stats(): TransactionStats {
    return { ...this.counters, conflictsByCollection: { ...this.counters.conflictsByCollection } };
  }

  /** The open transaction `id`, or DATABASE_TRANSACTION_FAIL. */
  require(id: string): Transaction {
    const tx = this.active.get(id);
    if (!tx || this.expireIfDue(tx)) throw transactionNotExist();
    return tx;
  }

  view(tx: Transaction): TransactionView {
    return new TransactionView(tx);
  }

  activeCount(): number {
    return this.active.size;
  }

  /**
   * Stages a write (`doc` null = remove) after the conflict and unique checks. `rid` is the
   * document's place in natural order if it existed.
   */
  stage(tx: Transaction, collection: CollectionInfo, key: string, doc: Doc | null, rid?: number): void {
    const lock = lockKey(collection, key);
    const owner = this.locks.get(lock);
    if (owner && owner !== tx && !this.expireIfDue(owner)) throw this.conflict(tx, collection);
    const current = this.storage.reader.versionOf(collection, key);
    const previous = tx.writes.get(lock);
    if (previous) {
      if (current !== previous.baseVersion) throw this.conflict(tx, collection);
    } else if (tx.snapshot.reader.versionOf(collection, key) !== current) {
      throw this.conflict(tx, collection);
    }
    if (doc !== null) this.checkUnique(tx, collection, key, doc);
    if (previous) {
      previous.doc = doc;
      return;
    }
    tx.writes.set(lock, { collection, key, doc, baseVersion: current, rid, order: tx.nextOrder() });
    this.locks.set(lock, tx);
  }

  commit(id: string): void {
    const tx = this.active.get(id);
    if (!tx || this.expireIfDue(tx)) throw transactionNotExist();
    try {
      for (const write of tx.writes.values()) {
        const current = this.storage.reader.versionOf(write.collection, write.key);
        if (current !== write.baseVersion) throw this.conflict(tx, write.collection);
      }
      for (const write of tx.writes.values()) {
        if (write.doc !== null) this.checkUnique(tx, write.collection, write.key, write.doc);
      }
      this.storage.atomically(() => this.apply(tx));
    } catch (error) {
      // A transaction that cannot commit is over, as in MongoDB.
      this.end(tx, 'aborted');
      throw error;
    }
    this.end(tx, 'committed');
    this.counters.committed += 1;
  }

  private apply(tx: Transaction): void {
    let applied = 0;
    for (const write of tx.writes.values()) {
      const existing = this.storage.reader.byKey(write.collection, write.key);
      if (write.doc === null) {
        if (existing) this.storage.writer.remove(write.collection, existing);
      } else if (existing) {
        this.storage.writer.replace(write.collection, existing, write.doc);
      } else {
        this.storage.writer.insert(write.collection, write.key, write.doc);
      }
      applied += 1;
      this.afterCommitWrite?.(applied);
    }
  }

  /**
   * Aborting is idempotent for transactions that were aborted (also by a conflict): runTransaction
   * aborts after errors and ignores the answer anyway. Committed, expired or unknown ones fail.
   */
  abort(id: string): void {
    const tx = this.active.get(id);
    if (tx && !this.expireIfDue(tx)) {
      this.end(tx, 'aborted');
      return;
    }
    const state = this.ended.get(id);
    if (state === 'aborted' || state === 'conflicted') return;
    throw transactionNotExist();
  }

  /** Ends the open transaction `id`, if there is one (a refused request inside it). */
  abortIfOpen(id: string): void {
    const tx = this.active.get(id);
    if (tx) this.end(tx, 'aborted');
  }

  /** Ends a transaction one of whose actions failed (a no-op if a conflict already ended it). */
  abortAfterError(tx: Transaction): void {
    this.end(tx, 'aborted');
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const tx of [...this.active.values()]) this.end(tx, 'aborted');
  }

  /** Expires transactions past their time: releases their snapshot and locks. */
  sweep(): void {
    for (const tx of [...this.active.values()]) this.expireIfDue(tx);
  }

  private expireIfDue(tx: Transaction): boolean {
    if (tx.state !== 'active') return true;
    if (this.now() - tx.startedAt <= this.timeoutMs) return false;
    this.end(tx, 'expired');
    return true;
  }

  private conflict(tx: Transaction, collection: CollectionInfo): TcbError {
    this.end(tx, 'conflicted');
    const { counters } = this;
    counters.conflicts += 1;
    counters.conflictsByCollection[collection.name] =
      (counters.conflictsByCollection[collection.name] ?? 0) + 1;
    return transactionConflict();
  }

  private end(tx: Transaction, state: TransactionState): void {
    if (tx.state !== 'active') return;
    tx.state = state;
    this.active.delete(tx.id);
    for (const lock of tx.writes.keys()) {
      if (this.locks.get(lock) === tx) this.locks.delete(lock);
    }
    this.storage.releaseSnapshot(tx.snapshot);
    this.ended.set(tx.id, state);
    if (this.ended.size > ENDED_MEMORY) {
      const oldest = this.ended.keys().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  /**
   * Unique indexes, checked against the committed state as the transaction would leave it. A clash
   * with a document committed after the snapshot is a concurrent write (a conflict, so that the
   * retry sees it); a clash with older data or with the transaction's own writes is a duplicate.
   */
  private checkUnique(tx: Transaction, collection: CollectionInfo, key: string, doc: Doc): void {
    for (const index of collection.indexes) {
      if (!index.spec.unique) continue;
      const keys = indexKeysOf(doc, index.spec);
      if (keys.opaque) continue;
      for (const row of keys.rows) {
        const rowText = JSON.stringify(row);
        for (const holder of this.storage.reader.holdersOf(index, row)) {
          if (holder.key === key || tx.writes.has(lockKey(collection, holder.key))) continue;
          if (holder.version > tx.snapshot.seq) throw this.conflict(tx, collection);
          throw duplicateKey(collection.name, index.spec.name, describeKey(index.spec, row));
        }
        for (const write of tx.writesIn(collection)) {
          if (write.key === key || write.doc === null) continue;
          const other = indexKeysOf(write.doc, index.spec);
          if (!other.opaque && other.rows.some((otherRow) => JSON.stringify(otherRow) === rowText)) {
            throw duplicateKey(collection.name, index.spec.name, describeKey(index.spec, row));
          }
        }
      }
    }
  }
}
