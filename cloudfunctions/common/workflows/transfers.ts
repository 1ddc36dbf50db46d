/**
 * What a WeChat transfer's state does to its withdrawal – the one place, used by the admin's payout
 * (the creation answer), the transfer notification (transferNotify) and the admin's re-query.
 *
 * - in progress / waiting for the user: the payout record follows the bill; the withdrawal stays
 *   `approved` (its money stays frozen);
 * - SUCCESS: approved → paid, frozen → withdrawn (`withdrawal_paid`), as markWithdrawalPaid does by hand;
 * - FAIL / CANCELLED: approved → failed, frozen → available (`withdrawal_released`): the distributor has
 *   its money back and may apply again.
 * Exactly once: the final transitions run in a transaction that re-reads the status (a repeat finds
 * `paid`/`failed` and changes nothing) and the ledger entry's id is its cause (a concurrent twin aborts on
 * it). A state that contradicts a final status (SUCCESS for a failed withdrawal) changes nothing and is
 * logged: money is never moved twice or back.
 */
import { AppError } from '../../../shared/errors';
import { type TransferOutcome, transferOutcome } from '../../../shared/transfer';
import { nextWithdrawalStatus } from '../../../shared/withdrawal';
import { COLLECTIONS, _, db } from '../platform/db';
import { MoneyEffects } from '../stores/ledger';
import { notifyWithdrawalResult } from '../platform/messages';
import { inTransaction } from '../platform/tx';
import type { PayoutRecord, WithdrawalDoc } from '../stores/withdrawals';
import type { TransferBill } from '../platform/wxpay-transfer';

/** Who the withdrawal records as having paid it when WeChat completed it. */
export const TRANSFER_PAYER = 'wechat_transfer';
export const RETURNED_REASON = '微信转账未完成（失败或已撤销），金额已退回可提现余额';

export function payoutOfBill(bill: TransferBill, outcome: TransferOutcome, now: number): PayoutRecord {
  return {
    channel: 'wechat_transfer',
    state: outcome,
    outBillNo: bill.outBillNo,
    transferBillNo: bill.transferBillNo,
    transferState: bill.state,
    packageInfo: outcome === 'waiting_user' ? bill.packageInfo : null,
    failReason: bill.failReason,
    updatedAt: now,
  };
}

export interface TransferApplied {
  withdrawal: WithdrawalDoc | null;
  outcome: TransferOutcome;
  changed: boolean;
}

export async function applyTransferBill(
  withdrawalId: string,
  bill: TransferBill,
  now = Date.now(),
): Promise<TransferApplied> {
  const outcome = transferOutcome(bill.state);
  if (outcome === 'in_progress' || outcome === 'waiting_user') {
    const payout = payoutOfBill(bill, outcome, now);
    // Not a money change: a blind update guarded by the status, so a late "waiting" never reopens a final one.
    const { stats } = await db
      .collection(COLLECTIONS.withdrawals)
      .where({ _id: withdrawalId, status: 'approved' })
      .update({ data: { payout: _.set(payout) } });
    const { data } = await db.collection(COLLECTIONS.withdrawals).doc(withdrawalId).get();
    const withdrawal = data ? ({ ...data, _id: withdrawalId } as WithdrawalDoc) : null;
    return { withdrawal, outcome, changed: stats.updated > 0 };
  }

  const result = await inTransaction(async (t) => {
    const { data } = await t.collection(COLLECTIONS.withdrawals).doc(withdrawalId).get();
    if (!data) throw new AppError('NOT_FOUND', '提现申请不存在');
    const current = { ...data, _id: withdrawalId } as WithdrawalDoc;
    const target = outcome === 'paid' ? 'paid' : 'failed';
    if (current.status === target) return { withdrawal: current, changed: false };
    if (current.status !== 'approved') {
      console.error('[transfer] state contradicts the withdrawal', withdrawalId, current.status, bill.state);
      return { withdrawal: current, changed: false };
    }
    if (bill.transferAmount !== null && bill.transferAmount !== current.netFen) {
      console.error('[transfer] amount differs', withdrawalId, bill.transferAmount, current.netFen);
      return { withdrawal: current, changed: false };
    }
    const payout = payoutOfBill(bill, outcome, now);
    const effects = new MoneyEffects();
    let patch: Partial<WithdrawalDoc>;
    if (outcome === 'paid') {
      patch = {
        status: nextWithdrawalStatus(current.status, 'markPaid'),
        paidAt: now,
        paidBy: TRANSFER_PAYER,
        reference: bill.transferBillNo ?? bill.outBillNo,
      };
      effects.post({
        kind: 'withdrawal_paid',
        withdrawalId,
        userId: current.userId,
        amountFen: current.amountFen,
      });
      effects.count({ totals: { withdrawalsWaiting: -1 }, daily: { withdrawnFen: current.amountFen } });
    } else {
      patch = { status: nextWithdrawalStatus(current.status, 'payoutFailed'), reason: RETURNED_REASON };
      effects.post({
        kind: 'withdrawal_released',
        withdrawalId,
        userId: current.userId,
        amountFen: current.amountFen,
      });
      effects.count({ totals: { withdrawalsWaiting: -1 } });
    }
    await t
      .collection(COLLECTIONS.withdrawals)
      .doc(withdrawalId)
      .update({ data: { ...patch, payout: _.set(payout) } });
    await effects.write(t, now, withdrawalId);
    return { withdrawal: { ...current, ...patch, payout } as WithdrawalDoc, changed: true };
  });
  if (result.changed) {
    await notifyWithdrawalResult({
      userId: result.withdrawal.userId,
      outcome: outcome === 'paid' ? 'paid' : 'returned',
      netFen: result.withdrawal.netFen,
      reason: outcome === 'paid' ? null : RETURNED_REASON,
      at: now,
    });
  }
  return { ...result, outcome };
}
