/**
 * The merchant's catalogue: every product whatever its shelf status (list, one for the editor), and
 * create or change one (price, stock, shelf, commission override).
 */
import { z } from 'zod';
import { productCommissionSchema } from '../../shared/commission';
import { AppError } from '../../shared/errors';
import { MAX_FEN } from '../../shared/money';
import { COLLECTIONS, _, db } from '../common/platform/db';
import { type ActionTable, action } from '../common/platform/handler';
import { pageFields, pageWindow } from '../common/platform/paging';
import { newId } from '../common/platform/ids';
import {
  PRODUCT_STATUSES,
  type ProductDoc,
  productAdminView,
  productIdSchema,
  titleMatching,
} from '../common/stores/products';
import { plainText } from '../common/platform/text';

/** A merchant-chosen id must fit a poster's scene (shared/invite-code.ts: 23 characters). */
const customIdSchema = z
  .string({ error: '商品编号必须是文字' })
  .regex(/^[0-9A-Za-z_-]{1,23}$/, { error: '商品编号只能是 1–23 位字母、数字、_ 或 -' });
const imageSchema = z
  .string({ error: '图片地址必须是文字' })
  .max(512, { error: '图片地址过长' })
  .regex(/^(cloud|https?):\/\/\S+$/, { error: '图片必须是云存储文件或 http(s) 地址' });

export const upsertProductSchema = z.object({
  productId: customIdSchema.optional(),
  title: plainText({ label: '商品名称', min: 1, max: 60 }),
  priceFen: z
    .number({ error: '价格必须是整数（分）' })
    .int({ error: '价格必须是整数（分）' })
    .min(1, { error: '价格至少 1 分' })
    .max(MAX_FEN, { error: '价格过高' }),
  stock: z
    .number({ error: '库存必须是整数' })
    .int({ error: '库存必须是整数' })
    .min(0, { error: '库存不能为负数' })
    .max(10_000_000, { error: '库存最多 10000000' }),
  cover: imageSchema.optional(),
  images: z.array(imageSchema).max(9, { error: '最多 9 张图片' }).optional(),
  description: plainText({ label: '商品描述', max: 2000, multiline: true }).optional(),
  status: z.enum(PRODUCT_STATUSES, { error: '状态必须是 on（上架）或 off（下架）' }).optional(),
  sort: z
    .number({ error: '排序值必须是整数' })
    .int({ error: '排序值必须是整数' })
    .min(0)
    .max(1_000_000)
    .optional(),
  /** A product's own commission per level; null removes it (the grade or global rates apply again). */
  commission: productCommissionSchema.nullable().optional(),
});

export const catalogActions = {
  /** 商品管理列表：含已下架商品；按上下架筛选、按标题搜索，排序同商城（排序值、上架时间倒序） */
  listProducts: action(
    z.object({
      status: z.enum(PRODUCT_STATUSES, { error: '状态必须是 on（上架）或 off（下架）' }).optional(),
      keyword: plainText({ label: '搜索词', max: 30 }).optional(),
      ...pageFields,
    }),
    async (input) => {
      const { page, pageSize, skip } = pageWindow(input);
      const query = db.collection(COLLECTIONS.products).where({
        ...(input.status ? { status: input.status } : {}),
        ...(input.keyword ? { title: titleMatching(input.keyword) } : {}),
      });
      const [{ data }, { total }] = await Promise.all([
        query.orderBy('sort', 'desc').orderBy('createdAt', 'desc').skip(skip).limit(pageSize).get(),
        query.count(),
      ]);
      return { items: (data as ProductDoc[]).map(productAdminView), total, page, pageSize };
    },
  ),

  /** 商品详情（编辑用）：图片、描述、排序、自定佣金，含已下架商品 */
  getProduct: action(z.object({ productId: productIdSchema }), async ({ productId }) => {
    const { data } = await db.collection(COLLECTIONS.products).doc(productId).get();
    if (!data) throw new AppError('NOT_FOUND', '商品不存在');
    return productAdminView(data as ProductDoc);
  }),

  /**
   * 新增或修改商品。Without productId a new product is created; with one, that product is created or
   * changed (fields left out keep their values; `stock` is set, not added – the count on the shelf).
   */
  upsertProduct: action(upsertProductSchema, async (input) => {
    const now = Date.now();
    const products = db.collection(COLLECTIONS.products);
    const productId = input.productId ?? newId();
    const { data: existing } = await products.doc(productId).get();
    const given = {
      title: input.title,
      priceFen: input.priceFen,
      stock: input.stock,
      ...(input.cover !== undefined ? { cover: input.cover } : {}),
      ...(input.images !== undefined ? { images: input.images } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
    };
    if (existing) {
      const commission =
        input.commission === undefined
          ? {}
          : { commission: input.commission === null ? _.remove() : input.commission };
      await products.doc(productId).update({ data: { ...given, ...commission, updatedAt: now } });
    } else {
      const product: Omit<ProductDoc, '_id'> = {
        cover: '',
        images: input.cover ? [input.cover] : [],
        description: '',
        status: 'on',
        sort: 0,
        salesCount: 0,
        ...given,
        commission: input.commission ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await products.add({ data: { _id: productId, ...product } });
    }
    const { data } = await products.doc(productId).get();
    if (!data) throw new AppError('CONFLICT', '商品保存后未能读取，请重试');
    return productAdminView(data as ProductDoc);
  }),
} satisfies ActionTable;
