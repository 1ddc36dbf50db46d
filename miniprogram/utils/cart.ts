/**
 * The cart lives on the phone (wx storage): lines of product and quantity, with the title, cover and
 * price seen when added – shown as a hint only; the amount to pay is always the server's (order.create).
 */
import type { ProductDetail } from '../services/catalog/index';

export const CART_STORAGE_KEY = 'mall.cart';

export interface CartLine {
  productId: string;
  title: string;
  cover: string;
  priceFen: number;
  quantity: number;
}

export function readCart(): CartLine[] {
  const value = wx.getStorageSync(CART_STORAGE_KEY) as CartLine[] | '';
  return Array.isArray(value) ? value : [];
}

export function writeCart(lines: CartLine[]): void {
  wx.setStorageSync(CART_STORAGE_KEY, lines);
}

export function addToCart(
  product: Pick<ProductDetail, 'productId' | 'title' | 'cover' | 'priceFen'>,
  quantity = 1,
): CartLine[] {
  const lines = readCart();
  const line = lines.find((l) => l.productId === product.productId);
  if (line) line.quantity += quantity;
  else
    lines.push({
      productId: product.productId,
      title: product.title,
      cover: product.cover,
      priceFen: product.priceFen,
      quantity,
    });
  writeCart(lines);
  return lines;
}

/** The lines checkout should buy: a "buy now" line, kept apart from the cart. */
export const CHECKOUT_STORAGE_KEY = 'mall.checkout';
