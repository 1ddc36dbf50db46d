/**
 * The `orders` collection (database/README.md): the document's type, order numbers, reading an order for
 * its buyer, the views the API answers, and single-document status changes that go through the state
 * machine of shared/order-status.ts.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type {
  ChainMember,
  CommissionConfig,
  CommissionOrderLine,
  ProductCommission,
} from '../../../shared/commission';
import type { CommissionSummary } from './commissions';
import { AppError } from '../../../shared/errors';
import {
  type OrderEvent,
  type OrderState,
  type OrderStatus,
  type RefundableStatus,
  nextStatus,
  orderStatusName,
} from '../../../shared/order-status';
import { beijingParts } from '../../../shared/time';
import { COLLECTIONS, type Doc, db } from '../platform/db';

export interface OrderItem {
  lineId: string;
  productId: string;
  title: string;
  cover: string;
  priceFen: number;
  quantity: number;
  /** The line's paid amount (after discounts, shipping excluded): the commission base. */
  paidFen: number;
  refundedFen: number;
  /** The product's commission override as it was when the order was placed (null: none). */
  commission: ProductCommission | null;
}

export interface Address {
  name: string;
  phone: string;
  detail: string;
}

/**
 * The order's commission plan, fixed when the order is placed (common/workflows/chain.ts planCommission): the
 * buyer's chain with each member's status and grade, the rates, the lines. The payment splits the
 * commission from it, reading no user and no configuration – the terms a buyer ordered under are the
 * terms its distributors earn by, like the product's own commission snapshotted in `items`.
 */
export interface CommissionSnapshot {
  buyer: ChainMember;
  uplines: ChainMember[];
  config: CommissionConfig;
  lines: CommissionOrderLine[];
  /** When the chain was read (binding validity is judged at this instant). */
  at: number;
}

/** A payment that arrived for an order already cancelled: refunded at once (payNotify). */
export interface LatePayment {
  transactionId: string;
  totalFee: number;
  receivedAt: number;
  outRefundNo: string;
  refund: 'refunded' | 'failed';
  refundError: string | null;
}

export interface OrderDoc {
  _id: string;
  outTradeNo: string;
  buyerId: string;
  buyerOpenid: string;
  items: OrderItem[];
  goodsFen: number;
  discountFen: number;
  shippingFen: number;
  payableFen: number;
  refundedFen: number;
  status: OrderStatus;
  statusBeforeRefund: RefundableStatus | null;
  address: Address;
  inviterId: string | null;
  createdAt: number;
  expiresAt: number;
  payRequestedAt: number | null;
  paidAt: number | null;
  shippedAt: number | null;
  receivedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  refundedAt: number | null;
  autoConfirmAt: number | null;
  settleAt: number | null;
  shipping: { carrier: string; trackingNo: string } | null;
  transactionId: string | null;
  openRefundId: string | null;
  /** Refunds opened so far: the sequence number of the next refund's id. */
  refundCount: number;
  commissionFen: number;
  /** The plan, from creation (null only on orders placed before plans existed). */
  commissionSnapshot: CommissionSnapshot | null;
  /** The order's commission records (common/stores/commissions.ts), from payment on. */
  commissions: CommissionSummary[];
  latePayment: LatePayment | null;
  updatedAt: number;
}

/** An order id as the API takes it (also what `out_trade_no` allows). */
export const orderIdSchema = z
  .string({ error: '订单号必须是文字' })
  .regex(/^[0-9A-Za-z_-]{1,32}$/, { error: '订单号格式错误' });

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A new order number, also its `out_trade_no`: Beijing time to the second and 8 random digits – 22
 * digits, readable on a receipt, sortable, well under WeChat Pay's 32 characters, leaving room for the
 * refund numbers derived from it.
 */
