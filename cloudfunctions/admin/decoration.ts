/**
 * The merchant's storefront decoration and promotion materials (推广素材):
 *
 * - `getDecoration` / `updateDecoration`: the home banners (a picture of our storage, a link to a product
 *   or one of the mini program's pages, an order, on/off) and the featured products, replaced whole;
 *   every picture is checked to be an image in our storage and every linked or featured product to exist.
 * - `listMaterials`, `upsertMaterial`, `setMaterialStatus`: materials – copy text, up to nine pictures,
 *   an optional product – aimed at selling or at inviting others to share and sell too; pinned first,
 *   retired ones hidden from distributors.
 */
import { z } from 'zod';
import {
  LINK_PAGES,
  MATERIAL_AIMS,
  MATERIAL_STATUSES,
  MAX_BANNERS,
  MAX_FEATURED,
  MAX_MATERIAL_IMAGES,
  MAX_MATERIAL_TEXT,
} from '../../shared/decoration';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, type Doc, db, docsByIds } from '../common/platform/db';
import { assertStoredImage, fileIdSchema } from '../common/platform/files';
import { action } from '../common/platform/handler';
import { newId } from '../common/platform/ids';
import { pageFields, pageWindow } from '../common/platform/paging';
import { plainText } from '../common/platform/text';
import { requireAdmin } from '../common/stores/admins';
import {
  type Banner,
  HOME_ID,
  type MaterialDoc,
  loadDecoration,
  materialView,
  pageOfMaterials,
} from '../common/stores/decoration';
import { productIdSchema } from '../common/stores/products';

const linkSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('product'), productId: productIdSchema }),
    z.strictObject({
      type: z.literal('page'),
      page: z.enum(Object.keys(LINK_PAGES) as [keyof typeof LINK_PAGES], {
        error: `页面必须是 ${Object.keys(LINK_PAGES).join('、')} 之一`,
      }),
    }),
  ],
  { error: '链接必须是商品（product）或页面（page）' },
);

const bannerSchema = z.strictObject({
  bannerId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: '轮播图编号只能由 1–32 个字母、数字、_ 或 - 组成' })
    .optional(),
  image: fileIdSchema('轮播图图片'),
  link: linkSchema,
  sort: z.number({ error: '排序必须是整数' }).int({ error: '排序必须是整数' }).min(0).max(9999).optional(),
  status: z.enum(['on', 'off'], { error: '状态必须是 on 或 off' }).optional(),
});

/** Every product id must name a product (NOT_FOUND-like VALIDATION, with the id). */
async function assertProducts(ids: readonly string[], what: string): Promise<void> {
  const found = await docsByIds(COLLECTIONS.products, ids, { _id: true });
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('VALIDATION', `${what}中的商品不存在：${missing.join('、')}`);
}

const materialSchema = z.strictObject({
  materialId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: '素材编号格式错误' })
    .optional(),
  title: plainText({ label: '素材标题', min: 1, max: 30 }),
  text: plainText({ label: '文案', min: 1, max: MAX_MATERIAL_TEXT, multiline: true }),
  images: z
    .array(fileIdSchema('素材图片'), { error: '图片必须是文件 ID 列表' })
    .max(MAX_MATERIAL_IMAGES, { error: `最多 ${MAX_MATERIAL_IMAGES} 张图片` }),
  productId: productIdSchema.nullable().optional(),
  aim: z.enum(MATERIAL_AIMS, { error: '用途必须是 sell（推广商品）或 recruit（邀请好友一起分享）' }),
  pinned: z.boolean({ error: '置顶必须是 true 或 false' }).optional(),
});

