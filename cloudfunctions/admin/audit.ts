/**
 * admin.audit: proves that the money adds up, and says in a merchant's words where it does not.
 *
 *  1. Every distributor's four balances are recomputed from its ledger entries (shared/ledger.ts
 *     auditBalances) and compared with its account; `totalEarnedFen` must be their sum.
 *  2. The mall totals mirrored in statsTotals (summed over its shards, common/stats.ts) must equal the
 *     sum of the accounts (and the ledger).
 *  3. Every order's split is recomputed from the snapshot taken at payment (`commissionSnapshot` →
 *     splitCommission): each commission record's beneficiary and `originalAmountFen` must match, and its
 *     current `amountFen` must be what recomputeCommission gives for the refunds on the order's lines.
 *  4. Every commission record's amount must equal its ledger entries (pending − reversed − clawback),
 *     and its status must agree with them (settled ⇔ a settlement entry; reversed ⇒ nothing left).
 *  5. Every withdrawal must have exactly the ledger entries its status implies.
 *
 * It reads everything (keyset pages of 1000 by `_id`), so its cost grows with the ledger – fine for an
 * audit the merchant runs now and then, not for a page that loads often. Read-only.
 *
 * Ledger order: entries are folded per user by `createdAt`; entries of the same millisecond are put in
 * causal order (earn → settle → reverse/clawback → freeze → release/pay), which is the only order in
 * which one transaction, or two racing ones, can have written them.
 */
import { z } from 'zod';
import { type CommissionLine, type SplitCommissionInput, splitCommission } from '../../shared/commission';
import {
  type Balances,
  LEDGER_KINDS,
  type LedgerKind,
  ZERO_BALANCES,
  auditBalances,
} from '../../shared/ledger';
import { formatYuan } from '../../shared/money';
import { recomputeCommission } from '../../shared/refund';
import { COLLECTIONS, _, type CollectionName, type Doc, db } from '../common/db';
import { action } from '../common/handler';
import { readTotals } from '../common/stats';

export type ProblemType = 'balance' | 'account' | 'totals' | 'split' | 'commission' | 'withdrawal';

export interface AuditProblem {
  type: ProblemType;
  message: string;
  userId?: string;
  orderId?: string;
  commissionId?: string;
  withdrawalId?: string;
}

const PAGE = 1000;
const BALANCE_KEYS: (keyof Balances)[] = ['pendingFen', 'availableFen', 'frozenFen', 'withdrawnFen'];
const BALANCE_NAMES: Record<keyof Balances, string> = {
  pendingFen: '待结算佣金',
  availableFen: '可提现余额',
  frozenFen: '提现冻结金额',
  withdrawnFen: '已提现金额',
};
const LEVEL_NAMES = ['', '一级', '二级', '三级'];

/** Causal order of entries written in the same millisecond (see the header). */
const KIND_ORDER: Record<LedgerKind, number> = {
  commission_pending: 0,
  commission_settled: 1,
  commission_reversed: 2,
  commission_clawback: 3,
  withdrawal_frozen: 4,
  withdrawal_released: 5,
  withdrawal_paid: 6,
};

interface Entry {
  _id: string;
  userId: string;
  kind: LedgerKind;
  amountFen: number;
  createdAt: number;
  commissionId?: string;
  withdrawalId?: string;
}

