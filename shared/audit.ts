/**
 * The checks of the money audit (cloudfunctions/admin/audit.ts does the reading): pure functions over the
 * stored documents, each answering problems in words a merchant can act on.
 *
 *  1. accounts    – a user's four balances recomputed from its ledger entries, folded in causal order
 *                   page by page (`LedgerFold`), against its account; `totalEarnedFen` is their sum.
 *  2. totals      – the mall totals mirrored in the statistics against the sum of the accounts, and the
 *                   accounts against the ledger.
 *  3. orders      – each order's split recomputed from its plan (`commissionSnapshot` → splitCommission):
 *                   each line's share in its level's record (beneficiary, original amount, the amount the
 *                   refunds leave); the order's own total and summary of its records.
 *  4. records     – each commission record against its ledger entries (pending − reversed − clawback;
 *                   settled ⇔ a settlement entry; reversed ⇒ nothing left).
 *  5. withdrawals – exactly the entries a withdrawal's status implies.
 *
 * Ledger order: entries of one user are folded by `createdAt`; entries of the same millisecond in causal
 * order (earn → settle → reverse/clawback → freeze → release/pay), the only order in which one
 * transaction, or two racing ones, can have written them.
 */
import { type CommissionLine, type SplitCommissionInput, splitCommission } from './commission';
import {
  type Balances,
  LEDGER_KINDS,
  type LedgerEntry,
  type LedgerKind,
  ZERO_BALANCES,
  addBalances,
  applyEntry,
} from './ledger';
import { formatYuan } from './money';
import { recomputeCommission } from './refund';

export type ProblemType = 'balance' | 'account' | 'totals' | 'split' | 'commission' | 'withdrawal';

export interface AuditProblem {
  type: ProblemType;
  message: string;
  userId?: string;
  orderId?: string;
  commissionId?: string;
  withdrawalId?: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- stored documents are checked, not trusted */
type Doc = Record<string, any>;

/** A ledger entry as the audit reads it: the stored shape. */
export type AuditEntry = LedgerEntry;

const BALANCE_KEYS: (keyof Balances)[] = ['pendingFen', 'availableFen', 'frozenFen', 'withdrawnFen'];
const BALANCE_NAMES: Record<keyof Balances, string> = {
  pendingFen: '待结算佣金',
  availableFen: '可提现余额',
  frozenFen: '提现冻结金额',
  withdrawnFen: '已提现金额',
};
const LEVEL_NAMES = ['', '一级', '二级', '三级'];

const KIND_ORDER: Record<LedgerKind, number> = {
  commission_pending: 0,
  commission_settled: 1,
  commission_reversed: 2,
  commission_clawback: 3,
  withdrawal_frozen: 4,
  withdrawal_released: 5,
  withdrawal_paid: 6,
};

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function balancesOf(doc: Doc | null | undefined): Balances {
  return {
    pendingFen: num(doc?.pendingFen),
    availableFen: num(doc?.availableFen),
    frozenFen: num(doc?.frozenFen),
    withdrawnFen: num(doc?.withdrawnFen),
  };
}

/** A stored ledger document as an entry, or the problem that it is not one. */
export function parseEntry(doc: Doc): AuditEntry | AuditProblem {
  const kind = doc.kind as LedgerKind;
  if (!(LEDGER_KINDS as readonly string[]).includes(kind) || typeof doc.userId !== 'string') {
    return { type: 'balance', message: `流水 ${String(doc._id)} 格式错误（类型 ${String(kind)}）` };
  }
  return { ...(doc as AuditEntry), amountFen: num(doc.amountFen), createdAt: num(doc.createdAt) };
}

export function isEntry(value: AuditEntry | AuditProblem): value is AuditEntry {
  return !('message' in value);
}

export function causalOrder(a: AuditEntry, b: AuditEntry): number {
  return (
    a.createdAt - b.createdAt ||
    (KIND_ORDER[a.kind] ?? 99) - (KIND_ORDER[b.kind] ?? 99) ||
    a._id.localeCompare(b._id)
  );
}

/**
 * One user's entries folded into balances a page at a time (pages read in `createdAt` order). The
 * entries of the page's last millisecond wait for the next page, so that a millisecond split across
 * pages is still folded in causal order.
 */
export class LedgerFold {
  balances: Balances = { ...ZERO_BALANCES };
  entries = 0;
  broken: string | null = null;
  private held: AuditEntry[] = [];

