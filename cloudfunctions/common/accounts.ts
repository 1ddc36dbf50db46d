/**
 * Reading a distributor's account outside a transaction – for display and for cheap early refusals. The
 * balances themselves move only through ledger.ts `postLedger`, inside a transaction.
 */
import { COLLECTIONS, db } from './db';
import { type AccountDoc, emptyAccount } from './ledger';

/** The account of `userId` (an empty one if it has none yet). */
export async function loadAccount(userId: string, now = Date.now()): Promise<AccountDoc> {
  const { data } = await db.collection(COLLECTIONS.accounts).doc(userId).get();
  return data
    ? ({ ...emptyAccount(userId, now), ...data, _id: userId } as AccountDoc)
    : emptyAccount(userId, now);
}
