/**
 * `order.create`: an order priced from the database. The client sends product ids and quantities only;
 * titles, prices and commission terms are read here and snapshotted into the order.
 *
 * Order of the steps, so that a refusal changes nothing: products are checked first, then stock is
 * reserved line by line (a line that cannot be served gives back what the earlier lines took), then the
 * invite code is applied, the commission plan is read (the chain as it stands now: common/workflows/chain.ts), then
 * the order is written (if that fails, the stock goes back).
 */
import { z } from 'zod';
import type { MerchantConfig } from '../../shared/config';
import { AppError } from '../../shared/errors';
import { MAX_FEN, formatYuan } from '../../shared/money';
import { unpaidExpiresAt } from '../../shared/order-status';
import { applyInviteCode } from '../common/workflows/binding';
import { planCommission } from '../common/workflows/chain';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, _, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { type OrderDoc, type OrderItem, newOrderId } from '../common/stores/orders';
import {
  type ProductDoc,
  type StockLine,
  productIdSchema,
  releaseStock,
  reserveStock,
} from '../common/stores/products';
import { mobileSchema, plainText } from '../common/platform/text';
import { type UserDoc, findUserById, requireUser } from '../common/stores/users';

/** Lines per order: enough for any basket, and it bounds the commission records of one payment (× 3). */
export const MAX_LINES = 20;
export const MAX_QUANTITY = 999;

export const createSchema = z.object({
  items: z
    .array(
      z.object({
        productId: productIdSchema,
        quantity: z
          .number({ error: '数量必须是整数' })
          .int({ error: '数量必须是整数' })
          .min(1, { error: '数量至少为 1' })
          .max(MAX_QUANTITY, { error: `数量最多 ${MAX_QUANTITY}` }),
      }),
      { error: '请选择商品' },
    )
    .min(1, { error: '请选择商品' })
    .max(MAX_LINES, { error: `一个订单最多 ${MAX_LINES} 种商品` }),
  address: z.object(
    {
      name: plainText({ label: '收货人', min: 1, max: 20 }),
      phone: mobileSchema,
      detail: plainText({ label: '详细地址', min: 2, max: 200 }),
    },
    { error: '请填写收货地址' },
  ),
  inviteCode: z.string({ error: '邀请码必须是文字' }).max(64, { error: '邀请码过长' }).optional(),
});

/** The same product twice in one basket is one line. */
function mergeLines(items: readonly StockLine[]): StockLine[] {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of items) merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  return [...merged].map(([productId, quantity]) => {
    if (quantity > MAX_QUANTITY)
      throw new AppError('VALIDATION', `商品 ${productId} 数量最多 ${MAX_QUANTITY}`);
    return { productId, quantity };
  });
}

async function loadProducts(lines: readonly StockLine[]): Promise<Map<string, ProductDoc>> {
  const ids = lines.map((l) => l.productId);
  const { data } = await db
    .collection(COLLECTIONS.products)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  const products = new Map((data as ProductDoc[]).map((p) => [p._id, p]));
  for (const id of ids) {
    const product = products.get(id);
    if (!product) throw new AppError('NOT_FOUND', `商品不存在：${id}`);
    if (product.status !== 'on') throw new AppError('RULE', `「${product.title}」已下架`);
  }
  return products;
}

/** Reserves every line or none. */
async function reserveAll(lines: readonly StockLine[], products: Map<string, ProductDoc>): Promise<void> {
  const reserved: StockLine[] = [];
  for (const line of lines) {
    if (!(await reserveStock(line))) {
      await releaseStock(reserved);
      const product = products.get(line.productId);
      throw new AppError('RULE', `「${product?.title ?? line.productId}」库存不足或已下架`);
    }
    reserved.push(line);
  }
}

function priceLines(lines: readonly StockLine[], products: Map<string, ProductDoc>): OrderItem[] {
  return lines.map((line, i) => {
    const p = products.get(line.productId) as ProductDoc;
    return {
      lineId: `L${i + 1}`,
      productId: p._id,
      title: p.title,
      cover: p.cover ?? '',
      priceFen: p.priceFen,
      quantity: line.quantity,
      paidFen: p.priceFen * line.quantity,
      refundedFen: 0,
      commission: p.commission ?? null,
    };
  });
}

/**
 * The order's invite code goes through the binding policy like a link would (source `order`). It never
 * decides whether the order is placed: should binding fail, the order goes on with the binding as it was.
 */
async function bindThroughOrder(
  buyer: UserDoc,
  inviteCode: string | undefined,
  config: MerchantConfig,
  now: number,
): Promise<UserDoc> {
  if (inviteCode === undefined) return buyer;
  try {
    const binding = await applyInviteCode(buyer, inviteCode, 'order', config, now);
    if (binding.action === 'keep') return buyer;
    return (await findUserById(buyer._id)) ?? buyer;
  } catch (error) {
    console.error('[order.create] binding failed', buyer._id, error);
    return buyer;
  }
}

/** 下单：价格与佣金条款取自数据库，逐行预留库存，按邀请码绑定，锁定分佣方案；待付款 */
export const create = action(createSchema, async (input, ctx) => {
  const buyer = await requireUser(ctx);
  const now = Date.now();
  const config = await loadConfig();
  const lines = mergeLines(input.items);
  const products = await loadProducts(lines);
  const items = priceLines(lines, products);
  const goodsFen = items.reduce((sum, item) => sum + item.paidFen, 0);
  if (goodsFen > MAX_FEN) throw new AppError('RULE', `订单金额超过上限 ${formatYuan(MAX_FEN)}`);

  await reserveAll(lines, products);
  try {
    const bound = await bindThroughOrder(buyer, input.inviteCode, config, now);
    const commissionSnapshot = await planCommission(bound, items, config, now);
    const orderId = newOrderId(now);
    // No coupons or shipping fees yet: the fields are there so that the commission base (paidFen per
    // line) stays "paid after discounts, shipping excluded" when they come.
    const order: OrderDoc = {
      _id: orderId,
      outTradeNo: orderId,
      buyerId: buyer._id,
      buyerOpenid: buyer.openid,
      items,
      goodsFen,
      discountFen: 0,
      shippingFen: 0,
      payableFen: goodsFen,
      refundedFen: 0,
      status: 'unpaid',
      statusBeforeRefund: null,
      address: input.address,
      inviterId: bound.inviterId,
      createdAt: now,
      expiresAt: unpaidExpiresAt(now, config),
      payRequestedAt: null,
      paidAt: null,
      shippedAt: null,
      receivedAt: null,
      completedAt: null,
      cancelledAt: null,
      refundedAt: null,
      autoConfirmAt: null,
      settleAt: null,
      shipping: null,
      transactionId: null,
      openRefundId: null,
      refundCount: 0,
      commissionFen: 0,
      commissionSnapshot,
      commissions: [],
      latePayment: null,
      updatedAt: now,
    };
    await db.collection(COLLECTIONS.orders).add({ data: order });
    return { orderId, payableFen: order.payableFen, status: order.status, expiresAt: order.expiresAt };
  } catch (error) {
    await releaseStock(lines);
    throw error;
  }
});