  add(page: readonly AuditEntry[]): void {
    const all = [...this.held, ...page];
    const last = all.length > 0 ? Math.max(...all.map((e) => e.createdAt)) : 0;
    this.held = all.filter((e) => e.createdAt === last);
    this.fold(all.filter((e) => e.createdAt !== last));
  }

  /** Folds what is held back: the last page was read. */
  finish(): void {
    this.fold(this.held);
    this.held = [];
  }

  private fold(entries: AuditEntry[]): void {
    for (const entry of [...entries].sort(causalOrder)) {
      this.entries += 1;
      if (this.broken) continue;
      try {
        this.balances = applyEntry(this.balances, entry);
      } catch (error) {
        this.broken = `第 ${this.entries} 条流水无法入账：${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
}

/** 1: an account against the fold of its ledger. `who` names the user as the merchant knows it. */
export function auditAccount(
  userId: string,
  account: Doc | null,
  fold: LedgerFold,
  who: string,
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const stored = balancesOf(account);
  if (fold.broken) problems.push({ type: 'balance', userId, message: `${who}的${fold.broken}` });
  else {
    for (const key of BALANCE_KEYS) {
      if (stored[key] !== fold.balances[key]) {
        problems.push({
          type: 'balance',
          userId,
          message: `${who}的${BALANCE_NAMES[key]} ${formatYuan(stored[key])} 与流水计算值 ${formatYuan(fold.balances[key])} 不符`,
        });
      }
    }
  }
  const sum = BALANCE_KEYS.reduce((s, k) => s + stored[k], 0);
  if (account && num(account.totalEarnedFen) !== sum) {
    problems.push({
      type: 'account',
      userId,
      message: `${who}的累计佣金 ${formatYuan(num(account.totalEarnedFen))} 与四项余额之和 ${formatYuan(sum)} 不符`,
    });
  }
  return problems;
}

/** 2: the mall's mirrored totals against the accounts, and the accounts against the ledger. */
export function auditTotals(mirrored: Balances, accountSum: Balances, ledgerSum: Balances): AuditProblem[] {
  const problems: AuditProblem[] = [];
  for (const k of BALANCE_KEYS) {
    if (mirrored[k] !== accountSum[k]) {
      problems.push({
        type: 'totals',
        message: `商城汇总的${BALANCE_NAMES[k]} ${formatYuan(mirrored[k])} 与各分销商账户合计 ${formatYuan(accountSum[k])} 不符`,
      });
    }
    if (ledgerSum[k] !== accountSum[k]) {
      problems.push({
        type: 'totals',
        message: `各分销商账户的${BALANCE_NAMES[k]}合计 ${formatYuan(accountSum[k])} 与流水计算值 ${formatYuan(ledgerSum[k])} 不符`,
      });
    }
  }
  return problems;
}

export { addBalances };

function lineLabel(order: Doc, lineId: string, level: number): string {
  const items = (order.items ?? []) as Doc[];
  const index = items.findIndex((item) => item.lineId === lineId);
  const title = index >= 0 ? items[index]?.title : undefined;
  const line = index >= 0 ? `第 ${index + 1} 件商品${title ? `「${title}」` : ''}` : `订单行 ${lineId}`;
  return `订单 ${String(order._id)} ${line}的${LEVEL_NAMES[level] ?? `${level} 级`}佣金`;
}

function recordName(record: Doc): string {
  return `订单 ${String(record.orderId)} 的${LEVEL_NAMES[num(record.level)] ?? ''}佣金`;
}

/** 3: an order's split from its plan, what refunds should have left of it, and its summary. */
export function auditSplit(order: Doc, records: readonly Doc[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const orderId = String(order._id);
  const split = (message: string, extra: Partial<AuditProblem> = {}): void => {
    problems.push({ type: 'split', orderId, message, ...extra });
  };
  const snapshot = order.commissionSnapshot as SplitCommissionInput | null | undefined;
  if (!snapshot || order.paidAt === null || order.paidAt === undefined) {
    for (const record of records) {
      split(`订单 ${orderId} 尚未付款或没有分佣快照，却有佣金记录 ${String(record._id)}`, {
        commissionId: String(record._id),
      });
    }
    return problems;
  }
  let expected: CommissionLine[];
  let current: number[];
  try {
    expected = splitCommission(snapshot);
    const refunded: Record<string, number> = {};
    for (const item of (order.items ?? []) as Doc[]) refunded[item.lineId] = num(item.refundedFen);
    current = recomputeCommission(expected, refunded).map((share) => share.amountFen);
  } catch (error) {
    split(`订单 ${orderId} 的分佣快照无法计算：${error instanceof Error ? error.message : String(error)}`);
    return problems;
  }
  const byLevel = new Map(records.map((r) => [num(r.level), r]));
  const seenLines = new Map<number, Set<string>>();
  expected.forEach((line, i) => {
    const record = byLevel.get(line.level);
    const label = lineLabel(order, line.lineId, line.level);
    if (!record) {
      split(`${label}（${formatYuan(line.amountFen)}）没有佣金记录`, { userId: line.beneficiaryId });
      return;
    }
    const commissionId = String(record._id);
    const recorded = ((record.lines ?? []) as Doc[]).find((l) => l.lineId === line.lineId);
    seenLines.set(line.level, (seenLines.get(line.level) ?? new Set()).add(line.lineId));
    if (!recorded) {
      split(`${label}（${formatYuan(line.amountFen)}）不在佣金记录的明细中`, { commissionId });
      return;
    }
    if (num(recorded.originalAmountFen) !== line.amountFen) {
      split(
        `${label}按下单时的快照应为 ${formatYuan(line.amountFen)}，记录为 ${formatYuan(num(recorded.originalAmountFen))}`,
        { commissionId, userId: line.beneficiaryId },
      );
    }
    if (num(recorded.amountFen) !== current[i]) {
      split(
        `${label}扣除退款后应为 ${formatYuan(current[i])}，记录为 ${formatYuan(num(recorded.amountFen))}`,
        {
          commissionId,
          userId: line.beneficiaryId,
        },
      );
    }
  });
  const beneficiaryOf = new Map(expected.map((line) => [line.level, line.beneficiaryId]));
  for (const record of records) {
    const level = num(record.level);
    const commissionId = String(record._id);
    const expectedBeneficiary = beneficiaryOf.get(level as CommissionLine['level']);
    if (expectedBeneficiary === undefined) {
      split(`${recordName(record)}（${formatYuan(num(record.amountFen))}）不在下单时的分佣结果中`, {
        commissionId,
        userId: record.beneficiaryId,
      });
      continue;
    }
    if (record.beneficiaryId !== expectedBeneficiary) {
      split(`${recordName(record)}发给了错误的分销商（按下单时的快照应发给 ${expectedBeneficiary}）`, {
        commissionId,
        userId: record.beneficiaryId,
      });
    }
    for (const line of (record.lines ?? []) as Doc[]) {
      if (!seenLines.get(level)?.has(line.lineId)) {
        split(
          `${lineLabel(order, line.lineId, level)}（${formatYuan(num(line.amountFen))}）不在下单时的分佣结果中`,
          {
            commissionId,
          },
        );
      }
    }
  }
  const total = expected.reduce((sum, line) => sum + line.amountFen, 0);
  if (order.commissionFen !== undefined && num(order.commissionFen) !== total) {
    split(
      `订单 ${orderId} 记录的佣金总额 ${formatYuan(num(order.commissionFen))} 与快照计算值 ${formatYuan(total)} 不符`,
    );
  }
  const summary = new Map(((order.commissions ?? []) as Doc[]).map((s) => [String(s.commissionId), s]));
  for (const record of records) {
    const s = summary.get(String(record._id));
    summary.delete(String(record._id));
    if (!s || num(s.amountFen) !== num(record.amountFen) || s.status !== record.status) {
      split(`订单 ${orderId} 上的${LEVEL_NAMES[num(record.level)] ?? ''}佣金摘要与佣金记录不符`, {
        commissionId: String(record._id),
      });
    }
  }
  for (const commissionId of summary.keys()) {
    split(`订单 ${orderId} 提到的佣金记录 ${commissionId} 不存在`, { commissionId });
  }
  return problems;
}

/** 4: a commission record against its own ledger entries (and its lines against its totals). */
export function auditRecord(record: Doc, entries: readonly AuditEntry[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const commissionId = String(record._id);
  const base = {
    type: 'commission' as const,
    commissionId,
    orderId: String(record.orderId),
    userId: String(record.beneficiaryId),
  };
  const own = entries.filter((e) => e.commissionId === commissionId);
  const sum = (kind: LedgerKind) => own.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0);
  const net = sum('commission_pending') - sum('commission_reversed') - sum('commission_clawback');
  const settled = own.some((e) => e.kind === 'commission_settled');
  const name = recordName(record);
  if (net !== num(record.amountFen)) {
    problems.push({
      ...base,
      message: `${name}记录为 ${formatYuan(num(record.amountFen))}，流水合计为 ${formatYuan(net)}`,
    });
  }
  const linesFen = ((record.lines ?? []) as Doc[]).reduce((s, l) => s + num(l.amountFen), 0);
  if (linesFen !== num(record.amountFen)) {
    problems.push({
      ...base,
      message: `${name}合计 ${formatYuan(num(record.amountFen))} 与各商品明细之和 ${formatYuan(linesFen)} 不符`,
    });
  }
  if (record.status === 'settled' && !settled) {
    problems.push({ ...base, message: `${name}显示已结算，但没有结算流水` });
  }
  if (record.status === 'pending' && settled) {
    problems.push({ ...base, message: `${name}显示待结算，但已有结算流水` });
  }
  if (record.status === 'reversed' && num(record.amountFen) !== 0) {
    problems.push({ ...base, message: `${name}显示已退回，金额却还有 ${formatYuan(num(record.amountFen))}` });
  }
  return problems;
}

/** A commission record whose order does not exist, or does not name it. */
export function auditOrphanRecord(record: Doc, order: Doc | null): AuditProblem[] {
  const commissionId = String(record._id);
  const orderId = String(record.orderId);
  if (!order) {
    return [
      {
        type: 'split',
        orderId,
        commissionId,
        message: `佣金记录 ${commissionId} 对应的订单 ${orderId} 不存在`,
      },
    ];
  }
  const named = ((order.commissions ?? []) as Doc[]).some((s) => s.commissionId === commissionId);
  return named
    ? []
    : [
        {
          type: 'split',
          orderId,
          commissionId,
          message: `佣金记录 ${commissionId} 不在订单 ${orderId} 的佣金摘要中`,
        },
      ];
}

const WITHDRAWAL_KINDS: Record<string, LedgerKind[]> = {
  pending: ['withdrawal_frozen'],
  approved: ['withdrawal_frozen'],
  rejected: ['withdrawal_frozen', 'withdrawal_released'],
  failed: ['withdrawal_frozen', 'withdrawal_released'],
  paid: ['withdrawal_frozen', 'withdrawal_paid'],
};
const WITHDRAWAL_ENTRY_NAMES: Partial<Record<LedgerKind, string>> = {
  withdrawal_frozen: '冻结',
  withdrawal_released: '退回',
  withdrawal_paid: '打款',
};

/** The ledger ids a withdrawal may have (entries are keyed by their cause: shared/ledger.ts). */
export function withdrawalEntryIds(withdrawalId: string): string[] {
  return ['withdrawal_frozen', 'withdrawal_released', 'withdrawal_paid'].map(
    (kind) => `${kind}:${withdrawalId}`,
  );
}

/** 5: a withdrawal has exactly the entries its status implies. */
export function auditWithdrawal(w: Doc, entries: readonly AuditEntry[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const withdrawalId = String(w._id);
  const own = entries.filter((e) => e.withdrawalId === withdrawalId);
  const expected = WITHDRAWAL_KINDS[String(w.status)] ?? [];
  const base = { type: 'withdrawal' as const, withdrawalId, userId: String(w.userId) };
  const label = `提现申请 ${withdrawalId}（${formatYuan(num(w.amountFen))}，状态 ${String(w.status)}）`;
  for (const kind of expected) {
    const entry = own.find((e) => e.kind === kind);
    if (!entry) problems.push({ ...base, message: `${label}缺少${WITHDRAWAL_ENTRY_NAMES[kind]}流水` });
    else if (entry.amountFen !== num(w.amountFen)) {
      problems.push({
        ...base,
        message: `${label}的${WITHDRAWAL_ENTRY_NAMES[kind]}流水金额为 ${formatYuan(entry.amountFen)}`,
      });
    }
  }
  for (const entry of own) {
    if (!expected.includes(entry.kind)) {
      problems.push({
        ...base,
        message: `${label}不应有${WITHDRAWAL_ENTRY_NAMES[entry.kind] ?? entry.kind}流水`,
      });
    }
  }
  return problems;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
