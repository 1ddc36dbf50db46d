/**
 * The merchant's orders: list and look, ship, decide refund requests, refund on its own initiative
 * (also after settlement, when commission is clawed back). The money side of refunds is
 * common/workflows/refunds.ts.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { ORDER_STATUSES, autoConfirmDueAt } from '../../shared/order-status';
import { requireAdmin } from '../common/stores/admins';
import type { CommissionDoc } from '../common/stores/commissions';
import type { UserDoc } from '../common/stores/users';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, _, type Doc, db } from '../common/platform/db';
import { type ActionTable, action } from '../common/platform/handler';
import {
  type OrderDoc,
  orderDetail,
  orderIdSchema,
  orderSummary,
  requireOrder,
  transitionOrder,
} from '../common/stores/orders';
import { pageFields, pageWindow } from '../common/platform/paging';
import {
  type RefundDoc,
  approveRefund,
  executeRefund,
  openRefund,
  refundAmountSchema,
  refundView,
  rejectRefund,
} from '../common/workflows/refunds';
import { escapeRegExp, plainText } from '../common/platform/text';
import { inTransaction } from '../common/platform/tx';

const reasonSchema = plainText({ label: '原因', min: 1, max: 200 });

/** An order as the merchant sees it: the buyer's view plus who bought, the commissions and the refunds. */
function adminOrderView(order: OrderDoc) {
  return {
    ...orderDetail(order),
    buyerId: order.buyerId,
    inviterId: order.inviterId,
    transactionId: order.transactionId,
    commissionFen: order.commissionFen,
    latePayment: order.latePayment,
  };
}

/** The buyer and the earners of one order (at most 4 people), by one indexed `_id in` query. */
async function peopleOf(userIds: string[]) {
  const ids = [...new Set(userIds)];
  const { data } = await db
    .collection(COLLECTIONS.users)
    .where({ _id: _.in(ids) })
    .limit(100)
    .get();
  return new Map(
    (data as UserDoc[]).map((u) => [
      u._id,
      { userId: u._id, nickname: u.nickname, inviteCode: u.inviteCode ?? null },
    ]),
  );
}

