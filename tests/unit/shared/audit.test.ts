/**
 * The audit's checks (shared/audit.ts) on hand-made documents: each finds exactly what is wrong, in the
 * merchant's words, and nothing where everything adds up.
 */
import {
  type AuditEntry,
  LedgerFold,
  auditAccount,
  auditOrphanRecord,
  auditRecord,
  auditSplit,
  auditTotals,
  auditWithdrawal,
  isEntry,
  parseEntry,
} from '../../../shared/audit';
import { DEFAULT_CONFIG } from '../../../shared/config';

/* eslint-disable @typescript-eslint/no-explicit-any */

let seq = 0;
const entry = (
  kind: AuditEntry['kind'],
  amountFen: number,
  createdAt: number,
  extra: Partial<AuditEntry> = {},
) => ({ _id: `e${(seq += 1)}`, userId: 'u1', kind, amountFen, createdAt, ...extra }) as AuditEntry;

describe('LedgerFold', () => {
  it('folds a millisecond split across pages in causal order', () => {
    // Written in one transaction at t=5: settled before the freeze, whatever order the pages bring.
    const fold = new LedgerFold();
    fold.add([entry('commission_pending', 1000, 1), entry('withdrawal_frozen', 600, 5)]);
    fold.add([entry('commission_settled', 1000, 5)]);
    fold.finish();
    expect(fold.broken).toBeNull();
    expect(fold.entries).toBe(3);
    expect(fold.balances).toEqual({ pendingFen: 0, availableFen: 400, frozenFen: 600, withdrawnFen: 0 });
  });

  it('reports the entry that cannot be posted', () => {
    const fold = new LedgerFold();
    fold.add([entry('withdrawal_frozen', 100, 1)]);
    fold.finish();
    expect(fold.broken).toMatch(/^第 1 条流水无法入账：可提现余额不足/);
  });
});

describe('auditAccount and auditTotals', () => {
  const fold = () => {
    const f = new LedgerFold();
    f.add([entry('commission_pending', 500, 1)]);
    f.finish();
    return f;
  };

  it('passes an account that matches its ledger', () => {
    const account = { pendingFen: 500, availableFen: 0, frozenFen: 0, withdrawnFen: 0, totalEarnedFen: 500 };
    expect(auditAccount('u1', account, fold(), '分销商「小王」')).toEqual([]);
  });

  it('names the balance that differs and a total that is not the sum', () => {
    const account = { pendingFen: 400, availableFen: 0, frozenFen: 0, withdrawnFen: 0, totalEarnedFen: 500 };
    expect(auditAccount('u1', account, fold(), '分销商「小王」').map((p) => [p.type, p.message])).toEqual([
      ['balance', '分销商「小王」的待结算佣金 ¥4.00 与流水计算值 ¥5.00 不符'],
      ['account', '分销商「小王」的累计佣金 ¥5.00 与四项余额之和 ¥4.00 不符'],
    ]);
  });

  it('compares the mirrored totals with the accounts, and the accounts with the ledger', () => {
    const zero = { pendingFen: 0, availableFen: 0, frozenFen: 0, withdrawnFen: 0 };
    expect(
      auditTotals({ ...zero, pendingFen: 5 }, { ...zero, pendingFen: 5 }, { ...zero, pendingFen: 5 }),
    ).toEqual([]);
    expect(
      auditTotals({ ...zero, pendingFen: 6 }, { ...zero, pendingFen: 5 }, { ...zero, pendingFen: 4 }).map(
        (p) => p.message,
      ),
    ).toEqual([
      '商城汇总的待结算佣金 ¥0.06 与各分销商账户合计 ¥0.05 不符',
      '各分销商账户的待结算佣金合计 ¥0.05 与流水计算值 ¥0.04 不符',
    ]);
  });
});

