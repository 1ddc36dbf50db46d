/** `catalog.listProducts`, `catalog.getProduct`: what is on the shelf. */
import { z } from 'zod';
import { isActiveDistributor } from '../../shared/distributor';
import { shareEarningFen } from '../../shared/commission';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { pageFields, pageWindow } from '../common/platform/paging';
import { plainText } from '../common/platform/text';
import { loadConfig } from '../common/stores/config';
import {
  type ProductDoc,
  productCard,
  productDetail,
  productIdSchema,
  titleMatching,
} from '../common/stores/products';
import { findUserByOpenid } from '../common/stores/users';

/** 商品列表：只列上架商品，按排序值、上架时间倒序；keyword 按标题搜索（不区分大小写） */
export const listProducts = action(
  z.object({ keyword: plainText({ label: '搜索词', max: 30 }).optional(), ...pageFields }),
  async (input) => {
    const { page, pageSize, skip } = pageWindow(input);
    const onShelf = db
      .collection(COLLECTIONS.products)
      .where({ status: 'on', ...(input.keyword ? { title: titleMatching(input.keyword) } : {}) });
    const [{ data }, { total }] = await Promise.all([
      onShelf.orderBy('sort', 'desc').orderBy('createdAt', 'desc').skip(skip).limit(pageSize).get(),
      onShelf.count(),
    ]);
    return { items: (data as ProductDoc[]).map(productCard), total, page, pageSize };
  },
);

/**
 * 商品详情：已下架的商品也能打开（分享出去的链接显示“已下架”），不存在则 NOT_FOUND。
 * forSharer：调用者是启用中的分销商时，附上分享后每卖出一件可得的佣金（shareEarningFen，否则为 null）。
 */
export const getProduct = action(
  z.object({
    productId: productIdSchema,
    forSharer: z.boolean({ error: 'forSharer 必须是布尔值' }).optional(),
  }),
  async ({ productId, forSharer }, ctx) => {
    // Buyers read one document; only a page that asks for the sharer's figure pays for the user and config.
    const [{ data }, sharer, config] = await Promise.all([
      db.collection(COLLECTIONS.products).doc(productId).get(),
      forSharer && ctx.caller.openid ? findUserByOpenid(ctx.caller.openid) : Promise.resolve(null),
      forSharer && ctx.caller.openid ? loadConfig() : Promise.resolve(null),
    ]);
    if (!data) throw new AppError('NOT_FOUND', '商品不存在');
    const product = data as ProductDoc;
    const earning =
      sharer && config && isActiveDistributor(sharer.distributorStatus) && product.status === 'on'
        ? shareEarningFen(
            { productId: product._id, priceFen: product.priceFen, commission: product.commission },
            { userId: sharer._id, distributorStatus: sharer.distributorStatus, gradeId: sharer.gradeId },
            config,
          )
        : null;
    return { ...productDetail(product), shareEarningFen: earning };
  },
);
