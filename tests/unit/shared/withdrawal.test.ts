import fc from 'fast-check';
import { DEFAULT_CONFIG, type WithdrawPolicy } from '../../../shared/config';
import {
  WITHDRAWAL_STATUSES,
  type WithdrawalRequest,
  assertWithdrawal,
  checkWithdrawal,
  describeWithdrawDays,
  isWithdrawDay,
  nextWithdrawalStatus,
  withdrawalFee,
  withdrawalStatusName,
} from '../../../shared/withdrawal';
import { instantArb } from './arbitraries';

// 2026-11-15 10:00 in Beijing (02:00 UTC)
const ON_15TH = Date.UTC(2026, 10, 15, 2, 0, 0);
// 2026-11-15 23:30 in Beijing (15:30 UTC), and an hour later the 16th there although still the 15th in UTC
const LATE_15TH = Date.UTC(2026, 10, 15, 15, 30, 0);
const EARLY_16TH = Date.UTC(2026, 10, 15, 16, 30, 0);

const policy: WithdrawPolicy = {
  minFen: 1000,
  maxFen: 500_000,
  feeRate: '0.006',
  days: [1, 15],
  methods: ['wechat', 'bank'],
};

const request = (changes: Partial<WithdrawalRequest> = {}): WithdrawalRequest => ({
  amountFen: 10_000,
  method: 'wechat',
  availableFen: 20_000,
  distributorStatus: 'active',
  now: ON_15TH,
  policy,
  ...changes,
});

