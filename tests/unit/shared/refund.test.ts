import fc from 'fast-check';
import { type CommissionLine, splitCommission } from '../../../shared/commission';
import { AppError } from '../../../shared/errors';
import {
  type RefundableLine,
  allocateRefund,
  recomputeCommission,
  refundableFen,
  shareAfterRefund,
} from '../../../shared/refund';
import { rateArb } from './arbitraries';

const rateLine = (amountFen: number, rate: string, baseFen = 29997): CommissionLine => ({
  lineId: 'L1',
  productId: 'P1',
  level: 1,
  beneficiaryId: 'A',
  baseFen,
  rate,
  fixedPerUnitFen: null,
  amountFen,
});

describe('allocateRefund: worked examples', () => {
  it('spreads pro rata to what each line can still refund, largest remainder first', () => {
    // remainders 1000 and 2000, refund 1001: exact 333.67 and 667.33 → 333 + 667 = 1000, the last fen
    // goes to the larger fraction (0.67) → 334 and 667
    const lines: RefundableLine[] = [
      { lineId: 'a', paidFen: 1000, refundedFen: 0 },
      { lineId: 'b', paidFen: 2500, refundedFen: 500 },
    ];
    expect(allocateRefund(lines, 1001)).toEqual([
      { lineId: 'a', refundFen: 334 },
      { lineId: 'b', refundFen: 667 },
    ]);
  });

  it('breaks ties in favour of the earlier line', () => {
    // three equal remainders of 100, refund 100: 33.33 each → 33 × 3 = 99, the last fen to the first line
    const lines = ['x', 'y', 'z'].map((lineId) => ({ lineId, paidFen: 100, refundedFen: 0 }));
    expect(allocateRefund(lines, 100).map((r) => r.refundFen)).toEqual([34, 33, 33]);
  });

  it('refunds exactly what is left, and nothing from a fully refunded line', () => {
    const lines = [
      { lineId: 'a', paidFen: 1000, refundedFen: 1000 },
      { lineId: 'b', paidFen: 800, refundedFen: 300 },
    ];
    expect(refundableFen(lines)).toBe(500);
    expect(allocateRefund(lines, 500)).toEqual([
      { lineId: 'a', refundFen: 0 },
      { lineId: 'b', refundFen: 500 },
    ]);
    expect(allocateRefund(lines, 0).map((r) => r.refundFen)).toEqual([0, 0]);
  });

  it('refuses more than the refundable remainder, and bad amounts', () => {
    const lines = [{ lineId: 'a', paidFen: 1000, refundedFen: 400 }];
    expect(() => allocateRefund(lines, 601)).toThrow(expect.objectContaining({ code: 'RULE' }));
    expect(() => allocateRefund(lines, -1)).toThrow(AppError);
    expect(() => allocateRefund([{ lineId: 'a', paidFen: 100, refundedFen: 101 }], 0)).toThrow(AppError);
  });
});

describe('recomputeCommission: worked examples', () => {
  it('recomputes rate lines on the remaining base', () => {
    // base 29997 at 10 % = 2999; 9999 refunded → 19998 × 10 % = 1999.8 → 1999
    expect(shareAfterRefund(rateLine(2999, '0.10'), 9999)).toBe(1999);
    // full refund → 0
    expect(shareAfterRefund(rateLine(2999, '0.10'), 29997)).toBe(0);
    // no refund → the original amount
    expect(shareAfterRefund(rateLine(2999, '0.10'), 0)).toBe(2999);
  });

  it('scales fixed lines by the remaining share of the base', () => {
    // 500 per unit × 3 = 1500 on a base of 29997; a third refunded: 1500 × 19998 / 29997 = 1000 exactly
    const fixed: CommissionLine = { ...rateLine(1500, '0'), rate: null, fixedPerUnitFen: 500 };
    expect(shareAfterRefund(fixed, 9999)).toBe(1000);
    // 1 fen refunded: 1500 × 29996 / 29997 = 1499.95 → 1499
    expect(shareAfterRefund(fixed, 1)).toBe(1499);
  });

  it('never raises a share that was capped at payment', () => {
    // a rate line capped at 100 fen although 10 % of 29997 would be 2999
    expect(shareAfterRefund(rateLine(100, '0.10'), 1000)).toBe(100);
  });

  it('works on the caller’s records, by lineId, from the totals refunded', () => {
    const records = [
      { ...rateLine(2999, '0.10'), commissionId: 'c1' },
      { ...rateLine(1499, '0.05'), level: 2 as const, beneficiaryId: 'B', commissionId: 'c2' },
      { ...rateLine(100, '0.10', 1000), lineId: 'L2', commissionId: 'c3' },
    ];
    const result = recomputeCommission(records, { L1: 9999 });
    // L1: 19998 × 10 % = 1999, × 5 % = 999.9 → 999; L2 untouched
    expect(result.map((r) => [r.line.commissionId, r.amountFen])).toEqual([
      ['c1', 1999],
      ['c2', 999],
      ['c3', 100],
    ]);
    expect(() => recomputeCommission(records, { L1: 30000 })).toThrow(AppError);
  });
});

