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
 * - `cloud` wechat transfer (`PAYOUT_WECHAT_TRANSFER=cloud`): NOT IMPLEMENTED – a stub that refuses with
 *   what is missing. What it needs (WeChat Pay 商家转账, the 2025 version with user confirmation):
 *     1. a WeChat Pay merchant account bound to the mini program, with 商家转账 opened and a transfer scene
 *        approved (佣金报酬, scene id e.g. 1005), its API v3 key, merchant certificate serial and private
 *        key – kept in a secret store, not in environment variables of every function;
 *     2. `POST https://api.mch.weixin.qq.com/v3/fund-app/mch-transfer/transfer-bills` signed with that key:
 *        `appid`, `out_bill_no` = the withdrawal id (WeChat deduplicates on it, so a retry cannot pay
 *        twice), `transfer_scene_id`, `openid`, `transfer_amount` = netFen, `transfer_remark`,
 *        `user_name` (encrypted, required from ¥2,000), `transfer_scene_report_infos`, `notify_url`;
 *        cloudPay (`cloud.cloudPay`) does not offer this API, so it is a plain HTTPS call;
 *     3. the answer's `package_info` goes to the mini program, which calls `wx.requestMerchantTransfer`
 *        for the user to confirm (outcome `waiting_user`, the withdrawal stays `approved`);
 *     4. the transfer notification (or a query by `out_bill_no`) then completes it: a function – a
 *        `withdraw.transferNotify` action or the settle timer polling `waiting_user` payouts – runs the
 *        same paid transition as markWithdrawalPaid. Until that exists, wechat withdrawals are paid by hand.
 */
import type { WithdrawMethod } from '../../../shared/config';
import { AppError } from '../../../shared/errors';
import type { PayoutAccount, PayoutRecord } from '../stores/withdrawals';

export interface PayoutRequest {
  withdrawalId: string;
  /** The applicant's OPENID (WeChat transfers go to it). */
  openid: string;
  netFen: number;
  method: WithdrawMethod;
  account: PayoutAccount | null;
  /** What the admin typed (manual payouts). */
  reference: string | null;
}

export interface PayoutOutcome extends PayoutRecord {
  /** What to record as the withdrawal's `reference`. */
  reference: string | null;
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
  async pay() {
    throw new AppError(
      'RULE',
      '微信商家转账尚未接入（需要商户号、API v3 密钥与转账场景），请线下打款后填写打款凭证号',
    );
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
