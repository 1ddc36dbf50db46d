/**
 * Settling orders: received, the return window closed, no refund open. Several due orders settle in ONE
 * transaction, each conditional on all of that: every pending commission record of the order becomes
 * `settled` with its `commission_settled` ledger entry (pending → available), the beneficiaries' grade
 * figures grow (common/stores/accounts.ts has the definitions), and the order becomes `completed`.
 *
 * The order carries the summary of its records (common/stores/commissions.ts), so nothing but the orders is
 * read; the accounts of the chunk are written once each whatever the number of its orders, and the
 * statistics once. A chunk is a few orders: a conflict (a refund opened meanwhile, a payment moving the
 * same account) retries the chunk, and an order that is no longer due is simply left out.
 */
import { nextCommissionStatus } from '../../shared/commission';
import type { CommissionSummary } from '../common/stores/commissions';
import { COLLECTIONS, type Transaction, _ } from '../common/platform/db';
import { MoneyEffects } from '../common/stores/ledger';
import { type OrderDoc, orderTransition } from '../common/stores/orders';
import { inTransaction } from '../common/platform/tx';

/** Orders per settlement transaction. */
export const SETTLE_CHUNK = 10;

export interface SettledCommission {
  commissionId: string;
  orderId: string;
  beneficiaryId: string;
  level: number;
  amountFen: number;
}

export interface OrderSettlement {
  orderId: string;
  /** What was bought, for the "commission arrived" message. */
  title: string;
  commissions: SettledCommission[];
}

function isDue(order: OrderDoc | null, now: number): order is OrderDoc {
  return (
    order !== null &&
    order.status === 'received' &&
    !order.openRefundId &&
    order.settleAt !== null &&
    order.settleAt <= now
  );
}

function titleOf(order: OrderDoc): string {
  const [first] = order.items;
  if (!first) return '';
  return order.items.length > 1 ? `${first.title}等${order.items.length}件商品` : first.title;
}

/** The level-1 share's sales: what is still paid (paid − refunded) of the lines it earns on. */
function settledSalesOf(order: OrderDoc, summary: CommissionSummary): number {
  if (summary.level !== 1) return 0;
  const live = new Set(summary.liveLineIds);
  return order.items
    .filter((item) => live.has(item.lineId))
    .reduce((sum, item) => sum + item.paidFen - item.refundedFen, 0);
}

async function settleOne(
  t: Transaction,
  order: OrderDoc,
  effects: MoneyEffects,
  now: number,
): Promise<OrderSettlement> {
  const commissions: SettledCommission[] = [];
  const before = order.commissions;
  const summaries = before.map((summary) => {
    if (summary.status !== 'pending' || summary.amountFen <= 0) return summary;
    return { ...summary, status: nextCommissionStatus(summary.status, 'settle') };
  });
  for (const [i, summary] of summaries.entries()) {
    if (summary === before[i]) continue;
    await t
      .collection(COLLECTIONS.commissions)
      .doc(summary.commissionId)
      .update({ data: { status: summary.status, settledAt: now } });
    effects.post({
      kind: 'commission_settled',
      commissionId: summary.commissionId,
      userId: summary.beneficiaryId,
      amountFen: summary.amountFen,
      orderId: order._id,
    });
    effects.figures(summary.beneficiaryId, {
      commissionEarnedFen: summary.amountFen,
      settledSalesFen: settledSalesOf(order, summary),
    });
    commissions.push({
      commissionId: summary.commissionId,
      orderId: order._id,
      beneficiaryId: summary.beneficiaryId,
      level: summary.level,
      amountFen: summary.amountFen,
    });
  }
  await t
    .collection(COLLECTIONS.orders)
    .doc(order._id)
    .update({
      data: {
        ...orderTransition(order, { type: 'settle' }),
        completedAt: now,
        commissions: _.set(summaries),
        updatedAt: now,
      },
    });
  return { orderId: order._id, title: titleOf(order), commissions };
}

/** Settles those of `orderIds` that are due, in one transaction; answers what settled. */
export async function settleOrders(orderIds: readonly string[], now: number): Promise<OrderSettlement[]> {
  if (orderIds.length === 0) return [];
  return inTransaction(
    async (t) => {
      const effects = new MoneyEffects();
      const settled: OrderSettlement[] = [];
      for (const orderId of orderIds) {
        const order =
          ((await t.collection(COLLECTIONS.orders).doc(orderId).get()).data as OrderDoc | null) ?? null;
        if (!isDue(order, now)) continue;
        // An order paid before its commission records were kept per level knows none of them: settling
        // it would complete it and leave its commission pending for ever. `npm run migrate` first.
        if (!Array.isArray(order.commissions)) {
          console.error(`[settle] order ${orderId} predates the current data model: run npm run migrate`);
          continue;
        }
        settled.push(await settleOne(t, order, effects, now));
      }
      if (settled.length > 0) await effects.write(t, now, settled[0].orderId);
      return settled;
    },
    { attempts: 16 },
  );
}
