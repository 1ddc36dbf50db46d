/**
 * withdraw.apply: the policy check of shared/withdrawal.ts, then available → frozen in one transaction
 * with the withdrawal record. The balance the check reads is the transaction's own snapshot of the
 * account, and postLedger writes that account document: two applications racing for the same money both
 * write it, the second conflicts, is retried from a fresh snapshot and sees the smaller balance – so
 * twenty concurrent applications against a balance covering five let exactly five through and the
 * balance never goes negative (applyEntry would refuse that too). A cheap check on the committed
 * balance first refuses the hopeless ones without a transaction.
 */
import { z } from 'zod';
import { WITHDRAW_METHODS } from '../../shared/config';
import { AppError } from '../../shared/errors';
import { type WithdrawalRequest, assertWithdrawal } from '../../shared/withdrawal';
import { loadAccount } from '../common/accounts';
import { loadConfig } from '../common/config-store';
import { COLLECTIONS } from '../common/db';
import { action } from '../common/handler';
import { newId } from '../common/ids';
import { postLedger, readAccount } from '../common/ledger';
import { bumpStats } from '../common/stats';
import { inTransaction } from '../common/tx';
import { type UserDoc, requireUser } from '../common/users';
import { type WithdrawalDoc, payoutAccountFor, payoutAccountSchema } from '../common/withdrawals';

const applySchema = z.object({
  amountFen: z
    .number({ error: '提现金额必须是整数（分）' })
    .int({ error: '提现金额必须是整数（分）' })
    .positive({ error: '提现金额必须大于 0' }),
  method: z.enum(WITHDRAW_METHODS, { error: '提现方式必须是 wechat、bank 或 alipay' }),
  account: payoutAccountSchema.optional(),
});

/** Many applications of one distributor may race; give each enough retries to see the outcome. */
const APPLY_ATTEMPTS = 16;

/** 申请提现：可提现 → 冻结（事务内校验余额） */
export const apply = action(applySchema, async (input, ctx) => {
  const user = await requireUser(ctx);
  const config = await loadConfig();
  const now = Date.now();
  const request = (
    availableFen: number,
    distributorStatus: UserDoc['distributorStatus'],
  ): WithdrawalRequest => ({
    amountFen: input.amountFen,
    method: input.method,
    availableFen,
    distributorStatus,
    now,
    policy: config.withdraw,
  });

  const committed = await loadAccount(user._id, now);
  assertWithdrawal(request(committed.availableFen, user.distributorStatus));
  // After the policy: "this method is not offered" says more than "fill in the account" would.
  const account = payoutAccountFor(input.method, input.account);

  const withdrawalId = newId();
  const { feeFen, netFen } = await inTransaction(
    async (t) => {
      const { data } = await t.collection(COLLECTIONS.users).doc(user._id).get();
      if (!data) throw new AppError('UNAUTHENTICATED', '请先登录');
      const snapshot = await readAccount(t, user._id, now);
      const check = assertWithdrawal(request(snapshot.availableFen, (data as UserDoc).distributorStatus));
      const doc: Omit<WithdrawalDoc, '_id'> = {
        userId: user._id,
        amountFen: input.amountFen,
        feeFen: check.feeFen,
        netFen: check.netFen,
        method: input.method,
        account,
        status: 'pending',
        createdAt: now,
        reviewedAt: null,
        reviewedBy: null,
        reason: null,
        paidAt: null,
        paidBy: null,
        reference: null,
        payout: null,
      };
      await t.collection(COLLECTIONS.withdrawals).add({ data: { _id: withdrawalId, ...doc } });
      await postLedger(
        t,
        [{ kind: 'withdrawal_frozen', withdrawalId, userId: user._id, amountFen: input.amountFen }],
        now,
        withdrawalId,
      );
      await bumpStats(t, now, withdrawalId, { totals: { withdrawalsWaiting: 1 } });
      return check;
    },
    { attempts: APPLY_ATTEMPTS },
  );
  return { withdrawalId, status: 'pending' as const, feeFen, netFen };
});
