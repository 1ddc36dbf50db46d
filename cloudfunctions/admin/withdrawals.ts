/**
 * The merchant's side of withdrawals: the list (accounts masked), one withdrawal in full (to pay it),
 * review and mark-paid.
 *
 *   pending ──approve──▶ approved ──markPaid──▶ paid      (frozen → withdrawn, ledger withdrawal_paid)
 *   pending ──reject───▶ rejected                         (frozen → available, ledger withdrawal_released)
 *
 * Every transition re-reads the withdrawal inside its transaction and is decided on that status, so two
 * admins, a double click or a replay cannot move money twice. Repeats are answered consistently: when
 * the outcome the action asks for is already in place (approve on approved or paid, reject on rejected,
 * markPaid on paid) the answer is success with the current state and `changed: false`; when the current
 * status contradicts it (approve after reject, pay a pending or rejected one) it is CONFLICT.
 *
 * Paying out goes through the payout port (common/platform/payout.ts): manual by default – the merchant pays by
 * bank, Alipay or WeChat and records the reference. The distributor gets a subscribe message when its
 * withdrawal is paid or rejected (after the commit; a failed message never fails the action).
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type WithdrawalEvent, nextWithdrawalStatus } from '../../shared/withdrawal';
import { requireAdmin } from '../common/stores/admins';
import { COLLECTIONS, _, type Transaction, db, docsByIds } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { MoneyEffects } from '../common/stores/ledger';
import { notifyWithdrawalResult } from '../common/platform/messages';
import { pageFields, pageWindow } from '../common/platform/paging';
import { payoutPortFor } from '../common/platform/payout';
import { applyTransferBill } from '../common/workflows/transfers';
import { queryTransfer, transferConfig } from '../common/platform/wxpay-transfer';
import { plainText } from '../common/platform/text';
import { inTransaction } from '../common/platform/tx';
import { findUserById } from '../common/stores/users';
import { loadAccount, pickBalances } from '../common/stores/accounts';
import { type WithdrawalDoc, withdrawalStatusSchema, withdrawalView } from '../common/stores/withdrawals';

const withdrawalIdSchema = z
  .string({ error: '缺少 withdrawalId' })
  .trim()
  .min(1, { error: '缺少 withdrawalId' })
  .max(64);

/** The outcome an action asks for is already in place: a repeat, answered with `changed: false`. */
function alreadyDone(event: WithdrawalEvent, status: WithdrawalDoc['status']): boolean {
  switch (event) {
    case 'approve':
      return status === 'approved' || status === 'paid';
    case 'reject':
      return status === 'rejected';
    case 'markPaid':
      return status === 'paid';
    case 'payoutFailed':
      return status === 'failed';
  }
}

async function readWithdrawal(t: Transaction, withdrawalId: string): Promise<WithdrawalDoc> {
  const { data } = await t.collection(COLLECTIONS.withdrawals).doc(withdrawalId).get();
  if (!data) throw new AppError('NOT_FOUND', '提现申请不存在');
  return { ...data, _id: withdrawalId } as WithdrawalDoc;
}

const DISABLED_MESSAGE = '该分销商已被停用，不能提现：可驳回申请（金额退回其余额），或先恢复其分销资格';

/**
 * A disabled distributor cannot withdraw – also not through an application it made before it was
 * disabled: approving and paying are refused, rejecting (money back to its balance) is allowed.
 */
async function assertNotDisabled(t: Transaction, userId: string): Promise<void> {
  const { data } = await t.collection(COLLECTIONS.users).doc(userId).get();
  if (data?.distributorStatus === 'disabled') throw new AppError('RULE', DISABLED_MESSAGE);
}

interface Transition {
  withdrawal: WithdrawalDoc;
  changed: boolean;
}

