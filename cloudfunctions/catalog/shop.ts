/**
 * `catalog.getShop`: the header of a distributor's shop-in-shop (店中店) – its own name, logo and intro
 * once the distributor has set them up (`distributor.updateShop`), sensible defaults before that.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { normalizeInviteCode } from '../../shared/invite-code';
import { action } from '../common/platform/handler';
import { type UserDoc, findUserByInviteCode } from '../common/stores/users';

export const DEFAULT_SHOP_INTRO = '精选好物，放心选购';

/** 店中店页头：分销商的店铺名、Logo、简介（未设置时用默认值）；店铺不存在或已停用则 NOT_FOUND */
export const getShop = action(
  z.object({ inviteCode: z.string({ error: '邀请码必须是文字' }).max(64, { error: '邀请码过长' }) }),
  async ({ inviteCode }) => {
    const code = normalizeInviteCode(inviteCode);
    if (!code) throw new AppError('VALIDATION', '邀请码格式错误');
    const owner = await findUserByInviteCode(code);
    // A disabled distributor's shop is closed: its links land on the mall itself.
    if (!owner || owner.distributorStatus !== 'active') throw new AppError('NOT_FOUND', '店铺不存在或已关闭');
    return shopHeader(owner, code);
  },
);

/** The shop-in-shop's header as buyers see it (defaults where the distributor set nothing). */
export function shopHeader(owner: UserDoc, inviteCode: string) {
  const shop = owner.shop;
  return {
    shopName: shop?.shopName || `${owner.nickname || '分销商'}的小店`,
    logo: shop?.logo || owner.avatarUrl || '',
    intro: shop?.intro || DEFAULT_SHOP_INTRO,
    inviteCode,
  };
}
