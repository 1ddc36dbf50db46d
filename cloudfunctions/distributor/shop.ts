/**
 * distributor.updateShop: the shop-in-shop's name, logo and introduction, shown to buyers who arrive by
 * the distributor's link or poster (`catalog.getShop`).
 *
 * - Name 2–20 characters, introduction up to 200 (line breaks allowed), neither with control or
 *   invisible characters (text.ts).
 * - The logo must be a fileID of our own cloud storage (the mini program uploads the picture with
 *   `wx.cloud.uploadFile` and sends the fileID), never an outside URL: an outside URL could be changed
 *   after review, track buyers, or fail the mini program's domain whitelist, and a temporary URL of our
 *   storage expires. The file must exist and really be a PNG, JPEG, GIF or WebP (its first bytes are
 *   read, not its name) of at most 2 MB. '' removes the logo.
 * - Text goes through WeChat's content check (`security.msgSecCheck`, v2) when available: `risky` is
 *   refused; an error of the check itself (quota, the user not seen recently) lets the text through and
 *   is logged – a shop name should not depend on a moderation outage.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { cloud } from '../common/platform/cloud';
import { COLLECTIONS, db } from '../common/platform/db';
import { FILE_ID, assertStoredImage } from '../common/platform/files';
import { action } from '../common/platform/handler';
import { plainText } from '../common/platform/text';
import { type ShopInfo, findUserById, requireUser } from '../common/stores/users';
import { defaultShopName, shopView } from './shop-view';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

const updateShopSchema = z
  .object({
    shopName: plainText({ label: '店铺名称', min: 2, max: 20 }).optional(),
    logo: z
      .string({ error: '店铺 Logo 必须是云存储文件 ID' })
      .trim()
      .max(512, { error: '店铺 Logo 文件 ID 过长' })
      .refine((v) => v === '' || FILE_ID.test(v), {
        error: '店铺 Logo 必须是上传到云存储后得到的文件 ID（cloud://…）',
      })
      .optional(),
    intro: plainText({ label: '店铺简介', max: 200, multiline: true }).optional(),
  })
  .refine((v) => v.shopName !== undefined || v.logo !== undefined || v.intro !== undefined, {
    error: '请至少修改一项：店铺名称、Logo 或简介',
  });

const assertLogo = (fileID: string) => assertStoredImage(fileID, '店铺 Logo ', MAX_LOGO_BYTES);

/** msgSecCheck v2 (scene 1 = 资料): true unless WeChat judges the text risky. */
async function textPassesCheck(openid: string, content: string): Promise<boolean> {
  try {
    const result = (await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content })) as {
      result?: { suggest?: string };
    };
    return result?.result?.suggest !== 'risky';
  } catch (error) {
    console.warn('[msgSecCheck] skipped:', error);
    return true;
  }
}

/** 修改店中店信息（名称、Logo、简介） */
export const updateShop = action(updateShopSchema, async (input, ctx) => {
  const user = await requireUser(ctx);
  if (user.distributorStatus !== 'active') throw new AppError('FORBIDDEN', '成为分销商后才能开设店铺');
  if (input.logo) await assertLogo(input.logo);
  const text = [input.shopName, input.intro].filter(Boolean).join('\n');
  if (text && !(await textPassesCheck(user.openid, text))) {
    throw new AppError('RULE', '店铺名称或简介含有不适宜公开的内容，请修改后再试');
  }
  const current = user.shop;
  const shop: ShopInfo = {
    shopName: input.shopName ?? current?.shopName ?? defaultShopName(user.nickname),
    logo: input.logo ?? current?.logo ?? '',
    intro: input.intro ?? current?.intro ?? '',
    ...(current?.picks ? { picks: current.picks } : {}),
    updatedAt: Date.now(),
  };
  // The whole sub-document is replaced (_.set), so no field of an older shape lingers.
  await db
    .collection(COLLECTIONS.users)
    .doc(user._id)
    .update({ data: { shop: db.command.set(shop) } });
  const saved = (await findUserById(user._id)) ?? { ...user, shop };
  return shopView(saved);
});
