import fc from 'fast-check';
import {
  type Balances,
  LEDGER_KINDS,
  type LedgerKind,
  type LedgerMovement,
  ZERO_BALANCES,
  addBalances,
  applyEntry,
  auditBalances,
  balanceDelta,
  balancesFromLedger,
  commissionAdjustment,
  ledgerIdempotencyKey,
  totalEarnedFen,
} from '../../../shared/ledger';

const entry = (kind: LedgerKind, amountFen: number): LedgerMovement => ({ kind, amountFen });
const balances = (b: Partial<Balances>): Balances => ({ ...ZERO_BALANCES, ...b });

describe('applyEntry', () => {
  it('moves money as each kind says', () => {
    expect(applyEntry(ZERO_BALANCES, entry('commission_pending', 2999))).toEqual(
      balances({ pendingFen: 2999 }),
    );
    expect(applyEntry(balances({ pendingFen: 2999 }), entry('commission_reversed', 1000))).toEqual(
      balances({ pendingFen: 1999 }),
    );
    expect(applyEntry(balances({ pendingFen: 2999 }), entry('commission_settled', 2999))).toEqual(
      balances({ availableFen: 2999 }),
    );
    expect(applyEntry(balances({ availableFen: 2999 }), entry('withdrawal_frozen', 2000))).toEqual(
      balances({ availableFen: 999, frozenFen: 2000 }),
    );
    expect(applyEntry(balances({ frozenFen: 2000 }), entry('withdrawal_released', 2000))).toEqual(
      balances({ availableFen: 2000 }),
    );
    expect(applyEntry(balances({ frozenFen: 2000 }), entry('withdrawal_paid', 2000))).toEqual(
      balances({ withdrawnFen: 2000 }),
    );
  });

  it('lets a clawback take available below zero (never capped at the balance)', () => {
    // ¥29.99 settled and ¥20.00 withdrawn; the order is then refunded in full: −2999 from 999 → −2000
    const after = applyEntry(
      balances({ availableFen: 999, withdrawnFen: 2000 }),
      entry('commission_clawback', 2999),
    );
    expect(after).toEqual(balances({ availableFen: -2000, withdrawnFen: 2000 }));
    // and later commission nets against it
    expect(
      applyEntry(applyEntry(after, entry('commission_pending', 3000)), entry('commission_settled', 3000))
        .availableFen,
    ).toBe(1000);
  });

  it('refuses to take pending or frozen below zero, or to freeze more than is available', () => {
    expect(() => applyEntry(balances({ pendingFen: 10 }), entry('commission_reversed', 11))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => applyEntry(balances({ pendingFen: 10 }), entry('commission_settled', 11))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => applyEntry(balances({ availableFen: -1 }), entry('withdrawal_frozen', 1))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => applyEntry(balances({ frozenFen: 5 }), entry('withdrawal_paid', 6))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('refuses amounts that are not positive integer fen, and unknown kinds', () => {
    for (const amountFen of [0, -1, 1.5, Number.NaN]) {
      expect(() => applyEntry(ZERO_BALANCES, entry('commission_pending', amountFen))).toThrow(
        expect.objectContaining({ code: 'VALIDATION' }),
      );
    }
    expect(() => applyEntry(ZERO_BALANCES, { kind: 'bonus' as LedgerKind, amountFen: 1 })).toThrow(
      /未知流水类型/,
    );
  });

  it('does not change its input', () => {
    const before = balances({ pendingFen: 100 });
    applyEntry(before, entry('commission_settled', 100));
    expect(before).toEqual(balances({ pendingFen: 100 }));
  });
});

describe('balanceDelta (the mirror in the sharded mall totals)', () => {
  it('is what applyEntry adds whenever applyEntry accepts the entry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEDGER_KINDS),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.record({
          pendingFen: fc.integer({ min: 0, max: 2_000_000 }),
          availableFen: fc.integer({ min: -2_000_000, max: 2_000_000 }),
          frozenFen: fc.integer({ min: 0, max: 2_000_000 }),
          withdrawnFen: fc.integer({ min: 0, max: 2_000_000 }),
        }),
        (kind, amountFen, start) => {
          let applied: Balances;
          try {
            applied = applyEntry(start, entry(kind, amountFen));
          } catch {
            return; // refused: the account's check, not the mirror's business
          }
          expect(addBalances(start, balanceDelta(entry(kind, amountFen)))).toEqual(applied);
        },
      ),
    );
  });

  it('moves a shard below zero where applyEntry would refuse (only the sum of the shards means anything)', () => {
    expect(balanceDelta(entry('commission_settled', 500))).toEqual(
      balances({ pendingFen: -500, availableFen: 500 }),
    );
    expect(() => balanceDelta({ kind: 'bonus' as LedgerKind, amountFen: 1 })).toThrow(/未知流水类型/);
  });
});

