/**
 * The `commissions` collection: ONE record per order and level (= per beneficiary: a chain never holds a
 * user twice), `_id` `<orderId>-L<level>`, written in the payment transaction. The order's lines are
 * broken down inside (`lines`), each with its original and current amount, so a refund recomputes every
 * line's share from the original (shared/refund.ts) while the cost of paying, settling or refunding an
 * order depends on its levels, never on its number of lines.
 *
 * The order carries a summary of its records (`order.commissions`: id, level, beneficiary, amount,
 * status), kept in step by every transaction that changes one – so settlement reads the order alone and
 * knows which records to write, without a query (transactions allow none).
 *
 * A record's status: pending → settled (shared/commission.ts nextCommissionStatus); → reversed when
 * refunds bring its amount to 0. A line whose share was refunded to 0 stays in the breakdown at 0.
 */
import {
  type CommissionLevel,
  type CommissionLine,
  type CommissionStatus,
  nextCommissionStatus,
} from '../../../shared/commission';

export interface CommissionLineShare {
  lineId: string;
  productId: string;
  productTitle: string;
  baseFen: number;
  /** The rate applied (rate lines), else null. */
  rate: string | null;
  /** The fixed amount per unit (fixed lines), else null. */
  fixedPerUnitFen: number | null;
  /** As split at payment: never changes. */
  originalAmountFen: number;
  /** After refunds. */
  amountFen: number;
  /** Taken back from the available balance by refunds after settlement. */
  clawbackFen: number;
}

export interface CommissionDoc {
  _id: string;
  orderId: string;
  level: CommissionLevel;
  beneficiaryId: string;
  buyerId: string;
  /** For lists: the first line's title, with the number of lines when there are more. */
  productTitle: string;
  /** The lines' bases added up, and the rate or fixed amount when every line has the same one. */
  baseFen: number;
  rate: string | null;
  fixedPerUnitFen: number | null;
  originalAmountFen: number;
  /** After refunds: the sum of the lines' amounts. */
  amountFen: number;
  status: CommissionStatus;
  clawbackFen: number;
  createdAt: number;
  settledAt: number | null;
  reversedAt: number | null;
  lines: CommissionLineShare[];
}

/** What the order keeps of each of its records. */
export interface CommissionSummary {
  commissionId: string;
  level: CommissionLevel;
  beneficiaryId: string;
  amountFen: number;
  status: CommissionStatus;
  /** Lines whose share is still above 0 (level 1: whose sales count towards the grade at settlement). */
  liveLineIds: string[];
}

/** `<orderId>-L<level>`: a replayed payment writes the same records, never new ones. */
export function commissionIdOf(orderId: string, level: CommissionLevel): string {
  return `${orderId}-L${level}`;
}

function common<T>(values: readonly T[]): T | null {
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0] : null;
}

function listTitle(titles: readonly string[]): string {
  if (titles.length <= 1) return titles[0] ?? '';
  return `${titles[0]} 等 ${titles.length} 件商品`;
}

/** A record's totals and summary fields from its lines (after any change of them). */
function withTotals(
  doc: Omit<CommissionDoc, 'amountFen' | 'clawbackFen' | 'lines'>,
  lines: CommissionLineShare[],
): CommissionDoc {
  return {
    ...doc,
    lines,
    amountFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
    clawbackFen: lines.reduce((sum, l) => sum + l.clawbackFen, 0),
  };
}

/** The records of a payment: the split's shares (one per line and level) grouped per level. */
export function commissionDocsOf(
  order: { _id: string; buyerId: string; items: ReadonlyArray<{ lineId: string; title: string }> },
  shares: readonly CommissionLine[],
  now: number,
): CommissionDoc[] {
  const titles = new Map(order.items.map((i) => [i.lineId, i.title]));
  const byLevel = new Map<CommissionLevel, CommissionLine[]>();
  for (const share of shares) byLevel.set(share.level, [...(byLevel.get(share.level) ?? []), share]);
  return [...byLevel.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, levelShares]) => {
      const lines: CommissionLineShare[] = levelShares.map((s) => ({
        lineId: s.lineId,
        productId: s.productId,
        productTitle: titles.get(s.lineId) ?? '',
        baseFen: s.baseFen,
        rate: s.rate,
        fixedPerUnitFen: s.fixedPerUnitFen,
        originalAmountFen: s.amountFen,
        amountFen: s.amountFen,
        clawbackFen: 0,
      }));
      return withTotals(
        {
          _id: commissionIdOf(order._id, level),
          orderId: order._id,
          level,
          beneficiaryId: levelShares[0].beneficiaryId,
          buyerId: order.buyerId,
          productTitle: listTitle(lines.map((l) => l.productTitle)),
          baseFen: lines.reduce((sum, l) => sum + l.baseFen, 0),
          rate: common(lines.map((l) => l.rate)),
          fixedPerUnitFen: common(lines.map((l) => l.fixedPerUnitFen)),
          originalAmountFen: lines.reduce((sum, l) => sum + l.originalAmountFen, 0),
          status: 'pending',
          createdAt: now,
          settledAt: null,
          reversedAt: null,
        },
        lines,
      );
    });
}

export function summaryOf(
  doc: Pick<CommissionDoc, '_id' | 'level' | 'beneficiaryId' | 'amountFen' | 'status' | 'lines'>,
): CommissionSummary {
  return {
    commissionId: doc._id,
    level: doc.level,
    beneficiaryId: doc.beneficiaryId,
    amountFen: doc.amountFen,
    status: doc.status,
    liveLineIds: doc.lines.filter((l) => l.amountFen > 0).map((l) => l.lineId),
  };
}

/** The record's lines as split at payment – what shared/refund.ts recomputes from. */
export function originalLines(doc: CommissionDoc): CommissionLine[] {
  return doc.lines.map((l) => ({
    lineId: l.lineId,
    productId: l.productId,
    level: doc.level,
    beneficiaryId: doc.beneficiaryId,
    baseFen: l.baseFen,
    rate: l.rate,
    fixedPerUnitFen: l.fixedPerUnitFen,
    amountFen: l.originalAmountFen,
  }));
}

/**
 * The record after refunds changed its lines' amounts (`amounts`: lineId → new amount; `clawback`: true
 * after settlement, when the reduction is clawed back): the new lines and totals, and `reversed` when
 * nothing is left.
 */
export function recordAfterRefund(
  doc: CommissionDoc,
  amounts: ReadonlyMap<string, number>,
  clawback: boolean,
  now: number,
): CommissionDoc {
  const lines = doc.lines.map((l) => {
    const amountFen = amounts.get(l.lineId) ?? l.amountFen;
    return { ...l, amountFen, clawbackFen: l.clawbackFen + (clawback ? l.amountFen - amountFen : 0) };
  });
  const next = withTotals(doc, lines);
  if (next.amountFen === 0 && doc.amountFen > 0) {
    return { ...next, status: nextCommissionStatus(doc.status, 'reverse'), reversedAt: now };
  }
  return next;
}
