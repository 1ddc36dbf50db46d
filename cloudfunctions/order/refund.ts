/**
 * `order.requestRefund { orderId, amountFen?, reason }`: the buyer asks for money back – any amount up to
 * what is still refundable (default: all of it), before settlement only, one open request at a time.
 * The merchant decides (`admin.resolveRefund`); until then the order is `refunding` and does not settle.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { COLLECTIONS } from '../common/platform/db';
import { action } from '../common/platform/handler';
import type { OrderDoc } from '../common/stores/orders';
import { openRefund, refundView } from '../common/workflows/refunds';
import { inTransaction } from '../common/platform/tx';
import { requireUser } from '../common/stores/users';
import { orderIdSchema, reasonSchema, refundAmountSchema } from './schemas';

/** 申请退款：全额或部分金额，附原因；商家审核 */
export const requestRefund = action(
  z.object({
    orderId: orderIdSchema,
    amountFen: refundAmountSchema.optional(),
    reason: reasonSchema('退款原因'),
  }),
  async (input, ctx) => {
    const buyer = await requireUser(ctx);
    const refund = await inTransaction(async (t) => {
      const order = (await t.collection(COLLECTIONS.orders).doc(input.orderId).get()).data as OrderDoc | null;
      if (!order || order.buyerId !== buyer._id) throw new AppError('NOT_FOUND', '订单不存在');
      return openRefund(
        t,
        order,
        { amountFen: input.amountFen, reason: input.reason, by: 'buyer' },
        Date.now(),
      );
    });
    return refundView(refund);
  },
);