export const decorationActions = {
  /** 店铺装修：首页轮播图与推荐商品 */
  getDecoration: action(z.object({}), async () => {
    const decoration = await loadDecoration();
    return { banners: decoration.banners, featured: decoration.featured, updatedAt: decoration.updatedAt };
  }),

  /** 修改店铺装修（整体替换）：轮播图（图片、链接、排序、上下线）与推荐商品 */
  updateDecoration: action(
    z.strictObject({
      banners: z
        .array(bannerSchema, { error: '轮播图必须是列表' })
        .max(MAX_BANNERS, { error: `最多 ${MAX_BANNERS} 张轮播图` }),
      featured: z
        .array(productIdSchema, { error: '推荐商品必须是商品编号列表' })
        .max(MAX_FEATURED, { error: `最多推荐 ${MAX_FEATURED} 个商品` }),
    }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const featured = [...new Set(input.featured)];
      const linked = input.banners.flatMap((b) => (b.link.type === 'product' ? [b.link.productId] : []));
      await assertProducts(featured, '推荐商品');
      await assertProducts([...new Set(linked)], '轮播图链接');
      for (const [i, banner] of input.banners.entries())
        await assertStoredImage(banner.image, `第 ${i + 1} 张轮播图`);
      const banners: Banner[] = input.banners.map((b, i) => ({
        bannerId: b.bannerId ?? newId(),
        image: b.image,
        link: b.link,
        sort: b.sort ?? input.banners.length - i,
        status: b.status ?? 'on',
      }));
      const now = Date.now();
      await db
        .collection(COLLECTIONS.decoration)
        .doc(HOME_ID)
        .set({ data: { banners, featured, updatedAt: now, updatedBy: admin } });
      return { banners, featured, updatedAt: now };
    },
  ),

  /** 推广素材列表（商户）：置顶在前，新的在前；可按状态筛选 */
  listMaterials: action(
    z.object({
      status: z.enum(MATERIAL_STATUSES, { error: '状态必须是 published 或 retired' }).optional(),
      ...pageFields,
    }),
    async (input) => {
      const window = pageWindow(input);
      const where: Doc = input.status ? { status: input.status } : {};
      const { materials, total } = await pageOfMaterials(where, window);
      return {
        items: materials.map(materialView),
        total,
        page: window.page,
        pageSize: window.pageSize,
      };
    },
  ),

  /** 发布或修改推广素材：文案、最多 9 张图片、可选商品；用途为推广商品或邀请好友一起分享 */
  upsertMaterial: action(materialSchema, async (input, ctx) => {
    const admin = await requireAdmin(ctx);
    if (input.productId) await assertProducts([input.productId], '素材');
    if (input.aim === 'recruit' && input.productId)
      throw new AppError('VALIDATION', '邀请好友一起分享的素材打开申请页面，不能同时关联商品');
    for (const [i, image] of input.images.entries()) await assertStoredImage(image, `第 ${i + 1} 张素材图片`);
    const now = Date.now();
    const materialId = input.materialId ?? newId();
    const ref = db.collection(COLLECTIONS.materials).doc(materialId);
    const existing = (await ref.get()).data as MaterialDoc | null;
    if (input.materialId && !existing) throw new AppError('NOT_FOUND', '素材不存在');
    const doc: Omit<MaterialDoc, '_id'> = {
      title: input.title,
      text: input.text,
      images: input.images,
      productId: input.productId ?? null,
      aim: input.aim,
      pinned: input.pinned ?? existing?.pinned ?? false,
      status: existing?.status ?? 'published',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      publishedBy: admin,
    };
    await ref.set({ data: doc });
    return materialView({ _id: materialId, ...doc });
  }),

  /** 置顶、撤下或重新发布推广素材 */
  setMaterialStatus: action(
    z
      .strictObject({
        materialId: z.string().regex(/^[0-9a-f]{32}$/, { error: '素材编号格式错误' }),
        status: z.enum(MATERIAL_STATUSES, { error: '状态必须是 published 或 retired' }).optional(),
        pinned: z.boolean({ error: '置顶必须是 true 或 false' }).optional(),
      })
      .refine((v) => v.status !== undefined || v.pinned !== undefined, { error: '请指定状态或置顶' }),
    async (input) => {
      const ref = db.collection(COLLECTIONS.materials).doc(input.materialId);
      const existing = (await ref.get()).data as MaterialDoc | null;
      if (!existing) throw new AppError('NOT_FOUND', '素材不存在');
      const patch: Partial<MaterialDoc> = { updatedAt: Date.now() };
      if (input.status !== undefined) patch.status = input.status;
      if (input.pinned !== undefined) patch.pinned = input.pinned;
      await ref.update({ data: patch });
      return materialView({ ...existing, ...patch, _id: input.materialId });
    },
  ),
};
