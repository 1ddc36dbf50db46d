/**
 * The `products` collection: the document, the views the catalogue answers, and stock.
 *
 * Stock is reserved when an order is created and given back when an unpaid order is cancelled or closed,
 * or when a refund before shipping returns a whole line. A reservation is ONE conditional update –
 * `where({ _id, status: 'on', stock: _.gte(q) }).update({ stock: _.inc(-q) })` – which the database
 * applies atomically, so concurrent orders can never take stock below zero and never oversell; it needs
 * no transaction and therefore never fails on a conflict however many buyers race for the last item.
 */
import { z } from 'zod';
import type { ProductCommission } from '../../../shared/commission';
import { COLLECTIONS, type Transaction, _, db } from '../platform/db';
import { escapeRegExp } from '../platform/text';

export const PRODUCT_STATUSES = ['on', 'off'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const productIdSchema = z
  .string({ error: '商品编号必须是文字' })
  .min(1, { error: '商品编号不能为空' })
  .max(64, { error: '商品编号过长' });

export interface ProductDoc {
  _id: string;
  title: string;
  priceFen: number;
  stock: number;
  cover: string;
  images: string[];
  description: string;
  status: ProductStatus;
  sort: number;
  commission: ProductCommission | null;
  salesCount: number;
  createdAt: number;
  updatedAt: number;
}

/** A row of `catalog.listProducts` (docs/api.md), plus what a product card shows. */
export function productCard(p: ProductDoc) {
  return {
    productId: p._id,
    title: p.title,
    priceFen: p.priceFen,
    stock: p.stock,
    cover: p.cover ?? '',
    salesCount: p.salesCount ?? 0,
  };
}

/** A condition on `title` matching what a person typed, literally and case-insensitively. */
export function titleMatching(keyword: string): unknown {
  return db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
}

/** `catalog.getProduct`: what a buyer sees (no commission terms). */
export function productDetail(p: ProductDoc) {
  return {
    ...productCard(p),
    images: p.images ?? [],
    description: p.description ?? '',
    status: p.status,
  };
}

/** The admin's view: everything, the commission override included. */
export function productAdminView(p: ProductDoc) {
  return {
    ...productDetail(p),
    sort: p.sort ?? 0,
    commission: p.commission ?? null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export interface StockLine {
  productId: string;
  quantity: number;
}

/*
 * `salesCount` (已售, on product cards) moves with the stock, in the same write: units of orders placed
 * and not closed – an unpaid order counts until its timeout closes it, and a line refunded in full before
 * shipping stops counting when its stock comes back. So the payment itself writes no product: its cost
 * does not grow with the order's lines.
 */
const taken = (quantity: number) => ({ stock: _.inc(-quantity), salesCount: _.inc(quantity) });
const givenBack = (quantity: number) => ({ stock: _.inc(quantity), salesCount: _.inc(-quantity) });

/** Takes `quantity` from an on-shelf product's stock if that much is left; false otherwise. */
export async function reserveStock(line: StockLine): Promise<boolean> {
  const { stats } = await db
    .collection(COLLECTIONS.products)
    .where({ _id: line.productId, status: 'on', stock: _.gte(line.quantity) })
    .update({ data: taken(line.quantity) });
  return stats.updated === 1;
}

/** Gives reserved stock back (outside a transaction: only for reservations of an order never written). */
export async function releaseStock(lines: readonly StockLine[]): Promise<void> {
  for (const line of lines) {
    await db
      .collection(COLLECTIONS.products)
      .doc(line.productId)
      .update({ data: givenBack(line.quantity) });
  }
}

/**
 * Gives stock back inside the transaction that changes the order, so it happens exactly once with it: a
 * blind update (a product is never deleted; should one be, the update changes nothing).
 */
export async function restoreStockInTx(t: Transaction, lines: readonly StockLine[]): Promise<void> {
  for (const line of lines) {
    await t
      .collection(COLLECTIONS.products)
      .doc(line.productId)
      .update({ data: givenBack(line.quantity) });
  }
}
