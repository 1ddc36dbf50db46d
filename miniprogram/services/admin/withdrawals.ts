/** 提现审核与打款：admin 云函数的 listWithdrawals / getWithdrawal / reviewWithdrawal / markWithdrawalPaid / syncWithdrawalTransfer */
import type { withdrawalActions as WithdrawalActions } from '../../../cloudfunctions/admin/withdrawals';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof WithdrawalActions;
export type AdminWithdrawalListInput = InputOf<Actions['listWithdrawals']>;
export type AdminWithdrawalPage = ResultOf<Actions['listWithdrawals']>;
export type AdminWithdrawal = ItemOf<Actions['listWithdrawals']>;
export type WithdrawalDetail = ResultOf<Actions['getWithdrawal']>;
export type WithdrawalChange = ResultOf<Actions['reviewWithdrawal']>;

/** 提现申请列表（账号打码；按状态筛选；分页） */
export function listAdminWithdrawals(input: AdminWithdrawalListInput = {}): Promise<AdminWithdrawalPage> {
  return callFunction('admin', 'listWithdrawals', input);
}

/** 一笔提现的全部资料：完整收款账号、申请人与其余额 */
export function getAdminWithdrawal(withdrawalId: string): Promise<WithdrawalDetail> {
  return callFunction('admin', 'getWithdrawal', { withdrawalId });
}

/** 审核：通过，或驳回（须写原因，金额退回分销商可提现余额） */
export function reviewWithdrawal(input: InputOf<Actions['reviewWithdrawal']>): Promise<WithdrawalChange> {
  return callFunction('admin', 'reviewWithdrawal', input);
}

/** 打款：手动打款登记凭证号；微信零钱且开通商家转账时发起转账 */
export function payWithdrawal(
  input: InputOf<Actions['markWithdrawalPaid']>,
): Promise<ResultOf<Actions['markWithdrawalPaid']>> {
  return callFunction('admin', 'markWithdrawalPaid', input);
}

/** 查询微信转账结果并据此完成 */
export function syncTransfer(withdrawalId: string): Promise<ResultOf<Actions['syncWithdrawalTransfer']>> {
  return callFunction('admin', 'syncWithdrawalTransfer', { withdrawalId });
}
