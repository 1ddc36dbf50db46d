/**
 * The shape of an `accounts` document (cloudfunctions/common/stores/accounts.ts says what moves each figure) and
 * the account of a user who has none yet.
 */
import type { DistributorStatus } from './distributor';
import { type Balances, ZERO_BALANCES } from './ledger';

export interface TeamCounts {
  level1: number;
  level2: number;
  level3: number;
}

export interface AccountDoc extends Balances {
  _id: string;
  totalEarnedFen: number;
  settledSalesFen: number;
  commissionEarnedFen: number;
  directDistributors: number;
  team: TeamCounts;
  distributorStatus: DistributorStatus;
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
    distributorStatus: 'none',
    updatedAt: now,
  };
}
