/** 商品与店铺：catalog 云函数 */
import type {
  getProduct as GetProduct,
  listProducts as ListProducts,
} from '../../../cloudfunctions/catalog/products';
import type { home as Home } from '../../../cloudfunctions/catalog/home';
import type { getShop as GetShop } from '../../../cloudfunctions/catalog/shop';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

export type ProductPage = ResultOf<typeof ListProducts>;
export type ProductSummary = ItemOf<typeof ListProducts>;
export type ProductDetail = ResultOf<typeof GetProduct>;
export type ShopHeader = ResultOf<typeof GetShop>;
export type HomeResult = ResultOf<typeof Home>;
export type HomeBanner = HomeResult['banners'][number];

/** 商城首页：轮播图、推荐商品；带邀请码时另有店铺页头与店主精选 */
export function getHome(inviteCode?: string): Promise<HomeResult> {
  const input: InputOf<typeof Home> = inviteCode ? { inviteCode } : {};
  return callFunction('catalog', 'home', input);
}

/** 获取商品列表（分页） */
export function listProducts(input: InputOf<typeof ListProducts> = {}): Promise<ProductPage> {
  return callFunction('catalog', 'listProducts', input);
}

/** 获取商品详情；forSharer：启用中的分销商另得分享后每件可赚的佣金 */
export function getProduct(productId: string, forSharer = false): Promise<ProductDetail> {
  const input: InputOf<typeof GetProduct> = forSharer ? { productId, forSharer } : { productId };
  return callFunction('catalog', 'getProduct', input);
}

/** 获取分销商的店铺信息（店中店头部） */
export function getShop(inviteCode: string): Promise<ShopHeader> {
  return callFunction('catalog', 'getShop', { inviteCode } satisfies InputOf<typeof GetShop>);
}