describe('balancesFromLedger, totalEarnedFen and the audit', () => {
  // pay: +2999 pending; partial refund: −1000; settle 1999; withdraw 1500 (freeze, pay);
  // refund after settlement: clawback 999
  const ledger = [
    entry('commission_pending', 2999),
    entry('commission_reversed', 1000),
    entry('commission_settled', 1999),
    entry('withdrawal_frozen', 1500),
    entry('withdrawal_paid', 1500),
    entry('commission_clawback', 999),
  ];

  it('folds the ledger into balances', () => {
    const result = balancesFromLedger(ledger);
    expect(result).toEqual({ pendingFen: 0, availableFen: -500, frozenFen: 0, withdrawnFen: 1500 });
    // earned: 2999 − 1000 − 999 = 1000
    expect(totalEarnedFen(result)).toBe(1000);
    expect(balancesFromLedger([])).toEqual(ZERO_BALANCES);
  });

  it('reports stored balances that do not match, and a broken ledger, without throwing', () => {
    const stored = { pendingFen: 0, availableFen: 0, frozenFen: 0, withdrawnFen: 1500 };
    expect(auditBalances(ledger, stored, '用户 u1：')).toEqual({
      ok: false,
      recomputed: { pendingFen: 0, availableFen: -500, frozenFen: 0, withdrawnFen: 1500 },
      problems: ['用户 u1：可提现余额 ¥0.00 与流水计算值 -¥5.00 不符'],
    });
    const broken = auditBalances([entry('commission_settled', 1)], ZERO_BALANCES);
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatch(/^第 1 条流水无法入账/);
    expect(auditBalances(ledger, balancesFromLedger(ledger)).ok).toBe(true);
  });

  it('keeps the sum of balances equal to what was earned, whatever valid sequence of entries (property)', () => {
    const movementArb = fc.record({
      kind: fc.constantFrom(...LEDGER_KINDS),
      amountFen: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 40 }), (movements) => {
        let b: Balances = { ...ZERO_BALANCES };
        let earned = 0;
        for (const m of movements) {
          try {
            b = applyEntry(b, m);
          } catch {
            continue; // refused entries change nothing
          }
          if (m.kind === 'commission_pending') earned += m.amountFen;
          if (m.kind === 'commission_reversed' || m.kind === 'commission_clawback') earned -= m.amountFen;
        }
        return totalEarnedFen(b) === earned && b.pendingFen >= 0 && b.frozenFen >= 0 && b.withdrawnFen >= 0;
      }),
      { numRuns: 200 },
    );
  });
});

describe('idempotency keys and commission adjustments', () => {
  it('builds one key per cause', () => {
    expect(ledgerIdempotencyKey({ kind: 'commission_pending', commissionId: 'c1' })).toBe(
      'commission_pending:c1',
    );
    expect(ledgerIdempotencyKey({ kind: 'commission_clawback', commissionId: 'c1', refundId: 'r2' })).toBe(
      'commission_clawback:c1:r2',
    );
    expect(ledgerIdempotencyKey({ kind: 'withdrawal_paid', withdrawalId: 'w9' })).toBe('withdrawal_paid:w9');
  });

  it('reverses before settlement, claws back after, and moves nothing when nothing changed', () => {
    // 2999 → 1999 after a partial refund
    expect(commissionAdjustment('pending', 2999, 1999)).toEqual({
      kind: 'commission_reversed',
      amountFen: 1000,
    });
    expect(commissionAdjustment('settled', 2999, 0)).toEqual({
      kind: 'commission_clawback',
      amountFen: 2999,
    });
    expect(commissionAdjustment('settled', 2999, 2999)).toBeNull();
    expect(() => commissionAdjustment('pending', 100, 101)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});
