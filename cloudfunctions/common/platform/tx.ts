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
import { AppError } from '../../../shared/errors';
import { db, type Transaction } from './db';

/**
 * A write conflict, recognised by its error code: node-sdk's `code`, or – wx-server-sdk passes on only
 * `errCode` -501001 (any database error) and the message – the platform's error code that the message
 * carries in brackets: `document.set:fail -501001 resource system error. [ResourceUnavailable.
 * TransactionConflict] Transaction is conflict, …`.
 */
const CONFLICT_CODES = new Set(['DATABASE_TRANSACTION_CONFLICT', 'ResourceUnavailable.TransactionConflict']);
const PLATFORM_CODE = /\[([A-Za-z]+\.[A-Za-z]+)\]/;

export function isTransactionConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errMsg, message } = error as { code?: unknown; errMsg?: unknown; message?: unknown };
  if (typeof code === 'string' && CONFLICT_CODES.has(code)) return true;
  return [errMsg, message].some((text) => {
    const match = typeof text === 'string' ? PLATFORM_CODE.exec(text) : null;
    return match !== null && CONFLICT_CODES.has(match[1]);
  });
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
