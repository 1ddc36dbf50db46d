/**
 * Everything a money transaction changes besides its own documents, collected and then written once:
 * ledger entries, the accounts they move (accounts.ts), and the mall's statistics (stats.ts).
 *
 *   const effects = new MoneyEffects();
 *   effects.post({ kind: 'commission_pending', commissionId, userId, amountFen, orderId });
 *   effects.figures(userId, { commissionEarnedFen: 100 });
 *   effects.count({ daily: { orders: 1 } });
 *   await effects.write(t, now, orderId);   // inside the transaction, last
 *
 * Costs, whatever the number of entries per user: one `add` per ledger entry, one blind update per
 * account, one statistics write. Each entry's `_id` is its idempotency key (shared/ledger.ts): writing
 * the same cause twice fails on the key and aborts the transaction instead of moving money twice – the
 * callers' status guards (the order is still unpaid, the withdrawal still pending) make that a bug, not
 * a path. The balance movements are mirrored into the running totals (the dashboard's commission
 * figures) in the same statistics write.
 */
import type { DistributorStatus } from '../../../shared/distributor';
import {
  type Balances,
  type LedgerCause,
  type LedgerEntry,
  balanceDelta,
  ledgerIdempotencyKey,
} from '../../../shared/ledger';
import { AccountDeltas, type FigureDelta } from './accounts';
import { COLLECTIONS, type Transaction } from '../platform/db';
import { type StatsDelta, bumpStats, mergeStats } from './stats';

export type LedgerPosting = LedgerCause & {
  userId: string;
  amountFen: number;
  orderId?: string;
};

function toLedgerDoc(entry: LedgerPosting, now: number): LedgerEntry {
  const doc: LedgerEntry = {
    _id: ledgerIdempotencyKey(entry),
    kind: entry.kind,
    userId: entry.userId,
    amountFen: entry.amountFen,
    createdAt: now,
  };
  if (entry.orderId) doc.orderId = entry.orderId;
  if ('commissionId' in entry) doc.commissionId = entry.commissionId;
  if ('refundId' in entry) doc.refundId = entry.refundId;
  if ('withdrawalId' in entry) doc.withdrawalId = entry.withdrawalId;
  return doc;
}

export class MoneyEffects {
  readonly entries: LedgerPosting[] = [];
  readonly accounts = new AccountDeltas();
  private readonly stats: StatsDelta[] = [];

  /** A ledger entry, and the balances it moves (on the account and in the mall's totals). */
  post(posting: LedgerPosting): void {
    const movement: Balances = balanceDelta(posting);
    this.entries.push(posting);
    this.accounts.balances(posting.userId, movement);
    this.stats.push({ totals: { ...movement } });
  }

  /** Grade figures or team counts of an account. */
  figures(userId: string, delta: FigureDelta): void {
    this.accounts.figures(userId, delta);
  }

  /** The copy of a user's distributor status on its account. */
  status(userId: string, status: DistributorStatus): void {
    this.accounts.status(userId, status);
  }

  /** Statistics of the event (orders, sales, users, …). */
  count(delta: StatsDelta): void {
    this.stats.push(delta);
  }

  /** Writes everything collected, inside `t`; `shardKey` picks the statistics shard (stats.ts). */
  async write(t: Transaction, now: number, shardKey: string): Promise<void> {
    for (const entry of this.entries) {
      await t.collection(COLLECTIONS.ledger).add({ data: toLedgerDoc(entry, now) });
    }
    await this.accounts.write(t, now);
    await bumpStats(t, now, shardKey, mergeStats(...this.stats));
  }
}
