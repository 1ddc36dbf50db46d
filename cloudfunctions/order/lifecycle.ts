/** `order.cancel` (unpaid only) and `order.confirmReceipt` (shipped only), by the buyer. */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { loadConfig } from '../common/stores/config';
import { action } from '../common/platform/handler';
import { closeUnpaidOrder, markReceived } from '../common/workflows/order-transitions';
import { orderTransition, requireOwnOrder } from '../common/stores/orders';
import { requireUser } from '../common/stores/users';
import { orderIdSchema } from './schemas';

/** 取消待付款订单：关闭微信支付单并退回库存 */
export const cancel = action(z.object({ orderId: orderIdSchema }), async ({ orderId }, ctx) => {
  const buyer = await requireUser(ctx);
  const order = await requireOwnOrder(orderId, buyer._id);
  orderTransition(order, { type: 'cancel' }); // CONFLICT unless unpaid
  const outcome = await closeUnpaidOrder(order, 'cancel');
  if (outcome === 'paid') throw new AppError('CONFLICT', '订单已支付，不能取消');
  if (outcome === 'unknown') throw new AppError('CONFLICT', '暂时无法取消，请稍后再试');
  if (outcome === 'changed') throw new AppError('CONFLICT', '订单状态已变化，请刷新后重试');
  return { orderId, status: 'cancelled' as const };
});

/** 确认收货：开始计算退换货期限，期满后佣金结算 */
export const confirmReceipt = action(z.object({ orderId: orderIdSchema }), async ({ orderId }, ctx) => {
  const buyer = await requireUser(ctx);
  const order = await requireOwnOrder(orderId, buyer._id);
  const receivedAt = Date.now();
  await markReceived(order, 'confirmReceipt', receivedAt, await loadConfig());
  return { orderId, status: 'received' as const, receivedAt };
});
