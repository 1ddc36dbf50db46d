/** `order.get` and `order.list`: the caller's own orders only. */
import { z } from 'zod';
import { ORDER_STATUSES } from '../../shared/order-status';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { type OrderDoc, orderDetail, orderSummary, requireOwnOrder } from '../common/stores/orders';
import { pageFields, pageWindow } from '../common/platform/paging';
import { type RefundDoc, refundView } from '../common/workflows/refunds';
import { requireUser } from '../common/stores/users';
import { orderIdSchema } from './schemas';

export const statusSchema = z.enum(ORDER_STATUSES, { error: '订单状态无效' });

/** 订单详情（仅本人订单），含进行中的退款 */
export const get = action(z.object({ orderId: orderIdSchema }), async ({ orderId }, ctx) => {
  const buyer = await requireUser(ctx);
  const order = await requireOwnOrder(orderId, buyer._id);
  let openRefund = null;
  if (order.openRefundId) {
    const { data } = await db.collection(COLLECTIONS.refunds).doc(order.openRefundId).get();
    if (data) openRefund = refundView(data as RefundDoc);
  }
  return { ...orderDetail(order), openRefund };
});

/** 我的订单：按状态筛选，新的在前，分页 */
export const list = action(
  z.object({ status: statusSchema.optional(), ...pageFields }),
  async (input, ctx) => {
    const buyer = await requireUser(ctx);
    const { page, pageSize, skip } = pageWindow(input);
    const mine = db
      .collection(COLLECTIONS.orders)
      .where(input.status ? { buyerId: buyer._id, status: input.status } : { buyerId: buyer._id });
    const [{ data }, { total }] = await Promise.all([
      mine.orderBy('createdAt', 'desc').skip(skip).limit(pageSize).get(),
      mine.count(),
    ]);
    return { items: (data as OrderDoc[]).map(orderSummary), total, page, pageSize };
  },
);
