/**
 * The payment transaction: in ONE transaction the order becomes paid (once – the state machine refuses a
 * second `pay`), its commission records are written – one per level, split from the plan the order
 * carries since it was placed (common/workflows/chain.ts) –, their pending ledger entries and accounts move, the
 * statistics too, and the notification is recorded as `applied`. The order is read by id (its id is its
 * out_trade_no), and nothing else is read: the cost is the same for one line or twenty.
 *
 * The order's state decides first (`classify`); only a notification that would change something – mark
 * the order paid, or refund a payment that came after the order was cancelled – is checked against
 * WeChat Pay's own record (verify.ts) before anything happens, once per notification.
 *
 * Two copies of the notification running at once both read `unpaid`; the second to write the order
 * conflicts, is retried from a fresh snapshot, and finds the order paid (`duplicate`).
 */
import { type CommissionLine, splitCommission } from '../../shared/commission';
import { planCommission } from '../common/workflows/chain';
import { commissionDocsOf, summaryOf } from '../common/stores/commissions';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, type Transaction, _ } from '../common/platform/db';
import { MoneyEffects } from '../common/stores/ledger';
import {
  type CommissionSnapshot,
  type OrderDoc,
  orderIdSchema,
  orderTransition,
} from '../common/stores/orders';
import { inTransaction } from '../common/platform/tx';
import { findUserById } from '../common/stores/users';
import { type NoticeOutcome, type PaymentNotice, recordNoticeInTx } from './notice';
import { type Verification, verifyPayment } from './verify';

export interface Applied {
  outcome: NoticeOutcome;
  order: OrderDoc | null;
  commissions: CommissionLine[];
}

/** What the order's state says about a well-formed notification for it, before any write. */
export function classify(order: OrderDoc | null, notice: PaymentNotice): NoticeOutcome | 'apply' {
  if (!order) return 'unknown_order';
  if (notice.totalFee !== order.payableFen) return 'amount_mismatch';
  if (order.status === 'unpaid') return 'apply';
  if (order.status === 'cancelled' && order.latePayment?.refund !== 'refunded') return 'paid_after_cancel';
  return 'duplicate';
}

/** The order whose out_trade_no this is: orders use their id as out_trade_no (common/stores/orders.ts). */
async function readOrder(t: Transaction, outTradeNo: string): Promise<OrderDoc | null> {
  if (!orderIdSchema.safeParse(outTradeNo).success) return null;
  const { data } = await t.collection(COLLECTIONS.orders).doc(outTradeNo).get();
  return (data as OrderDoc | null) ?? null;
}

/** The plan of an order placed before plans were kept: made now, outside the transaction's reads. */
async function legacyPlan(order: OrderDoc, now: number): Promise<CommissionSnapshot> {
  const buyer = await findUserById(order.buyerId);
  if (!buyer) throw new Error(`order ${order._id}: buyer ${order.buyerId} is missing`);
  return planCommission(buyer, order.items, await loadConfig(), now);
}

/**
 * Marks the order paid with its commissions, or answers why not (nothing written then). `noticeId` is
 * chosen by the caller so that a retried transaction records the same notification, not a second one.
 */
export async function applyPayment(
  notice: PaymentNotice & { outTradeNo: string },
  noticeId: string,
): Promise<Applied> {
  let verification: Verification | null = null;
  return inTransaction(
    async (t) => {
      const order = await readOrder(t, notice.outTradeNo);
      const verdict = classify(order, notice);
      if ((verdict === 'apply' || verdict === 'paid_after_cancel') && order) {
        verification ??= await verifyPayment(notice);
        if (verification === 'not_verified')
          return { outcome: 'not_verified' as const, order, commissions: [] };
      }
      if (verdict !== 'apply' || !order)
        return { outcome: verdict === 'apply' ? 'unknown_order' : verdict, order, commissions: [] };

      const now = Date.now();
      const plan = order.commissionSnapshot ?? (await legacyPlan(order, now));
      const shares = splitCommission({
        lines: plan.lines,
        buyer: plan.buyer,
        uplines: plan.uplines,
        config: plan.config,
      });
      const records = commissionDocsOf(order, shares, now);
      const effects = new MoneyEffects();
      for (const { _id, ...record } of records) {
        await t.collection(COLLECTIONS.commissions).doc(_id).set({ data: record });
        effects.post({
          kind: 'commission_pending',
          commissionId: _id,
          userId: record.beneficiaryId,
          amountFen: record.amountFen,
          orderId: order._id,
        });
      }
      const commissionFen = shares.reduce((sum, s) => sum + s.amountFen, 0);
      const distribution = records.length > 0 ? 1 : 0;
      effects.count({
        daily: { orders: 1, salesFen: order.payableFen, distributionOrders: distribution, commissionFen },
        totals: { orders: 1, salesFen: order.payableFen, distributionOrders: distribution },
      });
      await effects.write(t, now, order._id);
      await t
        .collection(COLLECTIONS.orders)
        .doc(order._id)
        .update({
          data: {
            ...orderTransition(order, { type: 'pay' }),
            paidAt: now,
            transactionId: notice.transactionId,
            commissionFen,
            commissions: _.set(records.map(summaryOf)),
            ...(order.commissionSnapshot ? {} : { commissionSnapshot: _.set(plan) }),
            updatedAt: now,
          },
        });
      await recordNoticeInTx(t, noticeId, notice, { outcome: 'applied', orderId: order._id }, now);
      return { outcome: 'applied' as const, order, commissions: shares };
    },
    // Payments of one distributor's buyers move the same accounts: concurrent ones queue on them.
    { attempts: 16 },
  );
}
