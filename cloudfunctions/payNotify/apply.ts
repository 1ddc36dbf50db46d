/**
 * The payment transaction: in ONE transaction the order becomes paid (once – the state machine refuses a
 * second `pay`), the commission records of up to three levels are written with the chain and the rates
 * snapshotted, the pending ledger entries are posted and the statistics bumped, and the notification is
 * recorded as `applied`. Two copies of the notification running at once both read `unpaid`; the second
 * to write the order conflicts, is retried from a fresh snapshot, and finds the order paid (`duplicate`).
 */
import { type CommissionLine, splitCommission } from '../../shared/commission';
import type { MerchantConfig } from '../../shared/config';
import { nextStatus } from '../../shared/order-status';
import { type CommissionDoc, commissionIdOf, withoutId } from '../common/commissions';
import { COLLECTIONS, type Transaction } from '../common/db';
import { type LedgerPosting, postLedger } from '../common/ledger';
import type { CommissionSnapshot, OrderDoc } from '../common/orders';
import { stateOf } from '../common/orders';
import { bumpStats } from '../common/stats';
import { inTransaction } from '../common/tx';
import type { UserDoc } from '../common/users';
import { chainMember, readUplines } from './chain';
import { type NoticeOutcome, type PaymentNotice, recordNoticeInTx } from './notice';

export interface Applied {
  outcome: NoticeOutcome;
  order: OrderDoc | null;
  commissions: CommissionLine[];
}

/** What the order's state says about a verified, well-formed notification for it, before any write. */
export function classify(order: OrderDoc | null, notice: PaymentNotice): NoticeOutcome | 'apply' {
  if (!order) return 'unknown_order';
  if (notice.totalFee !== order.payableFen) return 'amount_mismatch';
  if (order.status === 'unpaid') return 'apply';
  if (order.status === 'cancelled' && order.latePayment?.refund !== 'refunded') return 'paid_after_cancel';
  return 'duplicate';
}

export async function findOrderByTradeNo(t: Transaction, outTradeNo: string): Promise<OrderDoc | null> {
  const { data } = await t.collection(COLLECTIONS.orders).where({ outTradeNo }).get();
  return (data[0] as OrderDoc | undefined) ?? null;
}

function snapshotConfig(config: MerchantConfig): CommissionSnapshot['config'] {
  return {
    levels: config.levels,
    rates: config.rates,
    selfPurchase: config.selfPurchase,
    grades: config.grades,
  };
}

/**
 * Marks the order paid with its commissions, or answers why not (nothing written then). `noticeId` is
 * chosen by the caller so that a retried transaction records the same notification, not a second one.
 */
export async function applyPayment(
  notice: PaymentNotice & { outTradeNo: string },
  noticeId: string,
  config: MerchantConfig,
): Promise<Applied> {
  return inTransaction(
    async (t) => {
      const order = await findOrderByTradeNo(t, notice.outTradeNo);
      const verdict = classify(order, notice);
      if (verdict !== 'apply' || !order)
        return { outcome: verdict === 'apply' ? 'unknown_order' : verdict, order, commissions: [] };
      const now = Date.now();
      const next = nextStatus(stateOf(order), { type: 'pay' });

      const buyer = (await t.collection(COLLECTIONS.users).doc(order.buyerId).get()).data as UserDoc | null;
      if (!buyer) throw new Error(`order ${order._id}: buyer ${order.buyerId} is missing`);
      const snapshot: CommissionSnapshot = {
        buyer: chainMember(buyer),
        uplines: await readUplines(t, buyer, config, now),
        config: snapshotConfig(config),
        lines: order.items.map((item) => ({
          lineId: item.lineId,
          productId: item.productId,
          quantity: item.quantity,
          paidFen: item.paidFen,
          override: item.commission ?? null,
        })),
        at: now,
      };
      const shares = splitCommission({
        lines: snapshot.lines,
        buyer: snapshot.buyer,
        uplines: snapshot.uplines,
        config,
      });
      const titles = new Map(order.items.map((i) => [i.lineId, i.title]));
      const postings: LedgerPosting[] = [];
      for (const share of shares) {
        const doc: CommissionDoc = {
          _id: commissionIdOf(order._id, share.lineId, share.level),
          orderId: order._id,
          lineId: share.lineId,
          productId: share.productId,
          productTitle: titles.get(share.lineId) ?? '',
          level: share.level,
          beneficiaryId: share.beneficiaryId,
          buyerId: order.buyerId,
          baseFen: share.baseFen,
          rate: share.rate,
          fixedPerUnitFen: share.fixedPerUnitFen,
          originalAmountFen: share.amountFen,
          amountFen: share.amountFen,
          status: 'pending',
          clawbackFen: 0,
          createdAt: now,
          settledAt: null,
          reversedAt: null,
        };
        await t
          .collection(COLLECTIONS.commissions)
          .doc(doc._id)
          .set({ data: withoutId(doc) });
        postings.push({
          kind: 'commission_pending',
          commissionId: doc._id,
          userId: doc.beneficiaryId,
          amountFen: doc.amountFen,
          orderId: order._id,
        });
      }
      await postLedger(t, postings, now, order._id);

      const commissionFen = shares.reduce((sum, s) => sum + s.amountFen, 0);
      const distribution = shares.length > 0 ? 1 : 0;
      await bumpStats(t, now, order._id, {
        daily: { orders: 1, salesFen: order.payableFen, distributionOrders: distribution, commissionFen },
        totals: { orders: 1, salesFen: order.payableFen, distributionOrders: distribution },
      });
      await t
        .collection(COLLECTIONS.orders)
        .doc(order._id)
        .update({
          data: {
            status: next.status,
            statusBeforeRefund: next.statusBeforeRefund,
            paidAt: now,
            transactionId: notice.transactionId,
            commissionFen,
            commissionSnapshot: snapshot,
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