export const orderActions = {
  /** 订单列表（按状态或待处理退款筛选，按订单号、收货人手机号或姓名搜索，最新在前） */
  listOrders: action(
    z.object({
      status: z.enum(ORDER_STATUSES, { error: '订单状态无效' }).optional(),
      /** Only orders with a refund request open (退款申请 waiting for the merchant or in progress). */
      refundOpen: z.boolean({ error: 'refundOpen 必须是 true 或 false' }).optional(),
      /** An order number, or the receiver's phone or name (part of it). */
      keyword: plainText({ label: '搜索词', max: 32 }).optional(),
      ...pageFields,
    }),
    async (input) => {
      const { page, pageSize, skip } = pageWindow(input);
      const conditions: Doc[] = [];
      if (input.status) conditions.push({ status: input.status });
      if (input.refundOpen) conditions.push({ openRefundId: _.neq(null) });
      if (input.keyword) {
        conditions.push(
          _.or([
            { _id: input.keyword },
            { 'address.phone': input.keyword },
            { 'address.name': db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' }) },
          ]),
        );
      }
      const orders = db.collection(COLLECTIONS.orders).where(conditions.length ? _.and(conditions) : {});
      const [{ data }, { total }] = await Promise.all([
        orders.orderBy('createdAt', 'desc').skip(skip).limit(pageSize).get(),
        orders.count(),
      ]);
      const items = (data as OrderDoc[]).map((o) => ({
        ...orderSummary(o),
        buyerId: o.buyerId,
        address: o.address,
        commissionFen: o.commissionFen,
        openRefundId: o.openRefundId,
        latePayment: o.latePayment,
      }));
      return { items, total, page, pageSize };
    },
  ),

  /** 订单详情：含佣金明细与退款记录 */
  getOrder: action(z.object({ orderId: orderIdSchema }), async ({ orderId }) => {
    const order = await requireOrder(orderId);
    const [commissions, refunds] = await Promise.all([
      db.collection(COLLECTIONS.commissions).where({ orderId }).limit(100).get(),
      db.collection(COLLECTIONS.refunds).where({ orderId }).orderBy('requestedAt', 'desc').limit(100).get(),
    ]);
    const commissionDocs = commissions.data as CommissionDoc[];
    const people = await peopleOf([order.buyerId, ...commissionDocs.map((c) => c.beneficiaryId)]);
    return {
      ...adminOrderView(order),
      /** Who bought, so the merchant can tell them apart from the receiver; null when the user is gone. */
      buyer: people.get(order.buyerId) ?? null,
      commissions: commissionDocs.map((c) => ({
        commissionId: c._id,
        level: c.level,
        beneficiaryId: c.beneficiaryId,
        beneficiary: people.get(c.beneficiaryId) ?? null,
        baseFen: c.baseFen,
        rate: c.rate,
        fixedPerUnitFen: c.fixedPerUnitFen,
        originalAmountFen: c.originalAmountFen,
        amountFen: c.amountFen,
        clawbackFen: c.clawbackFen,
        status: c.status,
        lines: c.lines.map((l) => ({
          lineId: l.lineId,
          productTitle: l.productTitle,
          baseFen: l.baseFen,
          rate: l.rate,
          fixedPerUnitFen: l.fixedPerUnitFen,
          originalAmountFen: l.originalAmountFen,
          amountFen: l.amountFen,
          clawbackFen: l.clawbackFen,
        })),
      })),
      refunds: (refunds.data as RefundDoc[]).map(refundView),
    };
  }),

  /** 发货：待发货 → 待收货，开始计算自动确认收货时间 */
  ship: action(
    z.object({
      orderId: orderIdSchema,
      carrier: plainText({ label: '快递公司', min: 1, max: 30 }),
      trackingNo: z
        .string({ error: '快递单号必须是文字' })
        .trim()
        .regex(/^[0-9A-Za-z-]{4,40}$/, { error: '快递单号格式错误（4–40 位字母、数字或 -）' }),
    }),
    async ({ orderId, carrier, trackingNo }) => {
      const order = await requireOrder(orderId);
      const shippedAt = Date.now();
      const autoConfirmAt = autoConfirmDueAt(shippedAt, await loadConfig());
      await transitionOrder(
        order,
        { type: 'ship' },
        { shippedAt, autoConfirmAt, shipping: { carrier, trackingNo } },
      );
      return { orderId, status: 'shipped' as const, shippedAt, autoConfirmAt };
    },
  ),

  /**
   * 处理退款申请：同意即退款（并冲减或追回佣金），拒绝则订单回到申请前的状态。
   * Approving a refund that was approved but not finished (WeChat Pay failed, or it was interrupted)
   * finishes it.
   */
  resolveRefund: action(
    z.object({
      orderId: orderIdSchema,
      approve: z.boolean({ error: 'approve 必须是 true 或 false' }),
      reason: reasonSchema.optional(),
    }),
    async ({ orderId, approve, reason }, ctx) => {
      const admin = await requireAdmin(ctx);
      const refund = approve
        ? await approveRefund(orderId, admin)
        : await rejectRefund(orderId, admin, reason ?? null);
      const order = await requireOrder(orderId);
      return { refund: refundView(refund), orderStatus: order.status, refundedFen: order.refundedFen };
    },
  ),

  /**
   * 商家主动退款：已付款未结算的订单直接退；已完成（佣金已结算）的订单退款后追回佣金（可使余额为负）。
   * amountFen defaults to everything still refundable.
   */
  refundOrder: action(
    z.object({
      orderId: orderIdSchema,
      amountFen: refundAmountSchema.optional(),
      reason: reasonSchema,
    }),
    async ({ orderId, amountFen, reason }, ctx) => {
      const admin = await requireAdmin(ctx);
      const opened = await inTransaction(async (t) => {
        const order = (await t.collection(COLLECTIONS.orders).doc(orderId).get()).data as OrderDoc | null;
        if (!order) throw new AppError('NOT_FOUND', '订单不存在');
        return openRefund(t, order, { amountFen, reason, by: 'merchant', adminOpenid: admin }, Date.now());
      });
      const refund = await executeRefund(opened._id);
      const order = await requireOrder(orderId);
      return { refund: refundView(refund), orderStatus: order.status, refundedFen: order.refundedFen };
    },
  ),
} satisfies ActionTable;
