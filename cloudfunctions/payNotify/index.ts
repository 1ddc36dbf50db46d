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
 * is apply.ts; a payment for a cancelled order is late-payment.ts. Sales counts on product cards move
 * with the stock when the order is placed (common/stores/products.ts), not here.
 */
import { cloud } from '../common/platform/cloud';
import { newId } from '../common/platform/ids';
import { selfCheckOnce } from '../common/platform/self-check';
import { applyPayment } from './payment';
import { refundLatePayment } from './late-payment';
import { type PaymentNotice, isRefundNotice, readNotice, recordNotice, recordRefundNotice } from './notice';

export interface PayNotifyReply {
  errcode: number;
  errmsg: string;
}

const OK: PayNotifyReply = { errcode: 0, errmsg: 'OK' };
const RETRY: PayNotifyReply = { errcode: 1, errmsg: 'RETRY' };
/** Sources that are certainly a mini program calling, never WeChat Pay. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools'];

async function handle(notice: PaymentNotice & { outTradeNo: string }, now: number): Promise<PayNotifyReply> {
  const applied = await applyPayment(notice, newId());
  if (applied.outcome === 'applied') return OK;
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
  // Nothing to change: unknown order, wrong amount, not genuine, or paid already (a repeat).
  await recordNotice(notice, { outcome: applied.outcome, orderId: applied.order?._id ?? null }, now);
  return OK;
}

export async function main(event: unknown): Promise<PayNotifyReply> {
  await selfCheckOnce(); // never throws: a notification is handled whatever the check finds
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
