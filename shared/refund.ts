/**
 * Refunds by amount, and what they do to commission – the commonest bug class of distribution systems
 * (refunds that do not reverse commission, partial refunds that do not adjust it).
 *
 * - `allocateRefund` spreads a refund over an order's lines pro rata to what each line can still refund,
 *   in integer fen, with a deterministic remainder (largest remainder first, ties to the earlier line).
 * - `recomputeCommission` gives every share its new amount from the line's TOTAL refunded so far. It takes
 *   the lines as snapshotted at payment (original amounts), never amounts already reduced, so the result
 *   depends only on the totals: replaying a refund, or applying two refunds in either order, gives the
 *   same amounts. The caller posts the difference to the ledger (a reversal of pending commission before
 *   settlement, a clawback after it).
 */
import type { CommissionLine } from './commission';
import { AppError } from './errors';
import { applyRate, assertFen, formatYuan } from './money';

export interface RefundableLine {
  lineId: string;
  paidFen: number;
  /** Refunded so far on this line. */
  refundedFen: number;
}

export interface LineRefund {
  lineId: string;
  refundFen: number;
}

function remainderOf(line: RefundableLine): number {
  assertFen(line.paidFen, '订单行实付金额');
  assertFen(line.refundedFen, '订单行已退金额');
  if (line.refundedFen > line.paidFen)
    throw new AppError('VALIDATION', `订单行 ${line.lineId} 已退金额超过实付金额`);
  return line.paidFen - line.refundedFen;
}

/** What can still be refunded on these lines. */
export function refundableFen(lines: readonly RefundableLine[]): number {
  return lines.reduce((sum, line) => sum + remainderOf(line), 0);
}

/**
 * Worked example: lines with remainders 1000 and 2000, refund 1001 →
 * exact shares 333.67 and 667.33 → floors 333 and 667 (sum 1000), the last fen goes to the larger
 * fraction (0.67, the first line) → [334, 667].
 */
export function allocateRefund(lines: readonly RefundableLine[], amountFen: number): LineRefund[] {
  assertFen(amountFen, '退款金额');
  const remainders = lines.map(remainderOf);
  const total = remainders.reduce((a, b) => a + b, 0);
  if (amountFen > total) {
    throw new AppError('RULE', `退款金额 ${formatYuan(amountFen)} 超过可退金额 ${formatYuan(total)}`);
  }
  if (amountFen === 0) return lines.map((line) => ({ lineId: line.lineId, refundFen: 0 }));
  // amount × remainder can reach 10^24: exact integer arithmetic in BigInt.
  const amount = BigInt(amountFen);
  const whole = BigInt(total);
  const shares = remainders.map((rem) => Number((amount * BigInt(rem)) / whole));
  const fractions = remainders.map((rem) => (amount * BigInt(rem)) % whole);
  let leftover = amountFen - shares.reduce((a, b) => a + b, 0);
  // Each line with a fractional part gets at most one more fen, largest fraction first; a line with a
  // non-zero fraction is strictly below its remainder, so the extra fen never exceeds it.
  const order = remainders
    .map((_, i) => i)
    .sort((a, b) => (fractions[a] === fractions[b] ? a - b : fractions[a] > fractions[b] ? -1 : 1));
  for (const i of order) {
    if (leftover === 0) break;
    shares[i] += 1;
    leftover -= 1;
  }
  return lines.map((line, i) => ({ lineId: line.lineId, refundFen: shares[i] }));
}

export interface RecomputedShare<L extends CommissionLine> {
  line: L;
  /** The share's amount after the refunds: never above the original, 0 after a full refund. */
  amountFen: number;
}

/** New amount of one share (as snapshotted at payment) when `refundedFen` of its line's base is refunded. */
export function shareAfterRefund(line: CommissionLine, refundedFen: number): number {
  assertFen(refundedFen, '已退金额');
  assertFen(line.baseFen, '佣金基数');
  assertFen(line.amountFen, '佣金金额');
  if (refundedFen > line.baseFen)
    throw new AppError('VALIDATION', `订单行 ${line.lineId} 已退金额超过实付金额`);
  const remainingBase = line.baseFen - refundedFen;
  if (remainingBase === 0) return 0;
  const recomputed =
    line.rate !== null
      ? applyRate(remainingBase, line.rate)
      : Number((BigInt(line.amountFen) * BigInt(remainingBase)) / BigInt(line.baseFen));
  // A share that was capped at payment stays capped: a refund never raises a share.
  return Math.min(recomputed, line.amountFen);
}

/**
 * Every share recomputed on what remains of its line's base. `refundedByLine` holds the TOTAL refunded
 * per lineId (a missing line: nothing refunded). Rate lines: floor((base − refunded) × rate); fixed lines:
 * floor(original × (base − refunded) / base). Returned in input order, with the caller's line object.
 */
export function recomputeCommission<L extends CommissionLine>(
  lines: readonly L[],
  refundedByLine: Readonly<Record<string, number>>,
): RecomputedShare<L>[] {
  return lines.map((line) => {
    const refunded = Object.prototype.hasOwnProperty.call(refundedByLine, line.lineId)
      ? refundedByLine[line.lineId]
      : 0;
    return { line, amountFen: shareAfterRefund(line, refunded) };
  });
}
