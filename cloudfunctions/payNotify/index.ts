/**
 * payNotify: WeChat Pay's payment notification (cloudPay calls it with the event; it is not an
 * action-dispatched function). It records every notification in `paymentNotices` and answers
 * `{ errcode: 0 }` once it is recorded – for a repeat too, and for notifications it refuses (unknown
 * order, wrong amount, not a success): sending those again would not change the answer. Only when
 * something failed inside the mall before the outcome was recorded does it answer a non-zero errcode,
 * so that WeChat Pay (which retries for up to two days) delivers it again.
 *
 * Trust: a call from a mini program (SOURCE wx_client) is refused outright, and nothing is applied or
 * refunded before WeChat Pay's own record of the payment agrees (verify.ts). The paid transition itself
 * is apply.ts; a payment for a cancelled order is late-payment.ts.
 */
import { loadConfig } from '../common/config-store';
import { cloud } from '../common/cloud';
import { COLLECTIONS, _, db } from '../common/db';
import { newId } from '../common/ids';
import type { OrderDoc } from '../common/orders';
import { applyPayment, classify } from './apply';
import { refundLatePayment } from './late-payment';
import { type PaymentNotice, isRefundNotice, readNotice, recordNotice, recordRefundNotice } from './notice';
import { verifyPayment } from './verify';

export interface PayNotifyReply {
  errcode: number;
  errmsg: string;
}

const OK: PayNotifyReply = { errcode: 0, errmsg: 'OK' };
const RETRY: PayNotifyReply = { errcode: 1, errmsg: 'RETRY' };
/** Sources that are certainly a mini program calling, never WeChat Pay. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools'];

async function findOrder(outTradeNo: string): Promise<OrderDoc | null> {
  const { data } = await db.collection(COLLECTIONS.orders).where({ outTradeNo }).limit(1).get();
  return (data[0] as OrderDoc | undefined) ?? null;
}

/** Sales counts are shown on product cards only: bumped after the payment, outside its transaction. */
async function countSales(order: OrderDoc): Promise<void> {
  try {
    for (const item of order.items) {
      await db
        .collection(COLLECTIONS.products)
        .doc(item.productId)
        .update({ data: { salesCount: _.inc(item.quantity) } });
    }
  } catch (error) {
    console.error('[payNotify] salesCount', order._id, error);
  }
}

async function handle(notice: PaymentNotice & { outTradeNo: string }, now: number): Promise<PayNotifyReply> {
  const order = await findOrder(notice.outTradeNo);
  const verdict = classify(order, notice);
  if (verdict === 'unknown_order' || verdict === 'amount_mismatch' || verdict === 'duplicate') {
    await recordNotice(notice, { outcome: verdict, orderId: order?._id ?? null }, now);
    return OK;
  }
  if ((await verifyPayment(notice)) === 'not_verified') {
    await recordNotice(notice, { outcome: 'not_verified', orderId: order?._id ?? null }, now);
    return OK;
  }
  const applied =
    verdict === 'apply'
      ? await applyPayment(notice, newId(), await loadConfig())
      : { outcome: verdict, order };
  if (applied.outcome === 'applied' && applied.order) {
    await countSales(applied.order);
    return OK;
  }
  if (applied.outcome === 'paid_after_cancel' && applied.order) {
    const late = await refundLatePayment(
      applied.order,
      { ...notice, totalFee: applied.order.payableFen },
      now,
    );
    const detail = late.refundError ?? '已自动退款';
    await recordNotice(notice, { outcome: 'paid_after_cancel', orderId: applied.order._id, detail }, now);
    // A failed refund is worth WeChat Pay's retries: each one tries the same refund again.
    return late.refund === 'refunded' ? OK : RETRY;
  }
  // The order changed between the first look and the transaction (a concurrent copy got there first).
  await recordNotice(notice, { outcome: applied.outcome, orderId: applied.order?._id ?? null }, now);
  return OK;
}

export async function main(event: unknown): Promise<PayNotifyReply> {
  const source = (cloud.getWXContext() as { SOURCE?: string }).SOURCE ?? '';
  if (CLIENT_SOURCES.includes(source)) return { errcode: 403, errmsg: 'FORBIDDEN' };
  const now = Date.now();
  const record = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  const notice = readNotice(record);
  try {
    if (isRefundNotice(record)) {
      await recordRefundNotice(record, now);
      return OK;
    }
    const { outTradeNo } = notice;
    if (!outTradeNo) {
      await recordNotice(notice, { outcome: 'malformed' }, now);
      return OK;
    }
    if (notice.returnCode !== 'SUCCESS' || notice.resultCode !== 'SUCCESS') {
      await recordNotice(notice, { outcome: 'not_success' }, now);
      return OK;
    }
    return await handle({ ...notice, outTradeNo }, now);
  } catch (error) {
    console.error('[payNotify] failed', notice.outTradeNo, error);
    try {
      await recordNotice(notice, { outcome: 'error', detail: String(error) }, now);
    } catch (recordError) {
      console.error('[payNotify] could not record the failure', recordError);
    }
    return RETRY;
  }
}
