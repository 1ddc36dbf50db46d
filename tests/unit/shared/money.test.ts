import fc from 'fast-check';
import { AppError } from '../../../shared/errors';
import {
  MAX_FEN,
  applyRate,
  assertFen,
  formatRatePercent,
  formatYuan,
  isRate,
  parseRate,
  parseYuan,
  ratesSumBelowOne,
  sumFen,
  sumRates,
} from '../../../shared/money';

describe('assertFen', () => {
  it('accepts integer fen from 0 to MAX_FEN', () => {
    for (const value of [0, 1, 1230, MAX_FEN]) expect(() => assertFen(value, '金额')).not.toThrow();
  });

  it.each([[-1], [0.5], [NaN], [Infinity], [-Infinity], [MAX_FEN + 1], ['100'], [null], [undefined]])(
    'refuses %p with VALIDATION',
    (value) => {
      expect(() => assertFen(value, '金额')).toThrow(AppError);
      expect(() => assertFen(value, '金额')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    },
  );

  it('names the field in its message', () => {
    expect(() => assertFen(-5, '提现金额')).toThrow(/提现金额/);
  });
});

describe('parseYuan', () => {
  it.each([
    ['12.30', 1230],
    ['¥12.3', 1230],
    ['￥12.3', 1230],
    ['12', 1200],
    [' 0.01 ', 1],
    ['0', 0],
    ['99.99', 9999],
    ['10000000000', MAX_FEN],
  ])('%p → %p fen', (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it.each([
    ['12.345'],
    ['-1'],
    ['-¥1.00'],
    ['abc'],
    [''],
    ['12.'],
    ['.5'],
    ['1,000'],
    ['1e3'],
    ['10000000000.01'],
  ])('refuses %p', (input) => {
    expect(() => parseYuan(input)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});

describe('formatYuan', () => {
  it.each([
    [1230, '¥12.30'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [-100, '-¥1.00'],
    [-5, '-¥0.05'],
    [MAX_FEN, '¥10000000000.00'],
  ])('%p → %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('refuses fractions and NaN', () => {
    expect(() => formatYuan(1.5)).toThrow(AppError);
    expect(() => formatYuan(NaN)).toThrow(AppError);
  });

  it('round-trips with parseYuan for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => parseYuan(formatYuan(fen)) === fen),
      { numRuns: 300 },
    );
  });
});

describe('rates', () => {
  it('accepts decimal strings in [0, 1) with at most 4 decimals', () => {
    for (const rate of ['0', '0.1', '0.10', '0.0125', '0.9999']) expect(isRate(rate)).toBe(true);
    for (const rate of ['1', '1.0', '0.12345', '-0.1', '.1', '0.', '10%', ' 0.1', 0.1, null]) {
      expect(isRate(rate)).toBe(false);
    }
    expect(parseRate('0.10')).toBe('0.10');
    expect(() => parseRate('1.5', '佣金比例')).toThrow(/佣金比例/);
  });

  it('applyRate floors base × rate exactly', () => {
    // ¥99.99 × 3 = 29997 fen at 10 %, 5 %, 2 %: 2999.7 → 2999, 1499.85 → 1499, 599.94 → 599
    expect(applyRate(29997, '0.10')).toBe(2999);
    expect(applyRate(29997, '0.05')).toBe(1499);
    expect(applyRate(29997, '0.02')).toBe(599);
    // 0.1 × 3 in floating point is 0.30000000000000004; in decimal it is exact: 30 × 0.1 = 3
    expect(applyRate(30, '0.1')).toBe(3);
    // 0.07 × 100 = 7.000000000000001 in floats; still exactly 7 fen here
    expect(applyRate(100, '0.07')).toBe(7);
    expect(applyRate(MAX_FEN, '0.9999')).toBe(999_900_000_000);
    expect(applyRate(0, '0.5')).toBe(0);
  });

  it('applyRate refuses bad bases and rates', () => {
    expect(() => applyRate(-1, '0.1')).toThrow(AppError);
    expect(() => applyRate(100, '1')).toThrow(AppError);
  });

  it('applyRate never exceeds the base and is monotone in the base', () => {
    const rate = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 4 }))
      .map(([n, d]) => `0.${String(n).padStart(4, '0').slice(0, d)}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN - 1 }), rate, (base, r) => {
        const share = applyRate(base, r);
        return Number.isInteger(share) && share >= 0 && share <= base && applyRate(base + 1, r) >= share;
      }),
      { numRuns: 200 },
    );
  });

  it('sums rates exactly', () => {
    expect(sumRates(['0.10', '0.05', '0.02'])).toBe('0.17');
    expect(ratesSumBelowOne(['0.5', '0.4999'])).toBe(true);
    expect(ratesSumBelowOne(['0.5', '0.5'])).toBe(false);
    expect(formatRatePercent('0.10')).toBe('10%');
    expect(formatRatePercent('0.125')).toBe('12.5%');
  });
});

describe('sumFen', () => {
  it('adds valid amounts and refuses a bad one', () => {
    expect(sumFen([2999, 1499, 599])).toBe(5097);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([1, NaN])).toThrow(AppError);
    expect(() => sumFen([1, 0.5])).toThrow(AppError);
  });
});