/** Every document of a collection, in pages of 1000 by `_id`. */
async function readAll(collection: CollectionName, fields?: Record<string, true>): Promise<Doc[]> {
  const all: Doc[] = [];
  let after: string | null = null;
  for (;;) {
    let query = db.collection(collection).where(after === null ? {} : { _id: _.gt(after) });
    query = query.orderBy('_id', 'asc').limit(PAGE);
    if (fields) query = query.field({ ...fields, _id: true });
    const { data } = await query.get();
    all.push(...data);
    if (data.length < PAGE) return all;
    after = data[data.length - 1]._id as string;
  }
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function balancesOf(doc: Doc | undefined): Balances {
  return {
    pendingFen: num(doc?.pendingFen),
    availableFen: num(doc?.availableFen),
    frozenFen: num(doc?.frozenFen),
    withdrawnFen: num(doc?.withdrawnFen),
  };
}

function sortEntries(entries: Entry[]): Entry[] {
  return [...entries].sort(
    (a, b) =>
      a.createdAt - b.createdAt ||
      (KIND_ORDER[a.kind] ?? 99) - (KIND_ORDER[b.kind] ?? 99) ||
      a._id.localeCompare(b._id),
  );
}

/** 1 + 2: balances against the ledger, and the mall totals against the accounts. */
function auditAccounts(entries: Entry[], accounts: Doc[], totals: Doc): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const byUser = groupBy(entries, (e) => e.userId);
  const accountById = new Map(accounts.map((a) => [a._id as string, a]));
  const userIds = new Set([...byUser.keys(), ...accountById.keys()]);
  let ledgerSum: Balances = { ...ZERO_BALANCES };
  let accountSum: Balances = { ...ZERO_BALANCES };
  for (const userId of userIds) {
    const account = accountById.get(userId);
    const stored = balancesOf(account);
    const audit = auditBalances(sortEntries(byUser.get(userId) ?? []), stored);
    for (const message of audit.problems) problems.push({ type: 'balance', userId, message });
    if (account && num(account.totalEarnedFen) !== BALANCE_KEYS.reduce((s, k) => s + stored[k], 0)) {
      problems.push({
        type: 'account',
        userId,
        message: `累计佣金 ${formatYuan(num(account.totalEarnedFen))} 与四项余额之和 ${formatYuan(
          BALANCE_KEYS.reduce((s, k) => s + stored[k], 0),
        )} 不符`,
      });
    }
    for (const k of BALANCE_KEYS) {
      ledgerSum = { ...ledgerSum, [k]: ledgerSum[k] + audit.recomputed[k] };
      accountSum = { ...accountSum, [k]: accountSum[k] + stored[k] };
    }
  }
  const mirrored = balancesOf(totals);
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

interface OrderDoc {
  _id: string;
  items?: { lineId: string; title?: string; refundedFen?: number }[];
  commissionSnapshot?: SplitCommissionInput;
  commissionFen?: number;
}

function lineLabel(order: OrderDoc, lineId: string, level: number): string {
  const index = order.items?.findIndex((item) => item.lineId === lineId) ?? -1;
  const title = index >= 0 ? order.items?.[index]?.title : undefined;
  const line = index >= 0 ? `第 ${index + 1} 件商品${title ? `「${title}」` : ''}` : `订单行 ${lineId}`;
  return `订单 ${order._id} ${line}的${LEVEL_NAMES[level] ?? `${level} 级`}佣金`;
}

/** 3: every order's split from its snapshot, and what refunds should have left of it. */
function auditSplits(orders: OrderDoc[], commissions: Doc[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const byOrder = groupBy(commissions, (c) => c.orderId as string | undefined);
  const orderIds = new Set(orders.map((o) => o._id));
  for (const [orderId, records] of byOrder) {
    if (!orderIds.has(orderId)) {
      for (const record of records) {
        problems.push({
          type: 'split',
          orderId,
          commissionId: record._id as string,
          message: `佣金记录 ${String(record._id)} 对应的订单 ${orderId} 不存在`,
        });
      }
    }
  }
  for (const order of orders) {
    const records = byOrder.get(order._id) ?? [];
    if (!order.commissionSnapshot) {
      for (const record of records) {
        problems.push({
          type: 'split',
          orderId: order._id,
          commissionId: record._id as string,
          message: `订单 ${order._id} 没有分佣快照，却有佣金记录 ${String(record._id)}`,
        });
      }
      continue;
    }
    let expected: CommissionLine[];
    try {
      expected = splitCommission(order.commissionSnapshot);
    } catch (error) {
      problems.push({
        type: 'split',
        orderId: order._id,
        message: `订单 ${order._id} 的分佣快照无法计算：${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const refunded: Record<string, number> = {};
    for (const item of order.items ?? []) refunded[item.lineId] = num(item.refundedFen);
    let current: number[];
    try {
      current = recomputeCommission(expected, refunded).map((share) => share.amountFen);
    } catch (error) {
      problems.push({
        type: 'split',
        orderId: order._id,
        message: `订单 ${order._id} 的退款金额无法用于重算佣金：${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const key = (lineId: unknown, level: unknown) => `${String(lineId)}#${String(level)}`;
    const recordByKey = new Map(records.map((r) => [key(r.lineId, r.level), r]));
    expected.forEach((line, i) => {
      const record = recordByKey.get(key(line.lineId, line.level));
      recordByKey.delete(key(line.lineId, line.level));
      const label = lineLabel(order, line.lineId, line.level);
      if (!record) {
        problems.push({
          type: 'split',
          orderId: order._id,
          userId: line.beneficiaryId,
          message: `${label}（${formatYuan(line.amountFen)}）没有佣金记录`,
        });
        return;
      }
      const commissionId = record._id as string;
      if (record.beneficiaryId !== line.beneficiaryId) {
        problems.push({
          type: 'split',
          orderId: order._id,
          commissionId,
          userId: record.beneficiaryId as string,
          message: `${label}发给了错误的分销商（按下单时的快照应发给 ${line.beneficiaryId}）`,
        });
      }
      if (num(record.originalAmountFen) !== line.amountFen) {
        problems.push({
          type: 'split',
          orderId: order._id,
          commissionId,
          userId: line.beneficiaryId,
          message: `${label}按下单时的快照应为 ${formatYuan(line.amountFen)}，记录为 ${formatYuan(num(record.originalAmountFen))}`,
        });
      }
      if (num(record.amountFen) !== current[i]) {
        problems.push({
          type: 'split',
          orderId: order._id,
          commissionId,
          userId: line.beneficiaryId,
          message: `${label}扣除退款后应为 ${formatYuan(current[i])}，记录为 ${formatYuan(num(record.amountFen))}`,
        });
      }
    });
    for (const record of recordByKey.values()) {
      problems.push({
        type: 'split',
        orderId: order._id,
        commissionId: record._id as string,
        userId: record.beneficiaryId as string,
        message: `${lineLabel(order, record.lineId as string, num(record.level))}（${formatYuan(num(record.amountFen))}）不在下单时的分佣结果中`,
      });
    }
    const total = expected.reduce((sum, line) => sum + line.amountFen, 0);
    if (order.commissionFen !== undefined && num(order.commissionFen) !== total) {
      problems.push({
        type: 'split',
        orderId: order._id,
        message: `订单 ${order._id} 记录的佣金总额 ${formatYuan(num(order.commissionFen))} 与快照计算值 ${formatYuan(total)} 不符`,
      });
    }
  }
  return problems;
}

/** 4: each commission record against its own ledger entries. */
function auditCommissionEntries(commissions: Doc[], entries: Entry[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const byCommission = groupBy(entries, (e) => e.commissionId);
  for (const record of commissions) {
    const commissionId = record._id as string;
    const own = byCommission.get(commissionId) ?? [];
    const sum = (kind: LedgerKind) => own.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0);
    const net = sum('commission_pending') - sum('commission_reversed') - sum('commission_clawback');
    const settled = own.some((e) => e.kind === 'commission_settled');
    const base = {
      type: 'commission' as const,
      commissionId,
      orderId: record.orderId as string,
      userId: record.beneficiaryId as string,
    };
    const name = `订单 ${String(record.orderId)} 的${LEVEL_NAMES[num(record.level)] ?? ''}佣金`;
    if (net !== num(record.amountFen)) {
      problems.push({
        ...base,
        message: `${name}记录为 ${formatYuan(num(record.amountFen))}，流水合计为 ${formatYuan(net)}`,
      });
    }
    if (record.status === 'settled' && !settled) {
      problems.push({ ...base, message: `${name}显示已结算，但没有结算流水` });
    }
    if (record.status === 'pending' && settled) {
      problems.push({ ...base, message: `${name}显示待结算，但已有结算流水` });
    }
    if (record.status === 'reversed' && num(record.amountFen) !== 0) {
      problems.push({
        ...base,
        message: `${name}显示已退回，金额却还有 ${formatYuan(num(record.amountFen))}`,
      });
    }
  }
  return problems;
}

/** 5: each withdrawal has exactly the entries its status implies. */
function auditWithdrawals(withdrawals: Doc[], entries: Entry[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const byWithdrawal = groupBy(entries, (e) => e.withdrawalId);
  const expectedKinds: Record<string, LedgerKind[]> = {
    pending: ['withdrawal_frozen'],
    approved: ['withdrawal_frozen'],
    rejected: ['withdrawal_frozen', 'withdrawal_released'],
    paid: ['withdrawal_frozen', 'withdrawal_paid'],
  };
  const names: Partial<Record<LedgerKind, string>> = {
    withdrawal_frozen: '冻结',
    withdrawal_released: '退回',
    withdrawal_paid: '打款',
  };
  for (const w of withdrawals) {
    const withdrawalId = w._id as string;
    const own = byWithdrawal.get(withdrawalId) ?? [];
    const expected = expectedKinds[w.status as string] ?? [];
    const base = { type: 'withdrawal' as const, withdrawalId, userId: w.userId as string };
    const label = `提现申请 ${withdrawalId}（${formatYuan(num(w.amountFen))}，状态 ${String(w.status)}）`;
    for (const kind of expected) {
      const entry = own.find((e) => e.kind === kind);
      if (!entry) problems.push({ ...base, message: `${label}缺少${names[kind]}流水` });
      else if (entry.amountFen !== num(w.amountFen)) {
        problems.push({
          ...base,
          message: `${label}的${names[kind]}流水金额为 ${formatYuan(entry.amountFen)}`,
        });
      }
    }
    for (const entry of own) {
      if (!expected.includes(entry.kind))
        problems.push({ ...base, message: `${label}不应有${names[entry.kind] ?? entry.kind}流水` });
    }
  }
  return problems;
}

/** "分销商「小王」（邀请码 K7M3QX2A）：" – who a problem is about, as the merchant knows them. */
async function nameUsers(problems: AuditProblem[]): Promise<void> {
  const ids = [
    ...new Set(
      problems.filter((p) => p.type === 'balance' || p.type === 'account').map((p) => p.userId as string),
    ),
  ];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const { data } = await db
      .collection(COLLECTIONS.users)
      .where({ _id: _.in(chunk) })
      .limit(chunk.length)
      .field({ nickname: true, inviteCode: true })
      .get();
    for (const u of data) {
      const code = u.inviteCode ? `，邀请码 ${String(u.inviteCode)}` : '';
      names.set(u._id as string, `分销商「${String(u.nickname || '微信用户')}」（${String(u._id)}${code}）`);
    }
  }
  for (const p of problems) {
    if (p.type === 'balance' || p.type === 'account') {
      p.message = `${names.get(p.userId as string) ?? `用户 ${String(p.userId)}（不存在）`}的${p.message}`;
    }
  }
}

export const auditActions = {
  /** 对账：余额与流水、商城汇总、订单分佣、佣金与提现流水，逐项核对 */
  audit: action(z.object({}), async () => {
    const [ledgerDocs, accounts, commissions, orders, withdrawals, totals] = await Promise.all([
      readAll(COLLECTIONS.ledger),
      readAll(COLLECTIONS.accounts),
      readAll(COLLECTIONS.commissions),
      readAll(COLLECTIONS.orders, { items: true, commissionSnapshot: true, commissionFen: true }),
      readAll(COLLECTIONS.withdrawals, { userId: true, amountFen: true, status: true }),
      readTotals(),
    ]);
    const problems: AuditProblem[] = [];
    const entries: Entry[] = [];
    for (const doc of ledgerDocs) {
      const kind = doc.kind as LedgerKind;
      if (!(LEDGER_KINDS as readonly string[]).includes(kind) || typeof doc.userId !== 'string') {
        problems.push({
          type: 'balance',
          message: `流水 ${String(doc._id)} 格式错误（类型 ${String(kind)}）`,
        });
        continue;
      }
      entries.push({ ...(doc as Entry), amountFen: num(doc.amountFen), createdAt: num(doc.createdAt) });
    }
    problems.push(...auditAccounts(entries, accounts, totals));
    problems.push(...auditSplits(orders as OrderDoc[], commissions));
    problems.push(...auditCommissionEntries(commissions, entries));
    problems.push(...auditWithdrawals(withdrawals, entries));
    await nameUsers(problems);
    return {
      ok: problems.length === 0,
      problems,
      checked: {
        accounts: accounts.length,
        ledgerEntries: ledgerDocs.length,
        orders: orders.length,
        commissions: commissions.length,
        withdrawals: withdrawals.length,
      },
    };
  }),
};
