/**
 * WeChat Pay's merchant transfer (商家转账, /v3/fund-app/mch-transfer/transfer-bills) as the mall sees
 * it: the bill's states, what each means for a withdrawal, and the out-bill number of a withdrawal.
 *
 * States (WeChat Pay's documentation of 发起转账 / 商户单号查询转账单 / 转账结果通知):
 *   ACCEPTED           受理成功                 → in_progress
 *   PROCESSING         转账处理中                → in_progress
 *   WAIT_USER_CONFIRM  待收款用户确认             → waiting_user (the distributor confirms in the mini program)
 *   TRANSFERING        转账中                   → in_progress
 *   SUCCESS            转账成功 (final)          → paid
 *   FAIL               转账失败 (final)          → returned (the amount goes back to the distributor's balance)
 *   CANCELING          撤销中                   → in_progress
 *   CANCELLED          已撤销 (final)            → returned
 */

export const TRANSFER_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

/** What a transfer's state means for its withdrawal. */
export type TransferOutcome = 'in_progress' | 'waiting_user' | 'paid' | 'returned';

export function isTransferState(value: unknown): value is TransferState {
  return typeof value === 'string' && (TRANSFER_STATES as readonly string[]).includes(value);
}

export function transferOutcome(state: TransferState): TransferOutcome {
  switch (state) {
    case 'SUCCESS':
      return 'paid';
    case 'FAIL':
    case 'CANCELLED':
      return 'returned';
    case 'WAIT_USER_CONFIRM':
      return 'waiting_user';
    default:
      return 'in_progress';
  }
}

/** WeChat Pay's rule for out_bill_no: 5–32 letters and digits. */
const OUT_BILL_NO = /^[0-9A-Za-z]{5,32}$/;

/**
 * The out-bill number of a withdrawal's transfer: the withdrawal id itself (32 hex digits, common/platform/ids.ts),
 * so that a retried transfer is the same bill (WeChat Pay deduplicates on it) and a notification leads
 * back to its withdrawal without a query. An id of another shape is refused rather than transformed.
 */
export function outBillNoOf(withdrawalId: string): string {
  if (!OUT_BILL_NO.test(withdrawalId))
    throw new Error(`withdrawal id ${withdrawalId} cannot be an out_bill_no`);
  return withdrawalId;
}

export function withdrawalIdOf(outBillNo: string): string | null {
  return OUT_BILL_NO.test(outBillNo) ? outBillNo : null;
}