describe('checkWithdrawal', () => {
  it('accepts and computes the fee, rounded down', () => {
    // ¥100.00 × 0.6 % = 60 fen fee, 9940 fen to the distributor
    expect(checkWithdrawal(request())).toEqual({ ok: true, feeFen: 60, netFen: 9940 });
    // ¥12.34 × 0.6 % = 7.404 → 7 fen
    expect(checkWithdrawal(request({ amountFen: 1234 }))).toEqual({ ok: true, feeFen: 7, netFen: 1227 });
    expect(withdrawalFee(1000, '0')).toEqual({ feeFen: 0, netFen: 1000 });
  });

  it('refuses bad input with VALIDATION', () => {
    for (const amountFen of [0, -1, 10.5, Number.NaN]) {
      expect(checkWithdrawal(request({ amountFen }))).toMatchObject({ ok: false, code: 'VALIDATION' });
    }
    expect(checkWithdrawal(request({ method: 'paypal' }))).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('refuses disabled and non-distributors with FORBIDDEN', () => {
    expect(checkWithdrawal(request({ distributorStatus: 'disabled' }))).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: '您的分销资格已被停用，暂不能提现',
    });
    expect(checkWithdrawal(request({ distributorStatus: 'pending' }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('applies the merchant’s rules with RULE and a reason the distributor understands', () => {
    expect(checkWithdrawal(request({ method: 'alipay' }))).toEqual({
      ok: false,
      code: 'RULE',
      reason: '暂不支持提现到支付宝',
    });
    expect(checkWithdrawal(request({ amountFen: 999 }))).toEqual({
      ok: false,
      code: 'RULE',
      reason: '最低提现金额为 ¥10.00',
    });
    expect(checkWithdrawal(request({ amountFen: 500_001, availableFen: 10 ** 7 }))).toEqual({
      ok: false,
      code: 'RULE',
      reason: '单笔最高提现金额为 ¥5000.00',
    });
    expect(checkWithdrawal(request({ amountFen: 20_001 }))).toEqual({
      ok: false,
      code: 'RULE',
      reason: '可提现余额不足（可提现 ¥200.00）',
    });
    // a balance below zero after a clawback allows nothing
    expect(checkWithdrawal(request({ availableFen: -500 }))).toMatchObject({ code: 'RULE' });
    // no maximum set: any amount up to the balance
    const { maxFen: _maxFen, ...noMax } = policy;
    expect(checkWithdrawal(request({ amountFen: 10 ** 7, availableFen: 10 ** 7, policy: noMax })).ok).toBe(
      true,
    );
  });

  it('always leaves the distributor at least 1 fen: the fee rounds down and the rate is below 100 %', () => {
    const tiny = { ...policy, minFen: 1, feeRate: '0.9999' };
    // 10 fen × 99.99 % = 9.999 → fee 9, net 1
    expect(checkWithdrawal(request({ amountFen: 10, policy: tiny }))).toEqual({
      ok: true,
      feeFen: 9,
      netFen: 1,
    });
    // 1 fen × 99.99 % = 0.9999 → fee 0, net 1
    expect(checkWithdrawal(request({ amountFen: 1, policy: tiny }))).toEqual({
      ok: true,
      feeFen: 0,
      netFen: 1,
    });
  });

  it('counts allowed days in Beijing time whatever the server zone', () => {
    const originalTz = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        expect(checkWithdrawal(request({ now: LATE_15TH })).ok).toBe(true);
        expect(checkWithdrawal(request({ now: EARLY_16TH }))).toEqual({
          ok: false,
          code: 'RULE',
          reason: '今天不能提现，可提现日期：每月 1、15 日',
        });
      }
    } finally {
      process.env.TZ = originalTz;
    }
  });

  it('allows every day when the list is empty, and a day 31 never occurs in a 30-day month', () => {
    expect(checkWithdrawal(request({ now: EARLY_16TH, policy: { ...policy, days: [] } })).ok).toBe(true);
    // every day of November 2026 (30 days) is refused for days [31]
    const novemberDays = Array.from({ length: 30 }, (_, i) => Date.UTC(2026, 10, 1 + i, 4));
    expect(novemberDays.some((now) => isWithdrawDay(now, [31]))).toBe(false);
    expect(isWithdrawDay(Date.UTC(2026, 11, 31, 4), [31])).toBe(true);
  });

  it('assertWithdrawal throws the refusal as an AppError', () => {
    expect(() => assertWithdrawal(request({ amountFen: 999 }))).toThrow(
      expect.objectContaining({ code: 'RULE', message: '最低提现金额为 ¥10.00' }),
    );
    expect(assertWithdrawal(request())).toEqual({ feeFen: 60, netFen: 9940 });
  });

  it('describes the allowed days', () => {
    expect(describeWithdrawDays([15, 1])).toBe('每月 1、15 日');
    expect(describeWithdrawDays([])).toBe('每天');
  });

  it('agrees with a reference implementation of the day rule over random instants', () => {
    // reference: the day of the month that ICU shows for Asia/Shanghai
    const shanghaiDay = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', day: 'numeric' });
    const reference = (now: number, days: number[]) =>
      days.length === 0 || days.includes(Number(shanghaiDay.format(new Date(now))));
    fc.assert(
      fc.property(
        instantArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 6 }),
        (now, days) => {
          const check = checkWithdrawal(request({ now, policy: { ...DEFAULT_CONFIG.withdraw, days } }));
          const refusedForDay = !check.ok && check.reason.startsWith('今天不能提现');
          return isWithdrawDay(now, days) === reference(now, days) && refusedForDay === !reference(now, days);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never lets the fee and net disagree with the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 10 ** 9 }), (amountFen) => {
        const check = checkWithdrawal(
          request({ amountFen, availableFen: 10 ** 9, policy: { ...policy, maxFen: undefined } }),
        );
        return (
          check.ok && check.feeFen + check.netFen === amountFen && check.feeFen >= 0 && check.netFen >= 1
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('withdrawal status', () => {
  it('pending → approved → paid, pending → rejected, nothing else', () => {
    expect(nextWithdrawalStatus('pending', 'approve')).toBe('approved');
    expect(nextWithdrawalStatus('approved', 'markPaid')).toBe('paid');
    expect(nextWithdrawalStatus('pending', 'reject')).toBe('rejected');
    const allowed = new Set(['pending:approve', 'approved:markPaid', 'pending:reject']);
    for (const status of WITHDRAWAL_STATUSES) {
      for (const event of ['approve', 'reject', 'markPaid'] as const) {
        if (allowed.has(`${status}:${event}`)) continue;
        expect(() => nextWithdrawalStatus(status, event)).toThrow(
          expect.objectContaining({ code: 'CONFLICT' }),
        );
      }
    }
    expect(withdrawalStatusName('approved')).toBe('待打款');
  });
});
