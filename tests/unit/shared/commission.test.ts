import fc from 'fast-check';
import {
  type ChainMember,
  type CommissionConfig,
  type CommissionOrderLine,
  type ProductCommission,
  commissionChain,
  nextCommissionStatus,
  productCommissionSchema,
  shareEarningFen,
  splitCommission,
} from '../../../shared/commission';
import { memberArb, rateArb } from './arbitraries';

const active = (userId: string, gradeId = 'base'): ChainMember => ({
  userId,
  distributorStatus: 'active',
  gradeId,
});
const buyer: ChainMember = { userId: 'buyer', distributorStatus: 'none', gradeId: 'base' };
const A = active('A');
const B = active('B');
const C = active('C');
const D = active('D');

const config: CommissionConfig = {
  levels: 3,
  rates: ['0.10', '0.05', '0.02'],
  selfPurchase: false,
  grades: [
    { gradeId: 'base', name: '普通', rank: 0 },
    { gradeId: 'gold', name: '黄金', rank: 1, rates: ['0.15', '0.06', '0.03'] },
  ],
};

/** ¥99.99 × 3 */
const line: CommissionOrderLine = { lineId: 'L1', productId: 'P1', quantity: 3, paidFen: 29997 };

const amounts = (lines: ReturnType<typeof splitCommission>) =>
  lines.map((l) => [l.level, l.beneficiaryId, l.amountFen]);