export const withdrawalActions = {
  /** 提现申请列表（账号打码；可按状态、按分销商） */
  listWithdrawals: action(
    z.object({
      status: withdrawalStatusSchema.optional(),
      /** One distributor's withdrawals only. */
      userId: z.string({ error: 'userId 必须是文字' }).trim().min(1).max(64).optional(),
      ...pageFields,
    }),
    async (input) => {
      const window = pageWindow(input);
      const query = db.collection(COLLECTIONS.withdrawals).where({
        ...(input.status ? { status: input.status } : {}),
        ...(input.userId ? { userId: input.userId } : {}),
      });
      const [{ data }, { total }] = await Promise.all([
        query.orderBy('createdAt', 'desc').skip(window.skip).limit(window.pageSize).get(),
        query.count(),
      ]);
      const userById = await docsByIds(
        COLLECTIONS.users,
        data.map((w) => w.userId as string),
        { nickname: true, inviteCode: true, distributorStatus: true },
      );
      return {
        items: data.map((w) => {
          const user = userById.get(w.userId as string);
          return {
            ...withdrawalView(w as WithdrawalDoc),
            nickname: (user?.nickname as string) || '微信用户',
            inviteCode: (user?.inviteCode as string) ?? null,
            distributorStatus: (user?.distributorStatus as string) ?? 'none',
          };
        }),
        total,
        page: window.page,
        pageSize: window.pageSize,
      };
    },
  ),

  /** 提现申请详情（完整收款账号，用于打款）与申请人、其四项余额 */
  getWithdrawal: action(z.object({ withdrawalId: withdrawalIdSchema }), async (input) => {
    const { data } = await db.collection(COLLECTIONS.withdrawals).doc(input.withdrawalId).get();
    if (!data) throw new AppError('NOT_FOUND', '提现申请不存在');
    const withdrawal = { ...data, _id: input.withdrawalId } as WithdrawalDoc;
    // Who asks, and what their account holds, for the merchant to decide with both in view.
    const [user, account] = await Promise.all([
      findUserById(withdrawal.userId),
      loadAccount(withdrawal.userId),
    ]);
    return {
      ...withdrawalView(withdrawal, { fullAccount: true }),
      distributor: {
        nickname: user?.nickname ?? '',
        inviteCode: user?.inviteCode ?? null,
        distributorStatus: user?.distributorStatus ?? 'none',
      },
      balances: pickBalances(account),
    };
  }),

  /** 审核提现：通过 → 待打款；驳回 → 金额退回可提现余额 */
  reviewWithdrawal: action(
    z.object({
      withdrawalId: withdrawalIdSchema,
      approve: z.boolean({ error: 'approve 必须是 true 或 false' }),
      reason: plainText({ label: '原因', max: 100, multiline: true }).optional(),
    }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const event: WithdrawalEvent = input.approve ? 'approve' : 'reject';
      const now = Date.now();
      const { withdrawal, changed } = await inTransaction(async (t): Promise<Transition> => {
        const current = await readWithdrawal(t, input.withdrawalId);
        if (alreadyDone(event, current.status)) return { withdrawal: current, changed: false };
        const status = nextWithdrawalStatus(current.status, event);
        if (status === 'approved') await assertNotDisabled(t, current.userId);
        const patch = { status, reviewedAt: now, reviewedBy: admin, reason: input.reason ?? null };
        await t.collection(COLLECTIONS.withdrawals).doc(current._id).update({ data: patch });
        if (status === 'rejected') {
          const effects = new MoneyEffects();
          effects.post({
            kind: 'withdrawal_released',
            withdrawalId: current._id,
            userId: current.userId,
            amountFen: current.amountFen,
          });
          effects.count({ totals: { withdrawalsWaiting: -1 } });
          await effects.write(t, now, current._id);
        }
        return { withdrawal: { ...current, ...patch }, changed: true };
      });
      if (changed && withdrawal.status === 'rejected') {
        await notifyWithdrawalResult({
          userId: withdrawal.userId,
          outcome: 'rejected',
          netFen: withdrawal.netFen,
          reason: withdrawal.reason,
          at: now,
        });
      }
      return { ...withdrawalView(withdrawal, { fullAccount: true }), changed };
    },
  ),

  /** 标记已打款：冻结 → 已提现，记录打款凭证号 */
  markWithdrawalPaid: action(
    z.object({
      withdrawalId: withdrawalIdSchema,
      reference: plainText({ label: '打款凭证号', min: 1, max: 64 }).optional(),
    }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const { data } = await db.collection(COLLECTIONS.withdrawals).doc(input.withdrawalId).get();
      if (!data) throw new AppError('NOT_FOUND', '提现申请不存在');
      const before = { ...data, _id: input.withdrawalId } as WithdrawalDoc;
      if (alreadyDone('markPaid', before.status))
        return { ...withdrawalView(before, { fullAccount: true }), changed: false };
      nextWithdrawalStatus(before.status, 'markPaid'); // CONFLICT unless approved

      // The money moves before the record: a payout adapter is idempotent per withdrawal id (WeChat
      // deduplicates out_bill_no), so a retry after a failed commit cannot pay twice.
      const user = await findUserById(before.userId);
      if (user?.distributorStatus === 'disabled') throw new AppError('RULE', DISABLED_MESSAGE);
      const outcome = await payoutPortFor(before.method).pay({
        withdrawalId: before._id,
        openid: user?.openid ?? '',
        netFen: before.netFen,
        method: before.method,
        account: before.account,
        reference: input.reference ?? null,
        previous: before.payout ?? null,
      });
      const { reference, bill, ...payout } = outcome;
      const now = Date.now();
      if (bill && outcome.state !== 'paid') {
        // A WeChat transfer under way (usually waiting for the user to confirm in the mini program), or
        // one that already failed: common/workflows/transfers.ts records it; the notification completes it.
        const applied = await applyTransferBill(before._id, bill, now);
        const withdrawal = applied.withdrawal ?? before;
        return { ...withdrawalView(withdrawal, { fullAccount: true }), changed: applied.changed };
      }

      const { withdrawal, changed } = await inTransaction(async (t): Promise<Transition> => {
        const current = await readWithdrawal(t, input.withdrawalId);
        if (alreadyDone('markPaid', current.status)) return { withdrawal: current, changed: false };
        const status = nextWithdrawalStatus(current.status, 'markPaid');
        const patch = { status, paidAt: now, paidBy: admin, reference, payout };
        await t
          .collection(COLLECTIONS.withdrawals)
          .doc(current._id)
          .update({ data: { ...patch, payout: _.set(payout) } });
        const effects = new MoneyEffects();
        effects.post({
          kind: 'withdrawal_paid',
          withdrawalId: current._id,
          userId: current.userId,
          amountFen: current.amountFen,
        });
        effects.count({ totals: { withdrawalsWaiting: -1 }, daily: { withdrawnFen: current.amountFen } });
        await effects.write(t, now, current._id);
        return { withdrawal: { ...current, ...patch } as WithdrawalDoc, changed: true };
      });
      if (changed) {
        await notifyWithdrawalResult({
          userId: withdrawal.userId,
          outcome: 'paid',
          netFen: withdrawal.netFen,
          at: now,
        });
      }
      return { ...withdrawalView(withdrawal, { fullAccount: true }), changed };
    },
  ),

  /** 查询微信转账结果：按商户单号向微信支付查询并据此完成（成功 → 已打款；失败/撤销 → 退回余额） */
  syncWithdrawalTransfer: action(z.object({ withdrawalId: withdrawalIdSchema }), async (input) => {
    const { data } = await db.collection(COLLECTIONS.withdrawals).doc(input.withdrawalId).get();
    if (!data) throw new AppError('NOT_FOUND', '提现申请不存在');
    const before = { ...data, _id: input.withdrawalId } as WithdrawalDoc;
    const outBillNo = before.payout?.channel === 'wechat_transfer' ? before.payout.outBillNo : undefined;
    if (!outBillNo) throw new AppError('CONFLICT', '该提现没有发起过微信转账');
    const bill = await queryTransfer(transferConfig(), outBillNo);
    const applied = await applyTransferBill(before._id, bill);
    return {
      ...withdrawalView(applied.withdrawal ?? before, { fullAccount: true }),
      changed: applied.changed,
    };
  }),
};
