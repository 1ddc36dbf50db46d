/**
 * Refunds by amount, partial or full, before or after settlement – opened by the buyer
 * (`order.requestRefund`) or the merchant (`admin.refundOrder`), decided by the merchant
 * (`admin.resolveRefund`), and their effect on money, stock and commission.
 *
 * A refund moves `requested → approved → refunded` (or `requested → rejected`). Its effect runs in three
 * steps, each safe to repeat, so that a refund delivered twice, run concurrently or interrupted anywhere
 * happens exactly once:
 *
 *  1. approve – a transaction moves the refund `requested → approved`. Approving an `approved` refund is
 *     not an error: it resumes steps 2 and 3 (that is how a refund interrupted after step 1 is finished –
 *     by the admin approving again, or by the settle timer's sweep of refunds left `approved`).
 *  2. pay back – cloudPay.refund with `out_refund_no` = the refund's id, which is deterministic
 *     (`<orderId>R<nn>`): WeChat Pay answers a repeated out_refund_no with the refund it already made,
 *     so this call is idempotent and may run any number of times. It runs BEFORE the state change: the
 *     mall never records money as returned that WeChat Pay did not accept. If it fails, nothing changes
 *     and the refund stays `approved`, to be resumed.
 *  3. apply – ONE transaction, conditional on the refund still being `approved`: the lines' refunded
 *     amounts, the order's status (shared/order-status.ts), stock, every commission of the order
 *     recomputed on its line's remaining base from the ORIGINAL snapshotted amounts (shared/refund.ts),
 *     the ledger (`commission_reversed` before settlement, `commission_clawback` after it – which may take
 *     the available balance below zero), the grade figures, the refund statistics, and `refunded`.
 *     A second run finds the refund `refunded` and changes nothing.
 */
import { z } from 'zod';
import type { CommissionStatus } from '../../../shared/commission';
import { AppError } from '../../../shared/errors';
import { commissionAdjustment } from '../../../shared/ledger';
import { formatYuan } from '../../../shared/money';
import { type OrderState, type OrderStatus, canApply } from '../../../shared/order-status';
import {
  REFUND_STATUSES,
  type RefundStatus,
  nextRefundStatus,
  refundStatusName,
} from '../../../shared/refund-status';
import { allocateRefund, refundableFen, shareAfterRefund } from '../../../shared/refund';
import { type CommissionDoc, originalLines, recordAfterRefund, summaryOf } from '../stores/commissions';
import { COLLECTIONS, type Transaction, _, db } from '../platform/db';
import { MoneyEffects } from '../stores/ledger';
import { type OrderDoc, orderTransition, refundIdOf, stateOf } from '../stores/orders';
import { payError, paySucceeded, refundPayment } from '../platform/pay';
import { restoreStockInTx } from '../stores/products';
import { inTransaction } from '../platform/tx';

/** A refund amount as the API takes it: a positive integer number of fen. */
export const refundAmountSchema = z
  .number({ error: '退款金额必须是整数（分）' })
  .int({ error: '退款金额必须是整数（分）' })
  .min(1, { error: '退款金额必须大于 0' });

export { REFUND_STATUSES, type RefundStatus };

export interface RefundDoc {
  /** Also the `out_refund_no` sent to WeChat Pay. */
  _id: string;
  orderId: string;
  buyerId: string;
  amountFen: number;
  /** The allocation over the order's lines (shared/refund.ts allocateRefund), lineId → fen. */
  lines: Record<string, number>;
  reason: string;
  status: RefundStatus;
  outRefundNo: string;
  requestedBy: 'buyer' | 'merchant';
  requestedAt: number;
  approvedAt: number | null;
  resolvedAt: number | null;
  /** The admin's OPENID that approved or rejected it. */
  resolvedBy: string | null;
  rejectReason: string | null;
  /** The order's status when the refund was opened. */
  statusBefore: OrderStatus;
  /** The order had settled: commission is clawed back instead of reversed. */
  afterSettlement: boolean;
  /** WeChat Pay's refund id, once it accepted the refund. */
  wxRefundId: string | null;
  /** Why the last attempt at step 2 failed (cleared by success). */
  lastError: string | null;
}

