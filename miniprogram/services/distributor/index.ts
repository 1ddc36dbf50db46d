/** 分销中心：distributor 云函数 */
import type { apply as Apply } from '../../../cloudfunctions/distributor/application';
import type { center as Center } from '../../../cloudfunctions/distributor/center';
import type { poster as Poster } from '../../../cloudfunctions/distributor/poster';
import type {
  materials as Materials,
  updatePicks as UpdatePicks,
} from '../../../cloudfunctions/distributor/promotion';
import type { updateShop as UpdateShop } from '../../../cloudfunctions/distributor/shop';
import type { commissions as Commissions, team as Team } from '../../../cloudfunctions/distributor/team';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

export type CenterResult = ResultOf<typeof Center>;
export type ApplyInput = InputOf<typeof Apply>;
export type TeamInput = InputOf<typeof Team>;
export type TeamPage = ResultOf<typeof Team>;
export type TeamMember = ItemOf<typeof Team>;
export type CommissionInput = InputOf<typeof Commissions>;
export type CommissionPage = ResultOf<typeof Commissions>;
export type CommissionRecord = ItemOf<typeof Commissions>;
export type PosterInput = InputOf<typeof Poster>;
export type PosterResult = ResultOf<typeof Poster>;
export type ShopInput = InputOf<typeof UpdateShop>;
export type PicksResult = ResultOf<typeof UpdatePicks>;
export type MaterialsInput = InputOf<typeof Materials>;
export type MaterialsPage = ResultOf<typeof Materials>;
export type SharedMaterial = ItemOf<typeof Materials>;

/** 分销中心：身份、等级、四种余额、团队人数、邀请码 */
export function getCenter(): Promise<CenterResult> {
  return callFunction('distributor', 'center', {});
}

/** 申请成为分销商 */
export function applyDistributor(input: ApplyInput = {}): Promise<ResultOf<typeof Apply>> {
  return callFunction('distributor', 'apply', input);
}

/** 我的团队（按层级分页） */
export function listTeam(input: TeamInput): Promise<TeamPage> {
  return callFunction('distributor', 'team', input);
}

/** 佣金明细（按状态分页） */
export function listCommissions(input: CommissionInput = {}): Promise<CommissionPage> {
  return callFunction('distributor', 'commissions', input);
}

/** 推广海报：邀请码、场景值和小程序码 */
export function getPoster(input: PosterInput = {}): Promise<PosterResult> {
  return callFunction('distributor', 'poster', input);
}

/** 修改店铺信息 */
export function updateShop(input: ShopInput): Promise<ResultOf<typeof UpdateShop>> {
  return callFunction('distributor', 'updateShop', input);
}

/** 店铺选品：店中店优先展示的商品（按顺序） */
export function updatePicks(productIds: string[]): Promise<PicksResult> {
  return callFunction('distributor', 'updatePicks', { productIds } satisfies InputOf<typeof UpdatePicks>);
}

/** 推广素材（置顶在前，分页），各附分享路径（含我的邀请码） */
export function listMaterials(input: MaterialsInput = {}): Promise<MaterialsPage> {
  return callFunction('distributor', 'materials', input);
}
