/**
 * The shared domain helpers the mini program runs: the pure functions of ../../shared, bundled by
 * `npm run build` into index.js beside this file (scripts/build-miniprogram-shared.ts) – WeChat packs only
 * what lies under miniprogram/, so the page code cannot require ../../shared itself. One source, no copy:
 * these declarations re-export the originals, so a changed signature breaks the mini program's typecheck.
 */
export { formatYuan, parseYuan, formatRatePercent } from '../../shared/money';
export { decodeScene, normalizeInviteCode } from '../../shared/invite-code';
export { orderStatusName } from '../../shared/order-status';
export { withdrawalFee } from '../../shared/withdrawal';
export { withdrawMethodName } from '../../shared/withdraw-method';
export {
  LINK_PAGES,
  MAX_BANNERS,
  MAX_FEATURED,
  MAX_PICKS,
  MAX_MATERIAL_IMAGES,
  MAX_MATERIAL_TEXT,
} from '../../shared/decoration';