export function refundView(r: RefundDoc) {
  return {
    refundId: r._id,
    orderId: r.orderId,
    amountFen: r.amountFen,
    reason: r.reason,
    status: r.status,
    statusName: refundStatusName(r.status),
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    resolvedAt: r.resolvedAt,
    rejectReason: r.rejectReason,
    afterSettlement: r.afterSettlement,
    lastError: r.lastError,
  };
}

export interface OpenRefundInput {
  amountFen?: number;
  reason: string;
  by: 'buyer' | 'merchant';
  /** The merchant's OPENID (a merchant's refund is approved as it is opened). */
  adminOpenid?: string;
}

/**
 * Opens a refund on an order read inside `t`. One refund is open at a time per order. The buyer may ask
 * while the order is paid, shipped, or received within the return window; the merchant also after
 * settlement (`completed`: commission is then clawed back). Before settlement the order becomes
 * `refunding`, which keeps the timer from settling it while the refund is open.
 */
export async function openRefund(
  t: Transaction,
  order: OrderDoc,
  input: OpenRefundInput,
  now: number,
): Promise<RefundDoc> {
  if (order.openRefundId) throw new AppError('CONFLICT', '该订单已有退款正在处理');
  const state = stateOf(order);
  const afterSettlement = order.status === 'completed';
  let next: OrderState | null = null;
  if (afterSettlement) {
    if (input.by !== 'merchant') throw new AppError('RULE', '订单已完成结算，请联系商家处理售后');
    if (!canApply(state, { type: 'merchantRefund', full: false }))
      throw new AppError('CONFLICT', '订单状态不允许退款');
  } else {
    next = orderTransition(order, { type: 'requestRefund' });
    if (
      input.by === 'buyer' &&
      order.status === 'received' &&
      order.settleAt !== null &&
      now >= order.settleAt
    ) {
      throw new AppError('RULE', '已超过退换货期限，不能申请退款');
    }
  }
  const refundable = refundableFen(order.items);
  if (refundable === 0) throw new AppError('RULE', '该订单已没有可退的金额');
  const amountFen = input.amountFen ?? refundable;
  if (amountFen > refundable) {
    throw new AppError('RULE', `退款金额 ${formatYuan(amountFen)} 超过可退金额 ${formatYuan(refundable)}`);
  }
  const lines: Record<string, number> = {};
  for (const { lineId, refundFen } of allocateRefund(order.items, amountFen)) {
    if (refundFen > 0) lines[lineId] = refundFen;
  }
  const sequence = (order.refundCount ?? 0) + 1;
  const refundId = refundIdOf(order._id, sequence);
  const merchant = input.by === 'merchant';
  const refund: RefundDoc = {
    _id: refundId,
    orderId: order._id,
    buyerId: order.buyerId,
    amountFen,
    lines,
    reason: input.reason,
    // A merchant's own refund is decided as it is opened.
    status: merchant ? nextRefundStatus('requested', 'approve') : 'requested',
    outRefundNo: refundId,
    requestedBy: input.by,
    requestedAt: now,
    approvedAt: merchant ? now : null,
    resolvedAt: null,
    resolvedBy: merchant ? (input.adminOpenid ?? null) : null,
    rejectReason: null,
    statusBefore: order.status,
    afterSettlement,
    wxRefundId: null,
    lastError: null,
  };
  await t.collection(COLLECTIONS.refunds).add({ data: refund });
  await t
    .collection(COLLECTIONS.orders)
    .doc(order._id)
    .update({
      data: {
        openRefundId: refundId,
        refundCount: sequence,
        ...(next ?? {}),
        updatedAt: now,
      },
    });
  return refund;
}

async function readInTx<T>(t: Transaction, collection: 'orders' | 'refunds', id: string): Promise<T | null> {
  return ((await t.collection(collection).doc(id).get()).data as T | null) ?? null;
}

/** The open refund of an order, read inside `t`; CONFLICT when there is none. */
async function openRefundOf(
  t: Transaction,
  orderId: string,
): Promise<{ order: OrderDoc; refund: RefundDoc }> {
  const order = await readInTx<OrderDoc>(t, COLLECTIONS.orders, orderId);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  const refund = order.openRefundId
    ? await readInTx<RefundDoc>(t, COLLECTIONS.refunds, order.openRefundId)
    : null;
  if (!refund) throw new AppError('CONFLICT', '该订单没有待处理的退款');
  return { order, refund };
}

