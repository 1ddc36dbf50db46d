/**
 * Storing a fresh invite code under the unique index `users.inviteCode_unique`: draw a code, try, and
 * draw again when the index says it is taken. No database access of its own (the caller's `work` does
 * the write), so the retry rule can be checked without one.
 */
import { newInviteCode } from './ids';

/** Attempts at a free code: 29^7 codes make even a second draw rare. */
export const INVITE_CODE_DRAWS = 5;

/**
 * The unique index on users.inviteCode refused the code. wx-server-sdk reports it as errCode -501001 with
 * "[FailedOperation] E11000 duplicate key error collection: users index: inviteCode_unique …".
 */
export function isInviteCodeClash(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errMsg, message } = error as { errMsg?: unknown; message?: unknown };
  const text = [errMsg, message].filter((v) => typeof v === 'string').join(' ');
  return /E11000|DUPLICATE/i.test(text) && text.includes('inviteCode');
}

/**
 * Runs `work` with a fresh code and draws another when the unique index refuses it. A code taken by a
 * transaction that committed after ours started shows first as a conflict: the retry inside
 * inTransaction then sees it and refuses it as a duplicate, which lands here.
 */
export async function withFreshInviteCode<T>(
  work: (code: string) => Promise<T>,
  draw: () => string = newInviteCode,
  draws = INVITE_CODE_DRAWS,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(draw());
    } catch (error) {
      if (!isInviteCodeClash(error) || attempt >= draws) throw error;
    }
  }
}
