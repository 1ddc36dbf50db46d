/**
 * The `accounts` collection – one document per user who ever earned, was invited to a team or became a
 * distributor, `_id` = the user's id (database/README.md). It holds:
 *
 * - the four balances (shared/ledger.ts Balances), which move ONLY with ledger entries (ledger.ts
 *   MoneyEffects), in the same transaction;
 * - the grade figures and team counts, moved by the event that changes them:
 *   - `commissionEarnedFen`: commission that has settled, less what refunds after settlement clawed back;
 *   - `settledSalesFen`: the sales a distributor brought directly – for each of its settled LEVEL-1
 *     commissions, the paid amount still standing at settlement (paid − refunded) of the lines it earned
 *     on, less later refunds of those lines (with selfPurchase on, its own purchases count);
 *   - `directDistributors`: active distributors bound directly to it (binding.ts, distributors.ts);
 *   - `team.level1..3`: users bound to it at each depth (binding.ts);
 * - `distributorStatus`, a copy of the user's, written in the same transaction as every change of it
 *   (distributors.ts), so that a withdrawal decides on the account document alone.
 *
 * Writes are blind increments (`_.inc`, no read first): a money transaction pays one call per account it
 * moves. An account that does not exist yet is created with the same figures.
 */
import { type AccountDoc, type TeamCounts, emptyAccount } from '../../../shared/account';
import type { DistributorStatus } from '../../../shared/distributor';
import { type Balances, ZERO_BALANCES, totalEarnedFen } from '../../../shared/ledger';
import { COLLECTIONS, _, type Doc, type Transaction, db } from '../platform/db';

export { type AccountDoc, type TeamCounts, emptyAccount };

function withDefaults(userId: string, data: Doc | null, now: number): AccountDoc {
  return data
    ? ({ ...emptyAccount(userId, now), ...data, _id: userId } as AccountDoc)
    : emptyAccount(userId, now);
}

/** The account of `userId` outside a transaction (an empty one if it has none yet): display, cheap checks. */
export async function loadAccount(userId: string, now = Date.now()): Promise<AccountDoc> {
  const { data } = await db.collection(COLLECTIONS.accounts).doc(userId).get();
  return withDefaults(userId, data, now);
}

/** The account read inside the transaction (an empty one if the user has none yet). */
export async function readAccount(t: Transaction, userId: string, now: number): Promise<AccountDoc> {
  const { data } = await t.collection(COLLECTIONS.accounts).doc(userId).get();
  return withDefaults(userId, data, now);
}

/** The four balances of an account, nothing else. */
export function pickBalances(source: Balances): Balances {
  const { pendingFen, availableFen, frozenFen, withdrawnFen } = source;
  return { pendingFen, availableFen, frozenFen, withdrawnFen };
}

/** What one event changes on one account: balances (from ledger entries), figures, the status copy. */
export interface AccountDelta {
  balances: Balances;
  commissionEarnedFen: number;
  settledSalesFen: number;
  directDistributors: number;
  team: TeamCounts;
  distributorStatus?: DistributorStatus;
}

export type FigureDelta = Partial<Omit<AccountDelta, 'balances' | 'team' | 'distributorStatus'>> & {
  team?: Partial<TeamCounts>;
};

function zeroDelta(): AccountDelta {
  return {
    balances: { ...ZERO_BALANCES },
    commissionEarnedFen: 0,
    settledSalesFen: 0,
    directDistributors: 0,
    team: { level1: 0, level2: 0, level3: 0 },
  };
}

const TEAM_KEYS = ['level1', 'level2', 'level3'] as const;
const BALANCE_KEYS = ['pendingFen', 'availableFen', 'frozenFen', 'withdrawnFen'] as const;

/** Accumulates the deltas of one transaction per account, to write each account once. */
export class AccountDeltas {
  readonly byUser = new Map<string, AccountDelta>();

  private of(userId: string): AccountDelta {
    let delta = this.byUser.get(userId);
    if (!delta) this.byUser.set(userId, (delta = zeroDelta()));
    return delta;
  }

  balances(userId: string, movement: Balances): void {
    const delta = this.of(userId);
    for (const key of BALANCE_KEYS) delta.balances[key] += movement[key];
  }

  figures(userId: string, figures: FigureDelta): void {
    const delta = this.of(userId);
    delta.commissionEarnedFen += figures.commissionEarnedFen ?? 0;
    delta.settledSalesFen += figures.settledSalesFen ?? 0;
    delta.directDistributors += figures.directDistributors ?? 0;
    for (const key of TEAM_KEYS) delta.team[key] += figures.team?.[key] ?? 0;
  }

  status(userId: string, status: DistributorStatus): void {
    this.of(userId).distributorStatus = status;
  }

  /** One blind update per account that changes at all; an account missing yet is created. */
  async write(t: Transaction, now: number): Promise<void> {
    for (const [userId, delta] of this.byUser) {
      const incs: [string, number][] = [
        ...BALANCE_KEYS.map((key): [string, number] => [key, delta.balances[key]]),
        ['totalEarnedFen', totalEarnedFen(delta.balances)],
        ['commissionEarnedFen', delta.commissionEarnedFen],
        ['settledSalesFen', delta.settledSalesFen],
        ['directDistributors', delta.directDistributors],
        ...TEAM_KEYS.map((key): [string, number] => [`team.${key}`, delta.team[key]]),
      ];
      const changes = incs.filter(([, value]) => value !== 0);
      if (changes.length === 0 && delta.distributorStatus === undefined) continue;
      const update: Doc = { updatedAt: now };
      for (const [key, value] of changes) update[key] = _.inc(value);
      if (delta.distributorStatus !== undefined) update.distributorStatus = delta.distributorStatus;
      const ref = t.collection(COLLECTIONS.accounts).doc(userId);
      const { stats } = await ref.update({ data: update });
      if (stats.updated > 0) continue;
      const fresh = emptyAccount(userId, now);
      for (const key of BALANCE_KEYS) fresh[key] = delta.balances[key];
      fresh.totalEarnedFen = totalEarnedFen(delta.balances);
      fresh.commissionEarnedFen = delta.commissionEarnedFen;
      fresh.settledSalesFen = delta.settledSalesFen;
      fresh.directDistributors = delta.directDistributors;
      fresh.team = { ...delta.team };
      if (delta.distributorStatus !== undefined) fresh.distributorStatus = delta.distributorStatus;
      const { _id: _ignored, ...data } = fresh;
      await ref.set({ data });
    }
  }
}
