/** catalog: the storefront – the home page's decoration, products on the shelf, a distributor's shop-in-shop. */
import { createMain } from '../common/platform/handler';
import { home } from './home';
import { getProduct, listProducts } from './products';
import { getShop } from './shop';

export const main = createMain({ home, listProducts, getProduct, getShop });
