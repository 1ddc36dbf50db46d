/**
 * A payment that arrives for an order that was already cancelled (the buyer paid in the moment the
 * unpaid timeout closed it, or kept an old payment page open): the goods are no longer reserved, so the
 * money goes back at once. The refund's out_refund_no is fixed per order, so repeated notifications
 * repeat the same refund, never a second one. The order keeps its status and carries `latePayment`.
 */
import { COLLECTIONS, db } from '../common/platform/db';
import { type LatePayment, type OrderDoc, latePaymentRefundNo } from '../common/stores/orders';
import { payError, paySucceeded, refundPayment } from '../common/platform/pay';
import type { PaymentNotice } from './notice';

export async function refundLatePayment(
  order: OrderDoc,
  notice: PaymentNotice & { totalFee: number },
  now: number,
): Promise<LatePayment> {
  const outRefundNo = latePaymentRefundNo(order._id);
  const reply = await refundPayment({
    outTradeNo: order.outTradeNo,
    outRefundNo,
    totalFee: notice.totalFee,
    refundFee: notice.totalFee,
  });
  const ok = paySucceeded(reply);
  const latePayment: LatePayment = {
    transactionId: notice.transactionId ?? '',
    totalFee: notice.totalFee,
    receivedAt: now,
    outRefundNo,
    refund: ok ? 'refunded' : 'failed',
    refundError: ok ? null : payError(reply),
  };
  await db
    .collection(COLLECTIONS.orders)
    .doc(order._id)
    .update({ data: { latePayment, updatedAt: now } });
  return latePayment;
}
