/** 提现：withdraw 云函数 */
import type { apply as Apply } from '../../../cloudfunctions/withdraw/application';
import type { list as List, policy as Policy } from '../../../cloudfunctions/withdraw/list';
import type { transferInfo as TransferInfo } from '../../../cloudfunctions/withdraw/transfer';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

export type WithdrawPolicy = ResultOf<typeof Policy>;
export type WithdrawInput = InputOf<typeof Apply>;
export type WithdrawResult = ResultOf<typeof Apply>;
export type WithdrawalPage = ResultOf<typeof List>;
export type WithdrawalRecord = ItemOf<typeof List>;
export type TransferInfoResult = ResultOf<typeof TransferInfo>;

/** 提现规则：最低金额、手续费、可提现日、方式与可提现余额 */
export function getWithdrawPolicy(): Promise<WithdrawPolicy> {
  return callFunction('withdraw', 'policy', {});
}

/** 申请提现 */
export function applyWithdraw(input: WithdrawInput): Promise<WithdrawResult> {
  return callFunction('withdraw', 'apply', input);
}

/** 提现记录（分页） */
export function listWithdrawals(input: InputOf<typeof List> = {}): Promise<WithdrawalPage> {
  return callFunction('withdraw', 'list', input);
}

/** 确认收款：待确认的微信转账的 wx.requestMerchantTransfer 参数 */
export function getTransferInfo(input: InputOf<typeof TransferInfo>): Promise<TransferInfoResult> {
  return callFunction('withdraw', 'transferInfo', input);
}
