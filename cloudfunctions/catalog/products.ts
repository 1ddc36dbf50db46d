/** `catalog.listProducts`, `catalog.getProduct`: what is on the shelf. */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { pageFields, pageWindow } from '../common/platform/paging';
import { type ProductDoc, productCard, productDetail, productIdSchema } from '../common/stores/products';

/** 商品列表：只列上架商品，按排序值、上架时间倒序 */
export const listProducts = action(z.object(pageFields), async (input) => {
  const { page, pageSize, skip } = pageWindow(input);
  const onShelf = db.collection(COLLECTIONS.products).where({ status: 'on' });
  const [{ data }, { total }] = await Promise.all([
    onShelf.orderBy('sort', 'desc').orderBy('createdAt', 'desc').skip(skip).limit(pageSize).get(),
    onShelf.count(),
  ]);
  return { items: (data as ProductDoc[]).map(productCard), total, page, pageSize };
});

/** 商品详情：已下架的商品也能打开（分享出去的链接显示“已下架”），不存在则 NOT_FOUND */
export const getProduct = action(z.object({ productId: productIdSchema }), async ({ productId }) => {
  const { data } = await db.collection(COLLECTIONS.products).doc(productId).get();
  if (!data) throw new AppError('NOT_FOUND', '商品不存在');
  return productDetail(data as ProductDoc);
});
