/**
 * `catalog.home`: what the storefront shows above the product list – the merchant's banners (on, in
 * order) and featured products (on the shelf), and, for a buyer who arrived by a distributor's link or
 * poster, that shop's header and its picks first. Products off the shelf are left out.
 */
import { z } from 'zod';
import { normalizeInviteCode } from '../../shared/invite-code';
import { linkPath } from '../../shared/decoration';
import { COLLECTIONS, docsByIds } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { loadDecoration } from '../common/stores/decoration';
import { type ProductDoc, productCard } from '../common/stores/products';
import { findUserByInviteCode } from '../common/stores/users';
import { shopHeader } from './shop';

/** The products of `ids` that are on the shelf, as cards, in the order of `ids`. */
async function cardsOf(ids: readonly string[]) {
  const found = (await docsByIds(COLLECTIONS.products, ids)) as Map<string, ProductDoc>;
  return ids.flatMap((id) => {
    const product = found.get(id);
    return product && product.status === 'on' ? [productCard(product)] : [];
  });
}

/** 商城首页：轮播图、推荐商品；经分销商链接进入时，店铺页头与店主精选在前 */
export const home = action(
  z.object({
    inviteCode: z.string({ error: '邀请码必须是文字' }).max(64, { error: '邀请码过长' }).optional(),
  }),
  async ({ inviteCode }) => {
    const code = inviteCode === undefined ? null : normalizeInviteCode(inviteCode);
    const [decoration, owner] = await Promise.all([
      loadDecoration(),
      code ? findUserByInviteCode(code) : Promise.resolve(null),
    ]);
    const banners = decoration.banners
      .filter((b) => b.status === 'on')
      .sort((a, b) => b.sort - a.sort)
      .map((b) => ({ bannerId: b.bannerId, image: b.image, link: b.link, path: linkPath(b.link) }));
    // A disabled distributor's shop is closed: its links land on the mall itself.
    const shopOwner = owner && owner.distributorStatus === 'active' ? owner : null;
    const picks = shopOwner?.shop?.picks ?? [];
    const [featured, picked] = await Promise.all([cardsOf(decoration.featured), cardsOf(picks)]);
    return {
      banners,
      featured,
      shop: shopOwner && code ? { ...shopHeader(shopOwner, code), picks: picked } : null,
    };
  },
);
