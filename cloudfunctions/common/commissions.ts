/**
 * The `commissions` collection: one record per order line and level, written in the payment transaction
 * with the chain and the rate snapshotted (database/README.md). `originalAmountFen` never changes; refunds
 * recompute `amountFen` from it (shared/refund.ts), settlement moves `status` to `settled`.
 */
import type { CommissionLevel, CommissionLine, CommissionStatus } from '../../shared/commission';
import { COLLECTIONS, type Transaction } from './db';

export interface CommissionDoc {
  _id: string;
  orderId: string;
  lineId: string;
  productId: string;
  productTitle: string;
  level: CommissionLevel;
  beneficiaryId: string;
  buyerId: string;
  baseFen: number;
  rate: string | null;
  fixedPerUnitFen: number | null;
  originalAmountFen: number;
  /** After refunds. */
  amountFen: number;
  status: CommissionStatus;
  /** Taken back from the beneficiary's available balance by refunds after settlement. */
  clawbackFen: number;
  createdAt: number;
  settledAt: number | null;
  reversedAt: number | null;
}

/** `<orderId>-<lineId>-L<level>`: a replayed payment writes the same records, never new ones. */
export function commissionIdOf(orderId: string, lineId: string, level: CommissionLevel): string {
  return `${orderId}-${lineId}-L${level}`;
}

/** The share as it was split at payment – what shared/refund.ts recomputes from. */
export function originalLine(doc: CommissionDoc): CommissionLine {
  return {
    lineId: doc.lineId,
    productId: doc.productId,
    level: doc.level,
    beneficiaryId: doc.beneficiaryId,
    baseFen: doc.baseFen,
    rate: doc.rate,
    fixedPerUnitFen: doc.fixedPerUnitFen,
    amountFen: doc.originalAmountFen,
  };
}

/** An order's commission records, read inside the transaction (an order has at most 20 lines × 3 levels). */
export async function commissionsOfOrder(t: Transaction, orderId: string): Promise<CommissionDoc[]> {
  const { data } = await t.collection(COLLECTIONS.commissions).where({ orderId }).get();
  return data as CommissionDoc[];
}

export function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
