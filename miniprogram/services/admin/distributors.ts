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
