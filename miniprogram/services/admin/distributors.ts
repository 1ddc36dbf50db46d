/** 分销商管理（商户）：admin 云函数 */
import type { distributorActions as DistributorActions } from '../../../cloudfunctions/admin/distributors';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof DistributorActions;
export type DistributorListInput = InputOf<Actions['listDistributors']>;
export type DistributorPage = ResultOf<Actions['listDistributors']>;
export type AdminDistributor = ItemOf<Actions['listDistributors']>;
export type ReviewInput = InputOf<Actions['reviewDistributor']>;
export type DistributorStatusInput = InputOf<Actions['setDistributorStatus']>;
export type GradeInput = InputOf<Actions['setGrade']>;

/** 分销商列表：按状态筛选，搜索昵称、店铺名、邀请码、姓名、手机号 */
export function listDistributors(input: DistributorListInput = {}): Promise<DistributorPage> {
  return callFunction('admin', 'listDistributors', input);
}

/** 审核申请：通过或驳回（可附原因） */
export function reviewDistributor(input: ReviewInput): Promise<ResultOf<Actions['reviewDistributor']>> {
  return callFunction('admin', 'reviewDistributor', input);
}

/** 启用或停用分销商 */
export function setDistributorStatus(
  input: DistributorStatusInput,
): Promise<ResultOf<Actions['setDistributorStatus']>> {
  return callFunction('admin', 'setDistributorStatus', input);
}

/** 设置分销商等级 */
export function setGrade(input: GradeInput): Promise<ResultOf<Actions['setGrade']>> {
  return callFunction('admin', 'setGrade', input);
}

export type DistributorDetail = ResultOf<Actions['getDistributor']>;
export type AdminTeamPage = ResultOf<Actions['distributorTeam']>;
export type AdminCommissionPage = ResultOf<Actions['distributorCommissions']>;

/** 一位分销商：身份、状态、等级、店铺与四项余额 */
export function getDistributor(userId: string): Promise<DistributorDetail> {
  return callFunction('admin', 'getDistributor', { userId });
}

/** 一位分销商的团队（按层级分页） */
export function distributorTeam(input: InputOf<Actions['distributorTeam']>): Promise<AdminTeamPage> {
  return callFunction('admin', 'distributorTeam', input);
}

/** 一位分销商的佣金明细（分页） */
export function distributorCommissions(
  input: InputOf<Actions['distributorCommissions']>,
): Promise<AdminCommissionPage> {
  return callFunction('admin', 'distributorCommissions', input);
}