describe('refund properties', () => {
  const linesArb = fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 100 }))
      .map(([paidFen, percent]) => ({ paidFen, refundedFen: Math.floor((paidFen * percent) / 100) })),
    { minLength: 1, maxLength: 6 },
  );

  it('allocateRefund sums exactly, never exceeds a remainder, and is deterministic', () => {
    fc.assert(
      fc.property(linesArb, fc.double({ min: 0, max: 1, noNaN: true }), (raw, fraction) => {
        const lines = raw.map((l, i) => ({ lineId: `l${i}`, ...l }));
        const amount = Math.floor(refundableFen(lines) * fraction);
        const allocation = allocateRefund(lines, amount);
        const sum = allocation.reduce((s, a) => s + a.refundFen, 0);
        return (
          sum === amount &&
          allocation.every(
            (a, i) =>
              Number.isInteger(a.refundFen) &&
              a.refundFen >= 0 &&
              a.refundFen <= lines[i].paidFen - lines[i].refundedFen,
          ) &&
          JSON.stringify(allocateRefund(lines, amount)) === JSON.stringify(allocation)
        );
      }),
      { numRuns: 300 },
    );
  });

  const splitArb = fc
    .record({
      paidFen: fc.integer({ min: 1, max: 5_000_000 }),
      quantity: fc.integer({ min: 1, max: 20 }),
      rates: fc.array(rateArb(3333), { minLength: 3, maxLength: 3 }),
      fixed: fc.option(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
    })
    .map(({ paidFen, quantity, rates, fixed }) =>
      splitCommission({
        lines: [
          {
            lineId: 'L',
            productId: 'P',
            quantity,
            paidFen,
            override: fixed ? { mode: 'fixed', amountsFen: fixed } : undefined,
          },
        ],
        buyer: { userId: 'buyer', distributorStatus: 'none', gradeId: 'base' },
        uplines: ['A', 'B', 'C'].map((userId) => ({ userId, distributorStatus: 'active', gradeId: 'base' })),
        config: {
          levels: 3,
          rates,
          selfPurchase: false,
          grades: [{ gradeId: 'base', name: '普通', rank: 0 }],
        },
      }),
    )
    .filter((lines) => lines.length > 0);

  it('more refund never raises a share, a full refund gives 0, and the result depends only on the totals', () => {
    fc.assert(
      fc.property(
        splitArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lines, f1, f2) => {
          const base = lines[0].baseFen;
          const [less, more] = [Math.floor(base * Math.min(f1, f2)), Math.floor(base * Math.max(f1, f2))];
          const atLess = recomputeCommission(lines, { L: less });
          const atMore = recomputeCommission(lines, { L: more });
          const atFull = recomputeCommission(lines, { L: base });
          return (
            atLess.every(
              (r, i) =>
                r.amountFen >= atMore[i].amountFen && r.amountFen <= lines[i].amountFen && r.amountFen >= 0,
            ) &&
            atFull.every((r) => r.amountFen === 0) &&
            recomputeCommission(lines, {}).every((r, i) => r.amountFen === lines[i].amountFen) &&
            // replaying the same totals (a retried refund) gives the same amounts
            JSON.stringify(recomputeCommission(lines, { L: more })) === JSON.stringify(atMore)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