export function newOrderId(now: number): string {
  const p = beijingParts(now);
  const stamp = `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
  return stamp + pad(crypto.randomInt(0, 100_000_000), 8);
}

/** The id (and `out_refund_no`) of an order's n-th refund: deterministic, so a retried refund is the same one. */
export function refundIdOf(orderId: string, sequence: number): string {
  return `${orderId}R${pad(sequence)}`;
}

/** The `out_refund_no` of the automatic refund of a payment that arrived after the order was cancelled. */
export function latePaymentRefundNo(orderId: string): string {
  return `${orderId}RC`;
}

export function stateOf(order: Pick<OrderDoc, 'status' | 'statusBeforeRefund'>): OrderState {
  return { status: order.status, statusBeforeRefund: order.statusBeforeRefund ?? null };
}

/**
 * What an event writes on an order – its next status, and where an open refund returns – as the state
 * machine (shared/order-status.ts) decides; CONFLICT when the event is not allowed. Every status change
 * of an order, inside a transaction or not, writes exactly this.
 */
export function orderTransition(
  order: Pick<OrderDoc, 'status' | 'statusBeforeRefund'>,
  event: OrderEvent,
): OrderState {
  return nextStatus(stateOf(order), event);
}

export async function findOrder(orderId: string): Promise<OrderDoc | null> {
  const { data } = await db.collection(COLLECTIONS.orders).doc(orderId).get();
  return (data as OrderDoc | null) ?? null;
}

export async function requireOrder(orderId: string): Promise<OrderDoc> {
  const order = await findOrder(orderId);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  return order;
}

/** The buyer's own order; someone else's is NOT_FOUND too, so that order ids cannot be probed. */
export async function requireOwnOrder(orderId: string, buyerId: string): Promise<OrderDoc> {
  const order = await findOrder(orderId);
  if (!order || order.buyerId !== buyerId) throw new AppError('NOT_FOUND', '订单不存在');
  return order;
}

/**
 * One status change of one order, outside a transaction: the state machine decides whether the event is
 * allowed, and the write is conditional on the status read, so of two concurrent changes exactly one
 * wins and the other is CONFLICT. `patch` holds the other fields the event sets.
 */
export async function transitionOrder(order: OrderDoc, event: OrderEvent, patch: Doc): Promise<OrderState> {
  const next = orderTransition(order, event);
  const { stats } = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: order.status })
    .update({
      data: { ...patch, ...next, updatedAt: Date.now() },
    });
  if (stats.updated !== 1) throw new AppError('CONFLICT', '订单状态已变化，请刷新后重试');
  return next;
}

/** An order line as the buyer and the admin see it. */
export function itemView(item: OrderItem) {
  return {
    lineId: item.lineId,
    productId: item.productId,
    title: item.title,
    cover: item.cover,
    priceFen: item.priceFen,
    quantity: item.quantity,
    paidFen: item.paidFen,
    refundedFen: item.refundedFen,
  };
}

/** `order.list` rows. */
export function orderSummary(order: OrderDoc) {
  return {
    orderId: order._id,
    status: order.status,
    statusName: orderStatusName(order.status),
    items: order.items.map(itemView),
    payableFen: order.payableFen,
    refundedFen: order.refundedFen,
    createdAt: order.createdAt,
  };
}

/** `order.get` (docs/api.md): the fields of the contract, then the rest a detail page shows. */
export function orderDetail(order: OrderDoc) {
  return {
    ...orderSummary(order),
    goodsFen: order.goodsFen,
    discountFen: order.discountFen,
    shippingFen: order.shippingFen,
    statusBeforeRefund: order.statusBeforeRefund,
    address: order.address,
    shipping: order.shipping,
    expiresAt: order.expiresAt,
    paidAt: order.paidAt,
    shippedAt: order.shippedAt,
    receivedAt: order.receivedAt,
    autoConfirmAt: order.autoConfirmAt,
    settleAt: order.settleAt,
    completedAt: order.completedAt,
    cancelledAt: order.cancelledAt,
    refundedAt: order.refundedAt,
    openRefundId: order.openRefundId,
  };
}
