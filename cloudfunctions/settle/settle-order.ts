/**
 * Settling one order: received, its return window closed, no refund open. In ONE transaction,
 * conditional on all of that: every pending share of the order becomes `settled` with its
 * `commission_settled` ledger entry (pending → available), the beneficiaries' grade figures grow
 * (common/account-figures.ts has the definitions), and the order becomes `completed`.
 */
import { nextStatus } from '../../shared/order-status';
import { FigureDeltas, bumpAccountFigures } from '../common/account-figures';
import { type CommissionDoc, commissionsOfOrder } from '../common/commissions';
import { COLLECTIONS } from '../common/db';
import { type LedgerPosting, postLedger } from '../common/ledger';
import { type OrderDoc, stateOf } from '../common/orders';
import { inTransaction } from '../common/tx';

export interface SettledCommission {
  commissionId: string;
  orderId: string;
  beneficiaryId: string;
  level: number;
  amountFen: number;
}

export interface OrderSettlement {
  orderId: string;
  commissions: SettledCommission[];
}

/** Null when the order is not (or no longer) due: another run settled it, or a refund was opened. */
export async function settleOrder(orderId: string, now: number): Promise<OrderSettlement | null> {
  return inTransaction(
    async (t) => {
      const orderRef = t.collection(COLLECTIONS.orders).doc(orderId);
      const order = (await orderRef.get()).data as OrderDoc | null;
      if (!order || order.status !== 'received' || order.openRefundId) return null;
      if (order.settleAt === null || order.settleAt > now) return null;
      const next = nextStatus(stateOf(order), { type: 'settle' });

      const pending = (await commissionsOfOrder(t, orderId)).filter(
        (c): c is CommissionDoc => c.status === 'pending' && c.amountFen > 0,
      );
      const lines = new Map(order.items.map((i) => [i.lineId, i]));
      const postings: LedgerPosting[] = [];
      const figures = new FigureDeltas();
      for (const c of pending) {
        await t
          .collection(COLLECTIONS.commissions)
          .doc(c._id)
          .update({ data: { status: 'settled', settledAt: now } });
        postings.push({
          kind: 'commission_settled',
          commissionId: c._id,
          userId: c.beneficiaryId,
          amountFen: c.amountFen,
          orderId,
        });
        const line = lines.get(c.lineId);
        figures.add(c.beneficiaryId, {
          commissionEarnedFen: c.amountFen,
          settledSalesFen: c.level === 1 && line ? line.paidFen - line.refundedFen : 0,
        });
      }
      await postLedger(t, postings, now, orderId);
      await bumpAccountFigures(t, figures.changed(), now);
      await orderRef.update({
        data: {
          status: next.status,
          statusBeforeRefund: next.statusBeforeRefund,
          completedAt: now,
          updatedAt: now,
        },
      });
      return {
        orderId,
        commissions: pending.map((c) => ({
          commissionId: c._id,
          orderId,
          beneficiaryId: c.beneficiaryId,
          level: c.level,
          amountFen: c.amountFen,
        })),
      };
    },
    { attempts: 16 },
  );
}
