import { callFunction } from '../request';

export interface ProductSummary {
  productId: string;
  title: string;
  priceFen: number;
  stock: number;
  cover: string;
}

export interface ProductPage {
  items: ProductSummary[];
  total: number;
}

/** 获取商品列表 */
export function listProducts(page = 1, pageSize = 20): Promise<ProductPage> {
  return callFunction<ProductPage>('catalog', 'listProducts', { page, pageSize });
}
