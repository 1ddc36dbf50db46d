/**
 * admin.dashboard: the merchant's home page – totals, the daily trend and the leaderboard. Everything is
 * read from documents kept up to date as events happen (stats.ts, ledger.ts): the statistics shards
 * (totals and the recent days, one query), the top of the `accounts.totalEarned` index and the pending
 * applications counted on the `distributorStatus` index – the same reads however many orders the mall
 * has. Days are Beijing calendar days.
 *
 * Commission figures come from the ledger mirror in statsTotals: pending = not yet settled, settled =
 * settled and not withdrawn (available + frozen in withdrawals), withdrawn = paid out. Frozen is exactly
 * the money in withdrawals waiting for review or payout.
 */
import { z } from 'zod';
import { gradeOrBase } from '../../shared/config';
import { recentBeijingDateKeys } from '../../shared/time';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, _, db, docsByIds } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { readStats } from '../common/stores/stats';
import type { UserDoc } from '../common/stores/users';

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export const DEFAULT_DAYS = 30;
export const TOP_DISTRIBUTORS = 10;

export const dashboardActions = {
  /** 商户首页：分销商与订单总览、分销趋势、分销商排行 */
  dashboard: action(
    z.object({
      days: z
        .number({ error: '天数必须是整数' })
        .int({ error: '天数必须是整数' })
        .min(1, { error: '天数必须是 1–90' })
        .max(90, { error: '天数必须是 1–90' })
        .optional(),
    }),
    async (input) => {
      const now = Date.now();
      const keys = recentBeijingDateKeys(now, input.days ?? DEFAULT_DAYS);
      const [stats, pendingApplications, top, config] = await Promise.all([
        readStats(),
        db.collection(COLLECTIONS.users).where({ distributorStatus: 'pending' }).count(),
        db
          .collection(COLLECTIONS.accounts)
          .where({ totalEarnedFen: _.gt(0) })
          .orderBy('totalEarnedFen', 'desc')
          .limit(TOP_DISTRIBUTORS)
          .get(),
        loadConfig(),
      ]);
      const { totals: t, days: byDate } = stats;
      const none: Record<string, number> = {};
      const today = byDate.get(keys[keys.length - 1]) ?? none;

      const series = keys.map((date) => {
        const d = byDate.get(date) ?? none;
        return {
          date,
          orders: num(d.orders),
          distributionOrders: num(d.distributionOrders),
          salesFen: num(d.salesFen),
          commissionFen: num(d.commissionFen),
          newDistributors: num(d.newDistributors),
          refundFen: num(d.refundFen),
          withdrawnFen: num(d.withdrawnFen),
        };
      });

      const topIds = top.data.map((a) => a._id as string);
      const userById = (await docsByIds(COLLECTIONS.users, topIds, {
        nickname: true,
        avatarUrl: true,
        inviteCode: true,
        gradeId: true,
        shop: true,
        distributorStatus: true,
      })) as Map<string, UserDoc>;
      const topDistributors = top.data.map((a, i) => {
        const user = userById.get(a._id as string);
        return {
          rank: i + 1,
          userId: a._id as string,
          nickname: user?.nickname || '微信用户',
          shopName: user?.shop?.shopName ?? null,
          inviteCode: user?.inviteCode ?? null,
          grade: gradeOrBase(config, user?.gradeId).name,
          distributorStatus: user?.distributorStatus ?? 'none',
          totalEarnedFen: num(a.totalEarnedFen),
          availableFen: num(a.availableFen),
          directDistributors: num(a.directDistributors),
        };
      });

      return {
        totals: {
          distributors: num(t.distributors),
          newDistributorsToday: num(today.newDistributors),
          pendingApplications: pendingApplications.total,
          users: num(t.users),
          orders: num(t.orders),
          distributionOrders: num(t.distributionOrders),
          salesFen: num(t.salesFen),
          refundFen: num(t.refundFen),
          ordersToday: num(today.orders),
          salesTodayFen: num(today.salesFen),
          // Commission in words a merchant reads right: pending (return window still open), settled in all
          // (= what distributors may still withdraw + what is in withdrawals under review + paid out).
          commissionPendingFen: num(t.pendingFen),
          commissionSettledFen: num(t.availableFen) + num(t.frozenFen) + num(t.withdrawnFen),
          commissionAvailableFen: num(t.availableFen),
          commissionFrozenFen: num(t.frozenFen),
          commissionWithdrawnFen: num(t.withdrawnFen),
          withdrawalsWaiting: num(t.withdrawalsWaiting),
          withdrawalsWaitingFen: num(t.frozenFen),
        },
        series,
        topDistributors,
      };
    },
  ),
};
