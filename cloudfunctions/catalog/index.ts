/** catalog: the storefront – products on the shelf and a distributor's shop-in-shop header. */
import { createMain } from '../common/platform/handler';
import { getProduct, listProducts } from './products';
import { getShop } from './shop';

export const main = createMain({ listProducts, getProduct, getShop });