/** Step 1 (see the header), then steps 2 and 3. Approving an `approved` refund resumes it. */
export async function approveRefund(orderId: string, adminOpenid: string): Promise<RefundDoc> {
  const refund = await inTransaction(async (t) => {
    const { refund: open } = await openRefundOf(t, orderId);
    // Approving an approved refund resumes it (steps 2 and 3).
    if (open.status === 'approved') return open;
    const now = Date.now();
    const patch = {
      status: nextRefundStatus(open.status, 'approve'),
      approvedAt: now,
      resolvedBy: adminOpenid,
    };
    await t.collection(COLLECTIONS.refunds).doc(open._id).update({ data: patch });
    return { ...open, ...patch };
  });
  return executeRefund(refund._id);
}

/** The merchant says no: the order goes back to where it was, and may settle when due. */
export async function rejectRefund(
  orderId: string,
  adminOpenid: string,
  reason: string | null,
): Promise<RefundDoc> {
  return inTransaction(async (t) => {
    const { order, refund } = await openRefundOf(t, orderId);
    const status = nextRefundStatus(refund.status, 'reject');
    const next = orderTransition(order, { type: 'refundRejected' });
    const now = Date.now();
    const patch = {
      status,
      resolvedAt: now,
      resolvedBy: adminOpenid,
      rejectReason: reason,
    };
    await t.collection(COLLECTIONS.refunds).doc(refund._id).update({ data: patch });
    await t
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({
        data: {
          ...next,
          openRefundId: null,
          updatedAt: now,
        },
      });
    return { ...refund, ...patch };
  });
}

/** Steps 2 and 3 of an approved refund (see the header); a refunded one is answered as it is. */
export async function executeRefund(refundId: string): Promise<RefundDoc> {
  const refunds = db.collection(COLLECTIONS.refunds);
  const refund = (await refunds.doc(refundId).get()).data as RefundDoc | null;
  if (!refund) throw new AppError('NOT_FOUND', '退款不存在');
  if (refund.status === 'refunded') return refund;
  if (refund.status !== 'approved') throw new AppError('CONFLICT', '退款未获同意');
  const order = (await db.collection(COLLECTIONS.orders).doc(refund.orderId).get()).data as OrderDoc | null;
  if (!order) throw new Error(`refund ${refundId}: order ${refund.orderId} is missing`);

  const reply = await refundPayment({
    outTradeNo: order.outTradeNo,
    outRefundNo: refund.outRefundNo,
    totalFee: order.payableFen,
    refundFee: refund.amountFen,
  });
  if (!paySucceeded(reply)) {
    const lastError = payError(reply);
    await refunds.doc(refundId).update({ data: { lastError } });
    throw new AppError('RULE', `微信退款未成功：${lastError}（退款已同意，可稍后重试）`);
  }
  const wxRefundId = typeof reply.refundId === 'string' ? reply.refundId : null;
  // It moves the accounts of the order's distributors, which payments and settlements of their other
  // orders write too: queue longer.
  return inTransaction((t) => applyRefund(t, refundId, wxRefundId, Date.now()), { attempts: 16 });
}

