/**
 * Paying a withdrawal out – a PORT, so that the money-moving part can change without touching the
 * withdrawal's state machine. `admin.markWithdrawalPaid` asks `payoutPortFor(method)` to pay the net
 * amount, then records the outcome in the same transaction that moves frozen → withdrawn.
 *
 * Adapters:
 * - `manual` (the default for every method): the merchant has already paid by bank transfer, Alipay or
 *   WeChat by hand and records the reference it got (bank serial, Alipay order number). Nothing is called.
 * - `local` wechat transfer (`PAYOUT_WECHAT_TRANSFER=local`, for the local CloudBase and the demo): acts
 *   as if WeChat accepted the transfer and the user confirmed it at once; the reference is a fake bill no.
 * - `cloud` wechat transfer (`PAYOUT_WECHAT_TRANSFER=cloud`): WeChat Pay's merchant transfer (商家转账,
 *   wxpay-transfer.ts) to the applicant's OPENID, out_bill_no = the withdrawal id (shared/transfer.ts:
 *   WeChat deduplicates on it, so a retry cannot pay twice; a retry after a created bill queries it
 *   instead). The bill usually answers WAIT_USER_CONFIRM: the withdrawal stays `approved` with the
 *   bill's package_info, the distributor confirms in the mini program (withdraw.transferInfo →
 *   wx.requestMerchantTransfer), and the transfer notification (the transferNotify function) or an
 *   admin's re-query (admin.syncWithdrawalTransfer) completes it through common/workflows/transfers.ts – paid, or
 *   failed/cancelled with the money back in the distributor's balance.
 */
import type { WithdrawMethod } from '../../../shared/config';
import { AppError } from '../../../shared/errors';
import { outBillNoOf, transferOutcome } from '../../../shared/transfer';
import { payoutOfBill } from '../workflows/transfers';
import type { PayoutAccount, PayoutRecord } from '../stores/withdrawals';
import { type TransferBill, createTransfer, queryTransfer, transferConfig } from './wxpay-transfer';

export interface PayoutRequest {
  withdrawalId: string;
  /** The applicant's OPENID (WeChat transfers go to it). */
  openid: string;
  netFen: number;
  method: WithdrawMethod;
  account: PayoutAccount | null;
  /** What the admin typed (manual payouts). */
  reference: string | null;
  /** The payout recorded by an earlier attempt (a WeChat bill already created), if any. */
  previous: PayoutRecord | null;
}

export interface PayoutOutcome extends PayoutRecord {
  /** What to record as the withdrawal's `reference`. */
  reference: string | null;
  /** A WeChat transfer's bill: what common/workflows/transfers.ts applies when it is not simply paid. */
  bill?: TransferBill;
}

export interface PayoutPort {
  readonly name: 'manual' | 'local_wechat_transfer' | 'cloud_wechat_transfer';
  pay(request: PayoutRequest): Promise<PayoutOutcome>;
}

export const manualPayout: PayoutPort = {
  name: 'manual',
  async pay(request) {
    return { channel: 'manual', state: 'paid', reference: request.reference };
  },
};

export const localWechatTransfer: PayoutPort = {
  name: 'local_wechat_transfer',
  async pay(request) {
    const transferBillNo = `local-transfer-${request.withdrawalId}`;
    return {
      channel: 'wechat_transfer',
      state: 'paid',
      transferBillNo,
      packageInfo: null,
      reference: request.reference ?? transferBillNo,
    };
  },
};

export const cloudWechatTransfer: PayoutPort = {
  name: 'cloud_wechat_transfer',
  async pay(request) {
    const config = transferConfig(); // RULE naming the missing variables
    if (!request.openid) throw new AppError('RULE', '找不到该分销商的微信身份，无法转账到零钱，请线下打款');
    const outBillNo = outBillNoOf(request.withdrawalId);
    const bill = request.previous?.outBillNo
      ? await queryTransfer(config, request.previous.outBillNo)
      : await createTransfer(config, {
          outBillNo,
          openid: request.openid,
          amountFen: request.netFen,
          userName: request.account?.name ?? null,
        });
    const { packageInfo, ...payout } = payoutOfBill(bill, transferOutcome(bill.state), Date.now());
    return { ...payout, packageInfo, reference: bill.transferBillNo ?? bill.outBillNo, bill };
  },
};

/** The adapter for a withdrawal's method: WeChat transfers only when configured, manual otherwise. */
export function payoutPortFor(method: WithdrawMethod): PayoutPort {
  if (method !== 'wechat') return manualPayout;
  switch (process.env.PAYOUT_WECHAT_TRANSFER?.trim()) {
    case 'local':
      return localWechatTransfer;
    case 'cloud':
      return cloudWechatTransfer;
    default:
      return manualPayout;
  }
}
