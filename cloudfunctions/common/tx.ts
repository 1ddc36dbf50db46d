/**
 * Transactions with a retry on write conflicts. CloudBase gives snapshot isolation: a transaction that
 * writes a document someone else changed since its snapshot fails with a conflict. node-sdk retries such
 * a conflict itself, but wx-server-sdk only retries a conflict at commit – one on a write inside the
 * callback reaches us as errCode -501001 "[ResourceUnavailable.TransactionConflict]". So the SDK's own
 * retry is switched off and every conflict is retried here, from a fresh snapshot, the same way.
 *
 * The callback must be safe to run again: it re-reads what it decides on (the order's status, the
 * balance) inside the transaction, and it throws an AppError to refuse – which aborts and reaches the
 * caller unchanged.
 */
import { AppError } from '../../shared/errors';
import { db, type Transaction } from './db';

const CONFLICT_MARKERS = ['DATABASE_TRANSACTION_CONFLICT', 'TransactionConflict'];

export function isTransactionConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errMsg, message } = error as { code?: unknown; errMsg?: unknown; message?: unknown };
  const text = [code, errMsg, message].filter((v) => typeof v === 'string').join(' ');
  return CONFLICT_MARKERS.some((marker) => text.includes(marker));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
}

/**
 * Runs `work` in a transaction, retrying write conflicts from a fresh snapshot. A conflict that outlasts
 * every attempt is answered as CONFLICT – the API's "it changed concurrently, try again" – never as
 * INTERNAL: it is load, not a bug.
 */
export async function inTransaction<T>(
  work: (t: Transaction) => Promise<T>,
  { attempts = 8 }: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.runTransaction(work, 0);
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= attempts) throw new AppError('CONFLICT', '操作过于频繁，请稍后重试');
      // Jittered backoff so that colliding invocations do not collide again in lockstep.
      await sleep(Math.floor(Math.random() * 15 * attempt) + 5);
    }
  }
}
