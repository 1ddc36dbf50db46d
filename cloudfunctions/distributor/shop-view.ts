/** The shop-in-shop as the distributor's own pages show it (with a URL for the logo). */
import { tempUrlOf } from '../common/platform/files';
import type { UserDoc } from '../common/stores/users';

export interface ShopView {
  shopName: string;
  /** The stored fileID ('' = none). */
  logo: string;
  /** A temporary URL of the logo, for a Canvas or a non-cloud image; null without a logo. */
  logoUrl: string | null;
  intro: string;
  updatedAt: number | null;
}

/** The name a shop has before its distributor names it. */
export function defaultShopName(nickname: string | undefined): string {
  const name = [...(nickname?.trim() || '我')].slice(0, 15).join('');
  return `${name}的小店`;
}

export async function shopView(user: UserDoc): Promise<ShopView | null> {
  if (user.distributorStatus !== 'active' && !user.shop) return null;
  const shop = user.shop;
  const logo = shop?.logo ?? '';
  return {
    shopName: shop?.shopName || defaultShopName(user.nickname),
    logo,
    logoUrl: logo ? ((await tempUrlOf(logo))?.url ?? null) : null,
    intro: shop?.intro ?? '',
    updatedAt: shop?.updatedAt ?? null,
  };
}
