/** withdraw.list and withdraw.policy: the caller's own withdrawals, and what the withdrawal page shows. */
import { z } from 'zod';
import { describeWithdrawDays, isWithdrawDay } from '../../shared/withdrawal';
import { loadAccount } from '../common/stores/accounts';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { type PageOf, pageFields, pageWindow } from '../common/platform/paging';
import { requireUser } from '../common/stores/users';
import {
  type WithdrawalDoc,
  type WithdrawalView,
  withdrawalStatusSchema,
  withdrawalView,
} from '../common/stores/withdrawals';

/** 我的提现记录（账号打码） */
export const list = action(
  z.object({ status: withdrawalStatusSchema.optional(), ...pageFields }),
  async (input, ctx): Promise<PageOf<WithdrawalView>> => {
    const user = await requireUser(ctx);
    const where = input.status ? { userId: user._id, status: input.status } : { userId: user._id };
    const window = pageWindow(input);
    const query = db.collection(COLLECTIONS.withdrawals).where(where);
    const [{ data }, { total }] = await Promise.all([
      query.orderBy('createdAt', 'desc').skip(window.skip).limit(window.pageSize).get(),
      query.count(),
    ]);
    return {
      items: data.map((doc) => withdrawalView(doc as WithdrawalDoc)),
      total,
      page: window.page,
      pageSize: window.pageSize,
    };
  },
);

/** 提现规则与可提现余额（提现页展示用） */
export const policy = action(z.object({}), async (_input, ctx) => {
  const user = await requireUser(ctx);
  const [config, account] = await Promise.all([loadConfig(), loadAccount(user._id)]);
  const { withdraw } = config;
  return {
    minFen: withdraw.minFen,
    maxFen: withdraw.maxFen ?? null,
    feeRate: withdraw.feeRate,
    days: withdraw.days,
    daysText: describeWithdrawDays(withdraw.days),
    methods: withdraw.methods,
    todayAllowed: isWithdrawDay(Date.now(), withdraw.days),
    availableFen: account.availableFen,
    distributorStatus: user.distributorStatus,
  };
});
