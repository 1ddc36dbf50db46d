/**
 * A distributor's selling tools: its shop's picks (选品 – which of the merchant's products its shop shows
 * first) and the merchant's promotion materials (推广素材), each with the path its share opens, carrying
 * its invite code. Both act on the caller only: there is no way to name another distributor.
 */
import { z } from 'zod';
import { MAX_PICKS, materialSharePath } from '../../shared/decoration';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, _, db, docsByIds } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { pageFields, pageWindow } from '../common/platform/paging';
import { materialView, pageOfMaterials } from '../common/stores/decoration';
import { type ProductDoc, productCard, productIdSchema } from '../common/stores/products';
import { type UserDoc, requireUser } from '../common/stores/users';

function requireActive(user: UserDoc): string {
  if (user.distributorStatus !== 'active' || !user.inviteCode)
    throw new AppError('FORBIDDEN', '成为分销商后才能使用推广工具');
  return user.inviteCode;
}

/** 店铺选品：店中店优先展示的商品（按顺序，最多 20 个，须为上架商品） */
export const updatePicks = action(
  z.strictObject({
    productIds: z
      .array(productIdSchema, { error: '选品必须是商品编号列表' })
      .max(MAX_PICKS, { error: `最多选择 ${MAX_PICKS} 个商品` }),
  }),
  async (input, ctx) => {
    const user = await requireUser(ctx);
    requireActive(user);
    const ids = [...new Set(input.productIds)];
    const products = (await docsByIds(COLLECTIONS.products, ids)) as Map<string, ProductDoc>;
    const unavailable = ids.filter((id) => products.get(id)?.status !== 'on');
    if (unavailable.length > 0)
      throw new AppError('VALIDATION', `这些商品不存在或已下架，不能选入店铺：${unavailable.join('、')}`);
    await db
      .collection(COLLECTIONS.users)
      .doc(user._id)
      .update({ data: { 'shop.picks': _.set(ids), 'shop.updatedAt': Date.now() } });
    return { picks: ids.map((id) => productCard(products.get(id) as ProductDoc)) };
  },
);

/** 推广素材：商户发布的文案与图片（置顶在前），附带分享路径（含我的邀请码） */
export const materials = action(z.object({ ...pageFields }), async (input, ctx) => {
  const user = await requireUser(ctx);
  const inviteCode = requireActive(user);
  const window = pageWindow(input);
  const { materials: list, total } = await pageOfMaterials({ status: 'published' }, window);
  const products = (await docsByIds(
    COLLECTIONS.products,
    list.flatMap((m) => (m.productId ? [m.productId] : [])),
  )) as Map<string, ProductDoc>;
  return {
    items: list.map((m) => {
      const product = m.productId ? products.get(m.productId) : undefined;
      return {
        ...materialView(m),
        product: product && product.status === 'on' ? productCard(product) : null,
        sharePath: materialSharePath(m, inviteCode),
      };
    }),
    total,
    page: window.page,
    pageSize: window.pageSize,
  };
});