/** Step 3: everything the refund changes, once. */
async function applyRefund(
  t: Transaction,
  refundId: string,
  wxRefundId: string | null,
  now: number,
): Promise<RefundDoc> {
  const refund = await readInTx<RefundDoc>(t, COLLECTIONS.refunds, refundId);
  if (!refund) throw new Error(`refund ${refundId} vanished`);
  if (refund.status !== 'approved') return refund;
  const order = await readInTx<OrderDoc>(t, COLLECTIONS.orders, refund.orderId);
  if (!order) throw new Error(`refund ${refundId}: order ${refund.orderId} is missing`);

  const items = order.items.map((item) => ({
    ...item,
    refundedFen: item.refundedFen + (refund.lines[item.lineId] ?? 0),
  }));
  const refundedFen = order.refundedFen + refund.amountFen;
  const full = refundedFen === order.payableFen;
  const next = orderTransition(order, {
    type: refund.afterSettlement ? 'merchantRefund' : 'refundApproved',
    full,
  });

  // Stock comes back only for goods that never left: a line refunded in full before shipping.
  if (!refund.afterSettlement && order.statusBeforeRefund === 'paid') {
    const returned = items.filter(
      (item, i) => item.refundedFen === item.paidFen && order.items[i].refundedFen < item.paidFen,
    );
    await restoreStockInTx(
      t,
      returned.map((i) => ({ productId: i.productId, quantity: i.quantity })),
    );
  }

  const refundedByLine = Object.fromEntries(items.map((i) => [i.lineId, i.refundedFen]));
  const effects = new MoneyEffects();
  const records = await readCommissions(t, order);
  const summaries = await adjustCommissions(t, effects, records, refund, refundedByLine, now);
  effects.count({ daily: { refundFen: refund.amountFen }, totals: { refundFen: refund.amountFen } });
  await effects.write(t, now, order._id);

  const done = {
    status: nextRefundStatus(refund.status, 'complete'),
    resolvedAt: now,
    wxRefundId,
    lastError: null,
  };
  await t.collection(COLLECTIONS.refunds).doc(refundId).update({ data: done });
  await t
    .collection(COLLECTIONS.orders)
    .doc(order._id)
    .update({
      data: {
        items,
        refundedFen,
        ...next,
        openRefundId: null,
        commissions: _.set(summaries),
        ...(full ? { refundedAt: now } : {}),
        updatedAt: now,
      },
    });
  return { ...refund, ...done };
}

/** The order's commission records, by the ids its summary names (a transaction allows no query). */
async function readCommissions(t: Transaction, order: OrderDoc): Promise<CommissionDoc[]> {
  // A paid order always names its records (maybe none); one that does not predates the data model.
  if (!Array.isArray(order.commissions))
    throw new Error(`order ${order._id} predates the current data model: run npm run migrate`);
  const records: CommissionDoc[] = [];
  for (const { commissionId } of order.commissions) {
    const { data } = await t.collection(COLLECTIONS.commissions).doc(commissionId).get();
    if (!data) throw new Error(`order ${order._id}: commission ${commissionId} is missing`);
    records.push({ ...data, _id: commissionId } as CommissionDoc);
  }
  return records;
}

/**
 * Every live share of the order recomputed on what remains of its line (shared/refund.ts: from the
 * original amount, so the result depends only on the totals refunded), each record's difference posted
 * to the ledger under this refund's id – one entry per record, that is per beneficiary – and the grade
 * figures of settled records reduced with it. Answers the order's new commission summary.
 */
async function adjustCommissions(
  t: Transaction,
  effects: MoneyEffects,
  records: readonly CommissionDoc[],
  refund: RefundDoc,
  refundedByLine: Record<string, number>,
  now: number,
) {
  const summaries = [];
  for (const record of records) {
    if (record.status === 'reversed') {
      summaries.push(summaryOf(record));
      continue;
    }
    const status = record.status as Exclude<CommissionStatus, 'reversed'>;
    const originals = originalLines(record);
    const amounts = new Map<string, number>();
    let salesRefunded = 0;
    record.lines.forEach((line, i) => {
      // A line already refunded to 0 is done with, as a record of its own used to be.
      if (line.amountFen === 0) return;
      amounts.set(line.lineId, shareAfterRefund(originals[i], refundedByLine[line.lineId] ?? 0));
      salesRefunded += refund.lines[line.lineId] ?? 0;
    });
    const next = recordAfterRefund(record, amounts, status === 'settled', now);
    const movement = commissionAdjustment(status, record.amountFen, next.amountFen);
    if (status === 'settled') {
      // Settled sales are net of refunds even when the share itself does not move (rounding).
      effects.figures(record.beneficiaryId, {
        commissionEarnedFen: -(movement?.amountFen ?? 0),
        settledSalesFen: record.level === 1 ? -salesRefunded : 0,
      });
    }
    summaries.push(summaryOf(next));
    if (!movement) continue;
    effects.post({
      kind: movement.kind as 'commission_reversed' | 'commission_clawback',
      commissionId: record._id,
      refundId: refund._id,
      userId: record.beneficiaryId,
      amountFen: movement.amountFen,
      orderId: record.orderId,
    });
    await t
      .collection(COLLECTIONS.commissions)
      .doc(record._id)
      .update({
        data: {
          lines: _.set(next.lines),
          amountFen: next.amountFen,
          clawbackFen: next.clawbackFen,
          status: next.status,
          reversedAt: next.reversedAt,
        },
      });
  }
  return summaries;
}
