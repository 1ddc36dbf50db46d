/**
 * withdraw.apply: available → frozen in one transaction with the withdrawal record, after the policy
 * check of shared/withdrawal.ts on the transaction's own snapshot of the caller's account – which holds
 * the balances and a copy of the distributor status (common/stores/accounts.ts), and whose id is derived from
 * the caller's OPENID (common/stores/users.ts): nothing else is read. Two applications racing for the same money
 * both write that account; the second conflicts, is retried from a fresh snapshot and sees the smaller
 * balance – so twenty concurrent applications against a balance covering five let exactly five through
 * and the balance never goes negative.
 *
 * Cost: the configuration, then start, account, withdrawal, ledger entry, account, statistics, commit.
 */
import { z } from 'zod';
import { WITHDRAW_METHODS } from '../../shared/config';
import type { DistributorStatus } from '../../shared/distributor';
import { AppError } from '../../shared/errors';
import { assertWithdrawal } from '../../shared/withdrawal';
import { type AccountDoc, emptyAccount } from '../common/stores/accounts';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, type Transaction } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { newId } from '../common/platform/ids';
import { MoneyEffects } from '../common/stores/ledger';
import { inTransaction } from '../common/platform/tx';
import { findUserById, userIdOf } from '../common/stores/users';
import { type WithdrawalDoc, payoutAccountFor, payoutAccountSchema } from '../common/stores/withdrawals';

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

/**
 * The account and the status it carries. A caller without an account is either not a distributor or
 * never logged in: only then is the user read, to tell which.
 */
async function readApplicant(
  t: Transaction,
  userId: string,
  now: number,
): Promise<{ account: AccountDoc; status: DistributorStatus }> {
  const { data } = await t.collection(COLLECTIONS.accounts).doc(userId).get();
  const account = { ...emptyAccount(userId, now), ...(data ?? {}), _id: userId } as AccountDoc;
  if (data && typeof data.distributorStatus === 'string')
    return { account, status: account.distributorStatus };
  const user = await findUserById(userId);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return { account, status: user.distributorStatus };
}

/** 申请提现：可提现 → 冻结（事务内校验余额） */
export const apply = action(applySchema, async (input, ctx) => {
  const userId = userIdOf(ctx.requireOpenid());
  const config = await loadConfig();
  const now = Date.now();
  const withdrawalId = newId();
  const { feeFen, netFen } = await inTransaction(
    async (t) => {
      const { account, status } = await readApplicant(t, userId, now);
      const check = assertWithdrawal({
        amountFen: input.amountFen,
        method: input.method,
        availableFen: account.availableFen,
        distributorStatus: status,
        now,
        policy: config.withdraw,
      });
      // After the policy: "this method is not offered" says more than "fill in the account" would.
      const payTo = payoutAccountFor(input.method, input.account);
      const doc: Omit<WithdrawalDoc, '_id'> = {
        userId,
        amountFen: input.amountFen,
        feeFen: check.feeFen,
        netFen: check.netFen,
        method: input.method,
        account: payTo,
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
      await t.collection(COLLECTIONS.withdrawals).doc(withdrawalId).set({ data: doc });
      const effects = new MoneyEffects();
      effects.post({ kind: 'withdrawal_frozen', withdrawalId, userId, amountFen: input.amountFen });
      effects.count({ totals: { withdrawalsWaiting: 1 } });
      await effects.write(t, now, withdrawalId);
      return check;
    },
    { attempts: APPLY_ATTEMPTS },
  );
  return { withdrawalId, status: 'pending' as const, feeFen, netFen };
});
