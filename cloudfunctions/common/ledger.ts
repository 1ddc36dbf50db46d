/**
 * Posting to the append-only ledger inside a transaction. Each entry is written under its idempotency key
 * (`_id`, shared/ledger.ts), its user's account document moves by exactly the entry (applyEntry refuses
 * what would break an invariant), and the same movement is mirrored into the running totals of the whole
 * mall, which the dashboard reads – bumped in the statsTotals shard of the caller's shard key (stats.ts),
 * so that money transactions about different orders and withdrawals rarely write the same document. An
 * entry whose key exists already was posted by an earlier run of the same event and is skipped: posting
 * is idempotent even if a caller's own guard fails.
 */
import {
  type Balances,
  type LedgerCause,
  type LedgerKind,
  ZERO_BALANCES,
  addBalances,
  applyEntry,
  balanceDelta,
  ledgerIdempotencyKey,
  totalEarnedFen,
} from '../../shared/ledger';
import { COLLECTIONS, type Transaction } from './db';
import { bumpStats } from './stats';

export type LedgerPosting = LedgerCause & {
  userId: string;
  amountFen: number;
  orderId?: string;
};

export interface AccountDoc extends Balances {
  _id: string;
  totalEarnedFen: number;
  settledSalesFen: number;
  commissionEarnedFen: number;
  directDistributors: number;
  team: { level1: number; level2: number; level3: number };
  updatedAt: number;
}

export function emptyAccount(userId: string, now: number): AccountDoc {
  return {
    _id: userId,
    ...ZERO_BALANCES,
    totalEarnedFen: 0,
    settledSalesFen: 0,
    commissionEarnedFen: 0,
    directDistributors: 0,
    team: { level1: 0, level2: 0, level3: 0 },
    updatedAt: now,
  };
}

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}

/** Reads an account inside the transaction (an empty one if the user has none yet). */
export async function readAccount(t: Transaction, userId: string, now: number): Promise<AccountDoc> {
  const { data } = await t.collection(COLLECTIONS.accounts).doc(userId).get();
  return data
    ? ({ ...emptyAccount(userId, now), ...data, _id: userId } as AccountDoc)
    : emptyAccount(userId, now);
}

export async function writeAccount(t: Transaction, account: AccountDoc): Promise<void> {
  await t
    .collection(COLLECTIONS.accounts)
    .doc(account._id)
    .set({ data: withoutId(account) });
}

/**
 * Posts the entries, grouped per user so that each account is read and written once. Returns the
 * entries actually written (those already in the ledger are left out). `shardKey` is what the
 * transaction is about (the order, the withdrawal): the one the caller's own bumpStats uses, so that
 * the transaction writes one totals shard.
 */
export async function postLedger(
  t: Transaction,
  postings: LedgerPosting[],
  now: number,
  shardKey: string,
): Promise<LedgerPosting[]> {
  const fresh: LedgerPosting[] = [];
  for (const posting of postings) {
    const key = ledgerIdempotencyKey(posting);
    const { data } = await t.collection(COLLECTIONS.ledger).doc(key).get();
    if (!data) fresh.push(posting);
  }
  if (fresh.length === 0) return fresh;

  const byUser = new Map<string, LedgerPosting[]>();
  for (const posting of fresh) byUser.set(posting.userId, [...(byUser.get(posting.userId) ?? []), posting]);
  let mirrored: Balances = { ...ZERO_BALANCES };
  for (const [userId, entries] of byUser) {
    const account = await readAccount(t, userId, now);
    let balances: Balances = pickBalances(account);
    for (const entry of entries) {
      const movement = { kind: entry.kind as LedgerKind, amountFen: entry.amountFen };
      balances = applyEntry(balances, movement);
      mirrored = addBalances(mirrored, balanceDelta(movement));
      await t.collection(COLLECTIONS.ledger).add({ data: toLedgerDoc(entry, now) });
    }
    await writeAccount(t, {
      ...account,
      ...balances,
      totalEarnedFen: totalEarnedFen(balances),
      updatedAt: now,
    });
  }
  await bumpStats(t, now, shardKey, { totals: mirrored });
  return fresh;
}

function toLedgerDoc(entry: LedgerPosting, now: number): Record<string, unknown> {
  const { kind, userId, amountFen, orderId } = entry;
  const doc: Record<string, unknown> = {
    _id: ledgerIdempotencyKey(entry),
    kind,
    userId,
    amountFen,
    createdAt: now,
  };
  if (orderId) doc.orderId = orderId;
  if ('commissionId' in entry) doc.commissionId = entry.commissionId;
  if ('refundId' in entry) doc.refundId = entry.refundId;
  if ('withdrawalId' in entry) doc.withdrawalId = entry.withdrawalId;
  return doc;
}

/** The four balances of an account, nothing else. */
export function pickBalances(source: Balances): Balances {
  const { pendingFen, availableFen, frozenFen, withdrawnFen } = source;
  return { pendingFen, availableFen, frozenFen, withdrawnFen };
}