describe('auditSplit, auditRecord, auditOrphanRecord', () => {
  // Two lines, A at level 1 (10 %): 1000 on L1 and 600 on L2; L2 refunded by half → 300.
  const order: any = {
    _id: 'o1',
    paidAt: 1,
    items: [
      { lineId: 'L1', title: '茶', refundedFen: 0 },
      { lineId: 'L2', title: '壶', refundedFen: 3000 },
    ],
    commissionFen: 1600,
    commissionSnapshot: {
      buyer: { userId: 'b', distributorStatus: 'none', gradeId: 'base' },
      uplines: [{ userId: 'A', distributorStatus: 'active', gradeId: 'base' }],
      config: { levels: 1, rates: ['0.10'], selfPurchase: false, grades: DEFAULT_CONFIG.grades },
      lines: [
        { lineId: 'L1', productId: 'p1', quantity: 1, paidFen: 10000 },
        { lineId: 'L2', productId: 'p2', quantity: 1, paidFen: 6000 },
      ],
    },
    commissions: [
      { commissionId: 'o1-L1', level: 1, beneficiaryId: 'A', amountFen: 1300, status: 'pending' },
    ],
  };
  const line = (lineId: string, originalAmountFen: number, amountFen: number) => ({
    lineId,
    originalAmountFen,
    amountFen,
  });
  const record: any = {
    _id: 'o1-L1',
    orderId: 'o1',
    level: 1,
    beneficiaryId: 'A',
    amountFen: 1300,
    status: 'pending',
    lines: [line('L1', 1000, 1000), line('L2', 600, 300)],
  };
  const entries = [
    entry('commission_pending', 1600, 1, { commissionId: 'o1-L1' }),
    entry('commission_reversed', 300, 2, { commissionId: 'o1-L1' }),
  ];

  it('finds nothing wrong with a consistent order', () => {
    expect(auditSplit(order, [record])).toEqual([]);
    expect(auditRecord(record, entries)).toEqual([]);
    expect(auditOrphanRecord(record, order)).toEqual([]);
  });

  it('names the line whose share is wrong, and a record sent to the wrong distributor', () => {
    const wrong = { ...record, beneficiaryId: 'X', lines: [line('L1', 1200, 1000), line('L2', 600, 299)] };
    expect(auditSplit(order, [wrong]).map((p) => p.message)).toEqual([
      '订单 o1 第 1 件商品「茶」的一级佣金按下单时的快照应为 ¥10.00，记录为 ¥12.00',
      '订单 o1 第 2 件商品「壶」的一级佣金扣除退款后应为 ¥3.00，记录为 ¥2.99',
      '订单 o1 的一级佣金发给了错误的分销商（按下单时的快照应发给 A）',
    ]);
  });

  it('finds a missing record, a summary out of step and a total that does not add up', () => {
    expect(auditSplit({ ...order, commissions: [] }, []).map((p) => p.message)).toEqual([
      '订单 o1 第 1 件商品「茶」的一级佣金（¥10.00）没有佣金记录',
      '订单 o1 第 2 件商品「壶」的一级佣金（¥6.00）没有佣金记录',
    ]);
    const stale = { ...order, commissionFen: 1, commissions: [{ ...order.commissions[0], amountFen: 1 }] };
    expect(auditSplit(stale, [record]).map((p) => p.message)).toEqual([
      '订单 o1 记录的佣金总额 ¥0.01 与快照计算值 ¥16.00 不符',
      '订单 o1 上的一级佣金摘要与佣金记录不符',
    ]);
  });

  it('checks a record against its ledger entries and its lines', () => {
    const messages = (r: any) => auditRecord(r, entries).map((p) => p.message);
    expect(messages({ ...record, amountFen: 1200 })).toEqual([
      '订单 o1 的一级佣金记录为 ¥12.00，流水合计为 ¥13.00',
      '订单 o1 的一级佣金合计 ¥12.00 与各商品明细之和 ¥13.00 不符',
    ]);
    expect(messages({ ...record, status: 'settled' })).toEqual([
      '订单 o1 的一级佣金显示已结算，但没有结算流水',
    ]);
    expect(messages({ ...record, status: 'reversed' })).toEqual([
      '订单 o1 的一级佣金显示已退回，金额却还有 ¥13.00',
    ]);
  });

  it('finds a record whose order is gone or does not name it', () => {
    expect(auditOrphanRecord(record, null)[0].message).toBe('佣金记录 o1-L1 对应的订单 o1 不存在');
    expect(auditOrphanRecord(record, { ...order, commissions: [] })[0].message).toBe(
      '佣金记录 o1-L1 不在订单 o1 的佣金摘要中',
    );
  });
});

describe('auditWithdrawal and parseEntry', () => {
  const w = { _id: 'w1', userId: 'u1', amountFen: 1000, status: 'paid' };
  const frozen = entry('withdrawal_frozen', 1000, 1, { withdrawalId: 'w1' });

  it('wants exactly the entries of its status', () => {
    expect(auditWithdrawal(w, [frozen, entry('withdrawal_paid', 1000, 2, { withdrawalId: 'w1' })])).toEqual(
      [],
    );
    expect(auditWithdrawal(w, [frozen]).map((p) => p.message)).toEqual([
      '提现申请 w1（¥10.00，状态 paid）缺少打款流水',
    ]);
    expect(
      auditWithdrawal({ ...w, status: 'pending' }, [
        frozen,
        entry('withdrawal_released', 1000, 2, { withdrawalId: 'w1' }),
      ]).map((p) => p.message),
    ).toEqual(['提现申请 w1（¥10.00，状态 pending）不应有退回流水']);
  });

  it('refuses a malformed ledger document', () => {
    const parsed = parseEntry({ _id: 'x', kind: 'bonus', userId: 'u1', amountFen: 1 });
    expect(isEntry(parsed)).toBe(false);
    expect(parsed).toEqual({ type: 'balance', message: '流水 x 格式错误（类型 bonus）' });
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
