/** 店铺装修与推广素材（商户）：admin 云函数 */
import type { decorationActions as DecorationActions } from '../../../cloudfunctions/admin/decoration';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof DecorationActions;
export type Decoration = ResultOf<Actions['getDecoration']>;
export type DecorationInput = InputOf<Actions['updateDecoration']>;
export type BannerInput = DecorationInput['banners'][number];
export type MaterialListInput = InputOf<Actions['listMaterials']>;
export type MaterialPage = ResultOf<Actions['listMaterials']>;
export type Material = ItemOf<Actions['listMaterials']>;
export type MaterialInput = InputOf<Actions['upsertMaterial']>;
export type MaterialStatusInput = InputOf<Actions['setMaterialStatus']>;

/** 店铺装修：轮播图与推荐商品 */
export function getDecoration(): Promise<Decoration> {
  return callFunction('admin', 'getDecoration', {});
}

/** 保存店铺装修（整体替换） */
export function updateDecoration(input: DecorationInput): Promise<ResultOf<Actions['updateDecoration']>> {
  return callFunction('admin', 'updateDecoration', input);
}

/** 推广素材列表（分页，可按状态筛选） */
export function listMaterials(input: MaterialListInput = {}): Promise<MaterialPage> {
  return callFunction('admin', 'listMaterials', input);
}

/** 发布或修改推广素材 */
export function upsertMaterial(input: MaterialInput): Promise<Material> {
  return callFunction('admin', 'upsertMaterial', input);
}

/** 置顶、撤下或重新发布 */
export function setMaterialStatus(input: MaterialStatusInput): Promise<Material> {
  return callFunction('admin', 'setMaterialStatus', input);
}
