/**
 * `order.pay`: opens the WeChat Pay payment of an unpaid order (cloudPay.unifiedOrder) and answers what
 * `wx.requestPayment` takes. The order is marked paid only by the payment notification (payNotify),
 * never here: the client's word that it paid is worth nothing.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { requireOwnOrder } from '../common/stores/orders';
import { payError, paySucceeded, unifiedOrder } from '../common/platform/pay';
import { requireUser } from '../common/stores/users';
import { orderIdSchema } from './schemas';

/** 发起支付：统一下单，返回 wx.requestPayment 所需参数 */
export const pay = action(z.object({ orderId: orderIdSchema }), async ({ orderId }, ctx) => {
  const buyer = await requireUser(ctx);
  const order = await requireOwnOrder(orderId, buyer._id);
  if (order.status !== 'unpaid') throw new AppError('CONFLICT', '订单已支付或已关闭');
  const now = Date.now();
  if (now >= order.expiresAt) throw new AppError('RULE', '订单已超时，请重新下单');

  // Recorded BEFORE the payment exists, so that whoever closes the order later (cancel, the unpaid
  // timeout) knows to close the payment too and to check that it was not paid (see order-closing.ts).
  if (order.payRequestedAt === null) {
    await db
      .collection(COLLECTIONS.orders)
      .doc(order._id)
      .update({ data: { payRequestedAt: now } });
  }
  const first = order.items[0];
  const title = order.items.length > 1 ? `${first.title} 等${order.items.length}件商品` : first.title;
  const reply = await unifiedOrder({
    outTradeNo: order.outTradeNo,
    totalFee: order.payableFen,
    body: title,
    attach: order._id,
  });
  if (reply.returnCode !== 'SUCCESS') {
    // The call itself was refused (missing or malformed parameter): our configuration, not the buyer.
    throw new Error(`unifiedOrder refused: ${payError(reply)}`);
  }
  if (!paySucceeded(reply)) throw new AppError('CONFLICT', `无法发起支付：${payError(reply)}`);
  return { outTradeNo: order.outTradeNo, payment: reply.payment };
});
