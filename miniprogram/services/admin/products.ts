/** 商品管理：admin 云函数的 listProducts / getProduct / upsertProduct */
import type { catalogActions as CatalogActions } from '../../../cloudfunctions/admin/catalog';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof CatalogActions;
export type AdminProductListInput = InputOf<Actions['listProducts']>;
export type AdminProductPage = ResultOf<Actions['listProducts']>;
export type AdminProduct = ItemOf<Actions['listProducts']>;
export type ProductEdit = ResultOf<Actions['getProduct']>;
export type ProductInput = InputOf<Actions['upsertProduct']>;

/** 商品列表（含已下架；按状态、标题搜索；分页） */
export function listAdminProducts(input: AdminProductListInput = {}): Promise<AdminProductPage> {
  return callFunction('admin', 'listProducts', input);
}

/** 一个商品的全部资料（编辑用） */
export function getAdminProduct(productId: string): Promise<ProductEdit> {
  return callFunction('admin', 'getProduct', { productId });
}

/** 新增或保存商品 */
export function saveProduct(input: ProductInput): Promise<ResultOf<Actions['upsertProduct']>> {
  return callFunction('admin', 'upsertProduct', input);
}