describe('splitCommission: worked examples', () => {
  it('pays three levels at the global rates, rounding down', () => {
    // 29997 × 10 % = 2999.7 → 2999; × 5 % = 1499.85 → 1499; × 2 % = 599.94 → 599
    const split = splitCommission({ lines: [line], buyer, uplines: [A, B, C, D], config });
    expect(amounts(split)).toEqual([
      [1, 'A', 2999],
      [2, 'B', 1499],
      [3, 'C', 599],
    ]);
    expect(split[0]).toEqual({
      lineId: 'L1',
      productId: 'P1',
      level: 1,
      beneficiaryId: 'A',
      baseFen: 29997,
      rate: '0.10',
      fixedPerUnitFen: null,
      amountFen: 2999,
    });
  });

  it('makes an active buyer its own level 1 when selfPurchase is on', () => {
    const self = active('buyer');
    const split = splitCommission({
      lines: [line],
      buyer: self,
      uplines: [A, B, C],
      config: { ...config, selfPurchase: true },
    });
    expect(amounts(split)).toEqual([
      [1, 'buyer', 2999],
      [2, 'A', 1499],
      [3, 'B', 599],
    ]);
    // an inactive buyer is not its own level 1, even with selfPurchase on
    const notYet = splitCommission({
      lines: [line],
      buyer,
      uplines: [A],
      config: { ...config, selfPurchase: true },
    });
    expect(amounts(notYet)).toEqual([[1, 'A', 2999]]);
    // and with selfPurchase off an active buyer earns nothing on its own order
    expect(amounts(splitCommission({ lines: [line], buyer: self, uplines: [A], config }))).toEqual([
      [1, 'A', 2999],
    ]);
  });

  it('does not pay an inactive level and moves nothing up (no compression)', () => {
    const pendingB: ChainMember = { ...B, distributorStatus: 'pending' };
    const split = splitCommission({ lines: [line], buyer, uplines: [A, pendingB, C, D], config });
    // C stays level 3 at 2 % (599), it does not become level 2 at 5 %; D gets nothing
    expect(amounts(split)).toEqual([
      [1, 'A', 2999],
      [3, 'C', 599],
    ]);
    const disabledA: ChainMember = { ...A, distributorStatus: 'disabled' };
    expect(amounts(splitCommission({ lines: [line], buyer, uplines: [disabledA], config }))).toEqual([]);
  });

  it('pays fewer levels when config.levels is lower, and never more than three', () => {
    expect(
      amounts(
        splitCommission({ lines: [line], buyer, uplines: [A, B, C], config: { ...config, levels: 1 } }),
      ),
    ).toEqual([[1, 'A', 2999]]);
    const bogus = { ...config, levels: 5, rates: ['0.1', '0.1', '0.1', '0.1', '0.1'] };
    expect(splitCommission({ lines: [line], buyer, uplines: [A, B, C, D], config: bogus })).toHaveLength(3);
  });

  it('uses the beneficiary grade rates, and the global ones for an unknown grade', () => {
    const gold = active('A', 'gold');
    const gone = active('B', 'removed-grade');
    // gold level 1: 29997 × 15 % = 4499.55 → 4499; unknown grade at level 2: global 5 % → 1499
    expect(amounts(splitCommission({ lines: [line], buyer, uplines: [gold, gone], config }))).toEqual([
      [1, 'A', 4499],
      [2, 'B', 1499],
    ]);
  });

  it('lets a product override rate beat grade and global rates; a missing level pays nothing', () => {
    const override: ProductCommission = { mode: 'rate', rates: ['0.2', '0.1'] };
    const split = splitCommission({
      lines: [{ ...line, override }],
      buyer,
      uplines: [active('A', 'gold'), B, C],
      config,
    });
    // 29997 × 20 % = 5999.4 → 5999; × 10 % = 2999.7 → 2999; level 3 has no rate → not paid
    expect(amounts(split)).toEqual([
      [1, 'A', 5999],
      [2, 'B', 2999],
    ]);
  });

  it('pays fixed amounts per unit and caps them level by level at the base', () => {
    const override: ProductCommission = { mode: 'fixed', amountsFen: [500, 300, 200] };
    // full price: 500 × 3 = 1500, 300 × 3 = 900, 200 × 3 = 600
    const full = splitCommission({ lines: [{ ...line, override }], buyer, uplines: [A, B, C], config });
    expect(amounts(full)).toEqual([
      [1, 'A', 1500],
      [2, 'B', 900],
      [3, 'C', 600],
    ]);
    expect(full[0]).toMatchObject({ rate: null, fixedPerUnitFen: 500 });
    // a line discounted to ¥20.00: level 1 takes 1500, level 2 is capped at the 500 left, level 3 gets 0
    const capped = splitCommission({
      lines: [{ ...line, paidFen: 2000, override }],
      buyer,
      uplines: [A, B, C],
      config,
    });
    expect(amounts(capped)).toEqual([
      [1, 'A', 1500],
      [2, 'B', 500],
    ]);
  });

  it('omits shares that round down to 0 fen', () => {
    // 9 fen × 10 % = 0.9 → 0: nothing recorded
    expect(splitCommission({ lines: [{ ...line, paidFen: 9 }], buyer, uplines: [A], config })).toEqual([]);
  });

  it('stops the chain at the first repeated user', () => {
    expect(amounts(splitCommission({ lines: [line], buyer, uplines: [A, B, A, C], config }))).toEqual([
      [1, 'A', 2999],
      [2, 'B', 1499],
    ]);
    // the buyer appearing in its own upline is a cycle too
    expect(
      amounts(splitCommission({ lines: [line], buyer, uplines: [A, active('buyer'), C], config })),
    ).toEqual([[1, 'A', 2999]]);
  });

  it('splits every line of the order on its own base', () => {
    const second: CommissionOrderLine = { lineId: 'L2', productId: 'P2', quantity: 1, paidFen: 1000 };
    const split = splitCommission({ lines: [line, second], buyer, uplines: [A], config });
    expect(split.map((l) => [l.lineId, l.amountFen])).toEqual([
      ['L1', 2999],
      ['L2', 100],
    ]);
  });

  it('refuses bad lines', () => {
    expect(() => splitCommission({ lines: [{ ...line, paidFen: -1 }], buyer, uplines: [A], config })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
    expect(() => splitCommission({ lines: [line, line], buyer, uplines: [A], config })).toThrow(/订单行重复/);
    expect(() => splitCommission({ lines: [{ ...line, quantity: 0 }], buyer, uplines: [A], config })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('exposes the chain positions including unpaid ones', () => {
    const pendingB: ChainMember = { ...B, distributorStatus: 'pending' };
    expect(
      commissionChain(buyer, [A, pendingB, C, D], config).map((p) => [p.level, p.member.userId]),
    ).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
  });
});

describe('productCommissionSchema', () => {
  it('accepts rate and fixed overrides and refuses the rest', () => {
    expect(productCommissionSchema.safeParse({ mode: 'rate', rates: ['0.2', '0.1'] }).success).toBe(true);
    expect(productCommissionSchema.safeParse({ mode: 'fixed', amountsFen: [500, 300, 200] }).success).toBe(
      true,
    );
    expect(productCommissionSchema.safeParse({ mode: 'rate', rates: ['0.6', '0.4'] }).success).toBe(false);
    expect(
      productCommissionSchema.safeParse({ mode: 'rate', rates: ['0.1', '0.1', '0.1', '0.1'] }).success,
    ).toBe(false);
    expect(productCommissionSchema.safeParse({ mode: 'fixed', amountsFen: [1.5] }).success).toBe(false);
    expect(productCommissionSchema.safeParse({ mode: 'percent', rates: ['0.1'] }).success).toBe(false);
    expect(productCommissionSchema.safeParse({ mode: 'fixed', amountsFen: [1], bonusFen: 5 }).success).toBe(
      false,
    );
  });
});

describe('commission status', () => {
  it('settles pending, reverses pending or settled, and refuses the rest', () => {
    expect(nextCommissionStatus('pending', 'settle')).toBe('settled');
    expect(nextCommissionStatus('pending', 'reverse')).toBe('reversed');
    expect(nextCommissionStatus('settled', 'reverse')).toBe('reversed');
    expect(() => nextCommissionStatus('settled', 'settle')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => nextCommissionStatus('reversed', 'reverse')).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});

describe('splitCommission: properties', () => {
  const overrideArb: fc.Arbitrary<ProductCommission | undefined> = fc.oneof(
    fc.constant(undefined),
    // deliberately unchecked: rates that sum above 100 % must still be capped at the base
    fc.record({ mode: fc.constant('rate' as const), rates: fc.array(rateArb(), { maxLength: 4 }) }),
    fc.record({
      mode: fc.constant('fixed' as const),
      amountsFen: fc.array(fc.integer({ min: 0, max: 50_000 }), { maxLength: 4 }),
    }),
  );
  const lineArb: fc.Arbitrary<CommissionOrderLine> = fc.record({
    lineId: fc.string({ minLength: 1, maxLength: 4 }),
    productId: fc.constant('P'),
    quantity: fc.integer({ min: 1, max: 50 }),
    paidFen: fc.integer({ min: 0, max: 10_000_000 }),
    override: overrideArb,
  });
  const configArb: fc.Arbitrary<CommissionConfig> = fc.record({
    // whatever the config says, even nonsense
    levels: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constantFrom(Number.NaN, Infinity, 2.5)),
    rates: fc.array(rateArb(), { minLength: 3, maxLength: 6 }),
    selfPurchase: fc.boolean(),
    grades: fc.constant([
      { gradeId: 'base', name: '普通', rank: 0 },
      { gradeId: 'gold', name: '黄金', rank: 1, rates: ['0.5', '0.4', '0.3'] },
    ]),
  });
  const inputArb = fc.record({
    lines: fc.uniqueArray(lineArb, { minLength: 1, maxLength: 4, selector: (l) => l.lineId }),
    buyer: memberArb,
    uplines: fc.array(memberArb, { maxLength: 6 }),
    config: configArb,
  });

  it('pays positive shares, at most the base per line, at most 3 levels, nobody twice, only active distributors', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const split = splitCommission(input);
        const active = new Set(
          [input.buyer, ...input.uplines]
            .filter((m) => m.distributorStatus === 'active')
            .map((m) => m.userId),
        );
        return input.lines.every((orderLine) => {
          const shares = split.filter((s) => s.lineId === orderLine.lineId);
          const total = shares.reduce((sum, s) => sum + s.amountFen, 0);
          const beneficiaries = shares.map((s) => s.beneficiaryId);
          const levels = shares.map((s) => s.level);
          return (
            shares.every(
              (s) => Number.isInteger(s.amountFen) && s.amountFen > 0 && s.baseFen === orderLine.paidFen,
            ) &&
            total <= orderLine.paidFen &&
            levels.every((level) => level >= 1 && level <= 3 && !(level > input.config.levels)) &&
            new Set(beneficiaries).size === beneficiaries.length &&
            new Set(levels).size === levels.length &&
            beneficiaries.every((id) => active.has(id)) &&
            (input.config.selfPurchase || !beneficiaries.includes(input.buyer.userId))
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("shareEarningFen (the product page's 分享赚)", () => {
  const product = { productId: 'P1', priceFen: 9999 };
  it("is the sharer's level-1 share of one unit: its grade's rate, else the merchant's, rounded down", () => {
    expect(shareEarningFen(product, A, config)).toBe(999); // 9999 × 10%
    expect(shareEarningFen(product, active('G', 'gold'), config)).toBe(1499); // 9999 × 15%
  });
  it("follows the product's own commission", () => {
    const fixed: ProductCommission = { mode: 'fixed', amountsFen: [300, 100] };
    expect(shareEarningFen({ ...product, commission: fixed }, A, config)).toBe(300);
    const rate: ProductCommission = { mode: 'rate', rates: ['0.2'] };
    expect(shareEarningFen({ ...product, commission: rate }, active('G', 'gold'), config)).toBe(1999);
  });
  it('is 0 for a sharer who is not active, and when no level is paid', () => {
    expect(shareEarningFen(product, { ...A, distributorStatus: 'disabled' }, config)).toBe(0);
    expect(shareEarningFen(product, A, { ...config, levels: 0 })).toBe(0);
  });
  it('never exceeds the price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), rateArb(), (priceFen, rate) => {
        const earned = shareEarningFen({ productId: 'P', priceFen }, A, { ...config, rates: [rate] });
        return earned >= 0 && earned <= priceFen;
      }),
    );
  });
});
