/**
 * The figures on a distributor's account that are not balances – the grade figures and the team counts
 * (database/README.md `accounts`) – moved by the event that changes them, inside its transaction.
 * Balances are NOT here: they move only through ledger.ts `postLedger`.
 *
 * Definitions (shared/grades.ts GradeFigures):
 * - `commissionEarnedFen`: commission that has settled, less what refunds after settlement clawed back.
 *   Pending commission does not count: it may still be refunded away.
 * - `settledSalesFen`: the sales a distributor brought directly – for each of its settled LEVEL-1
 *   commissions, the line's paid amount still standing at settlement (paid − refunded), less later
 *   refunds of that line. (With selfPurchase on, its own purchases count: it is then level 1.)
 * - `directDistributors`: active distributors bound directly to it (moved on a rebind by binding.ts;
 *   activation is the distributor function's).
 * - `team.level1..3`: users bound to it at each depth (binding.ts).
 */
import type { Transaction } from './db';
import { readAccount, writeAccount } from './ledger';

export interface FigureDelta {
  commissionEarnedFen?: number;
  settledSalesFen?: number;
  directDistributors?: number;
  team?: { level1?: number; level2?: number; level3?: number };
}

/** Adds the deltas to each user's account figures (accounts are created on first use). */
export async function bumpAccountFigures(
  t: Transaction,
  deltas: ReadonlyMap<string, FigureDelta>,
  now: number,
): Promise<void> {
  for (const [userId, delta] of deltas) {
    const account = await readAccount(t, userId, now);
    const team = { ...account.team };
    for (const key of ['level1', 'level2', 'level3'] as const) team[key] += delta.team?.[key] ?? 0;
    await writeAccount(t, {
      ...account,
      commissionEarnedFen: account.commissionEarnedFen + (delta.commissionEarnedFen ?? 0),
      settledSalesFen: account.settledSalesFen + (delta.settledSalesFen ?? 0),
      directDistributors: account.directDistributors + (delta.directDistributors ?? 0),
      team,
      updatedAt: now,
    });
  }
}

/** Accumulates deltas per user before one write each. */
export class FigureDeltas {
  readonly byUser = new Map<string, FigureDelta>();

  add(userId: string, delta: FigureDelta): void {
    const current = this.byUser.get(userId) ?? {};
    const team = { level1: 0, level2: 0, level3: 0 };
    for (const key of ['level1', 'level2', 'level3'] as const) {
      team[key] = (current.team?.[key] ?? 0) + (delta.team?.[key] ?? 0);
    }
    this.byUser.set(userId, {
      commissionEarnedFen: (current.commissionEarnedFen ?? 0) + (delta.commissionEarnedFen ?? 0),
      settledSalesFen: (current.settledSalesFen ?? 0) + (delta.settledSalesFen ?? 0),
      directDistributors: (current.directDistributors ?? 0) + (delta.directDistributors ?? 0),
      team,
    });
  }

  /** Users whose figures change at all (a delta that nets to zero writes nothing). */
  changed(): Map<string, FigureDelta> {
    const result = new Map<string, FigureDelta>();
    for (const [userId, d] of this.byUser) {
      const values = [
        d.commissionEarnedFen,
        d.settledSalesFen,
        d.directDistributors,
        d.team?.level1,
        d.team?.level2,
        d.team?.level3,
      ];
      if (values.some((v) => (v ?? 0) !== 0)) result.set(userId, d);
    }
    return result;
  }
}
