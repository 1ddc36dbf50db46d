/**
 * Store decoration and promotion materials (推广素材): the limits, where a banner may lead, and the path
 * a distributor's share of a material opens – with its invite code, so whatever it shares brings buyers
 * (and, for a material aimed at recruiting, applicants) to it.
 *
 * Wording: a material "aimed at recruiting" invites people to share and sell too; it never promises
 * income for bringing people in (no bonus for recruits exists: shared/config.ts).
 */

export const MAX_BANNERS = 10;
export const MAX_FEATURED = 20;
/** Products a distributor's shop shows first. */
export const MAX_PICKS = 20;
export const MAX_MATERIAL_IMAGES = 9;
export const MAX_MATERIAL_TEXT = 500;

/** The mini program pages a banner may open, by name (the pages' paths live in the mini program). */
export const LINK_PAGES = {
  home: 'pages/mall/home/index',
  center: 'pages/promote/center/index',
  apply: 'pages/promote/center/index?apply=1',
} as const;
export type LinkPage = keyof typeof LINK_PAGES;

/** What a banner opens: a product, or one of LINK_PAGES. */
export type BannerLink = { type: 'product'; productId: string } | { type: 'page'; page: LinkPage };

export const PRODUCT_PAGE = 'pages/mall/detail/index';

export function linkPath(link: BannerLink): string {
  return link.type === 'product'
    ? `${PRODUCT_PAGE}?productId=${encodeURIComponent(link.productId)}`
    : LINK_PAGES[link.page];
}

export const MATERIAL_AIMS = ['sell', 'recruit'] as const;
/** `sell`: a product (or the shop); `recruit`: invites to share and sell too (the apply page). */
export type MaterialAim = (typeof MATERIAL_AIMS)[number];

export const MATERIAL_STATUSES = ['published', 'retired'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** The page a distributor's share of a material opens, carrying its invite code. */
export function materialSharePath(
  material: { aim: MaterialAim; productId: string | null },
  inviteCode: string,
): string {
  const code = `inviteCode=${encodeURIComponent(inviteCode)}`;
  if (material.aim === 'recruit') return `${LINK_PAGES.apply}&${code}`;
  if (material.productId)
    return `${PRODUCT_PAGE}?productId=${encodeURIComponent(material.productId)}&${code}`;
  return `${LINK_PAGES.home}?${code}`;
}
