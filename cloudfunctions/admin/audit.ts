/**
 * admin.audit: proves that the money adds up, and says in a merchant's words where it does not. The
 * checks are shared/audit.ts; this is the reading.
 *
 * It pages through any amount of data: every read is a page of at most 100 documents (CloudBase's limit
 * for a server-side get), keyset-paged by `_id`, and memory holds one page and what it refers to. One
 * call covers at most `pages` pages; when there is more, it answers `next`, a cursor to call again with
 * (the mini program's audit page does), carrying the running sums the mall totals are checked against
 * and the counts. Phases, in order:
 *
 *   accounts     a page of accounts, each folded from its ledger entries (by user, `createdAt` order)
 *   totals       the mirrored totals against the sums of the accounts and of the ledger
 *   orders       a page of orders, their commission records (by the ids the order names) and their
 *                ledger entries (by order): split, records and entries
 *   commissions  a page of commission records: each has its order, and the order names it
 *   withdrawals  a page of withdrawals and their entries (by their deterministic ledger ids)
 *
 * Read-only; the cost grows with the data, as an audit's must – it is run now and then, not on a page
 * that loads often.
 */
import { z } from 'zod';
import {
  type AuditEntry,
  type AuditProblem,
  LedgerFold,
  addBalances,
  auditAccount,
  auditOrphanRecord,
  auditRecord,
  auditSplit,
  auditTotals,
  auditWithdrawal,
  balancesOf,
  isEntry,
  parseEntry,
  withdrawalEntryIds,
} from '../../shared/audit';
import { AppError } from '../../shared/errors';
import { type Balances, ZERO_BALANCES } from '../../shared/ledger';
import {
  COLLECTIONS,
  GET_LIMIT,
  _,
  type CollectionName,
  type Doc,
  db,
  docsByIds,
} from '../common/platform/db';
import { action } from '../common/platform/handler';
import { readStats } from '../common/stores/stats';

/** A page: CloudBase returns at most 100 documents per server-side get. */
export const PAGE = GET_LIMIT;
export const DEFAULT_PAGES = 20;

const PHASES = ['accounts', 'totals', 'orders', 'commissions', 'withdrawals', 'done'] as const;
type Phase = (typeof PHASES)[number];

const checkedSchema = z.object({
  accounts: z.number().int().min(0),
  ledgerEntries: z.number().int().min(0),
  orders: z.number().int().min(0),
  commissions: z.number().int().min(0),
  withdrawals: z.number().int().min(0),
});

const balancesSchema = z.object({
  pendingFen: z.number().int(),
  availableFen: z.number().int(),
  frozenFen: z.number().int(),
  withdrawnFen: z.number().int(),
});

const cursorSchema = z.object({
  phase: z.enum(PHASES),
  after: z.string().max(200).nullable(),
  accountSum: balancesSchema,
  ledgerSum: balancesSchema,
  checked: checkedSchema,
  problems: z.number().int().min(0),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION', '对账进度已失效，请重新开始对账');
  }
}

function firstCursor(): Cursor {
  return {
    phase: 'accounts',
    after: null,
    accountSum: { ...ZERO_BALANCES },
    ledgerSum: { ...ZERO_BALANCES },
    checked: { accounts: 0, ledgerEntries: 0, orders: 0, commissions: 0, withdrawals: 0 },
    problems: 0,
  };
}

/** The next page of a collection by `_id`. */
async function pageAfter(collection: CollectionName, after: string | null, fields?: Record<string, true>) {
  let query = db.collection(collection).where(after === null ? {} : { _id: _.gt(after) });
  query = query.orderBy('_id', 'asc').limit(PAGE);
  if (fields) query = query.field({ ...fields, _id: true });
  return (await query.get()).data;
}

/** Every document matching `where`, a page at a time by `_id`, handed to `each`. */
async function forEachPage(
  collection: CollectionName,
  where: Doc,
  each: (docs: Doc[]) => void,
  order: 'createdAt' | '_id' = '_id',
): Promise<void> {
  for (let skip = 0; ; skip += PAGE) {
    let query = db.collection(collection).where(where).orderBy(order, 'asc');
    if (order !== '_id') query = query.orderBy('_id', 'asc');
    const { data } = await query.skip(skip).limit(PAGE).get();
    each(data);
    if (data.length < PAGE) return;
  }
}

interface Step {
  problems: AuditProblem[];
  cursor: Cursor;
}

/** 分销商「小王」（id，邀请码 K7M3QX2A） – who an account is, as the merchant knows them. */
function nameOf(userId: string, user: Doc | undefined): string {
  if (!user) return `用户 ${userId}（不存在）`;
  const code = user.inviteCode ? `，邀请码 ${String(user.inviteCode)}` : '';
  return `分销商「${String(user.nickname || '微信用户')}」（${userId}${code}）`;
}

async function accountsStep(cursor: Cursor): Promise<Step> {
  const accounts = await pageAfter(COLLECTIONS.accounts, cursor.after);
  if (accounts.length === 0) return { problems: [], cursor: { ...cursor, phase: 'totals', after: null } };
  const users = await docsByIds(
    COLLECTIONS.users,
    accounts.map((a) => String(a._id)),
    { nickname: true, inviteCode: true },
  );
  const problems: AuditProblem[] = [];
  let { accountSum, ledgerSum } = cursor;
  let entries = 0;
  for (const account of accounts) {
    const userId = String(account._id);
    const fold = new LedgerFold();
    await forEachPage(
      COLLECTIONS.ledger,
      { userId },
      (docs) => {
        const parsed = docs.map(parseEntry);
        problems.push(...parsed.filter((p): p is AuditProblem => !isEntry(p)));
        fold.add(parsed.filter(isEntry));
      },
      'createdAt',
    );
    fold.finish();
    entries += fold.entries;
    problems.push(...auditAccount(userId, account, fold, nameOf(userId, users.get(userId))));
    accountSum = addBalances(accountSum, balancesOf(account));
    ledgerSum = addBalances(ledgerSum, fold.balances);
  }
  const checked = {
    ...cursor.checked,
    accounts: cursor.checked.accounts + accounts.length,
    ledgerEntries: cursor.checked.ledgerEntries + entries,
  };
  const after = String(accounts[accounts.length - 1]._id);
  return { problems, cursor: { ...cursor, after, accountSum, ledgerSum, checked } };
}

async function totalsStep(cursor: Cursor): Promise<Step> {
  const { totals } = await readStats();
  const mirrored: Balances = balancesOf(totals);
  const problems = auditTotals(mirrored, cursor.accountSum, cursor.ledgerSum);
  return { problems, cursor: { ...cursor, phase: 'orders', after: null } };
}

async function ordersStep(cursor: Cursor): Promise<Step> {
  const orders = await pageAfter(COLLECTIONS.orders, cursor.after, {
    items: true,
    commissionSnapshot: true,
    commissionFen: true,
    commissions: true,
    paidAt: true,
  });
  if (orders.length === 0) return { problems: [], cursor: { ...cursor, phase: 'commissions', after: null } };
  const ids = orders.flatMap((o) => ((o.commissions ?? []) as Doc[]).map((c) => String(c.commissionId)));
  const records = new Map<string, Doc>();
  for (let i = 0; i < ids.length; i += PAGE) {
    for (const [id, doc] of await docsByIds(COLLECTIONS.commissions, ids.slice(i, i + PAGE)))
      records.set(id, doc);
  }
  const entries: AuditEntry[] = [];
  const problems: AuditProblem[] = [];
  await forEachPage(COLLECTIONS.ledger, { orderId: _.in(orders.map((o) => String(o._id))) }, (docs) => {
    for (const parsed of docs.map(parseEntry)) if (isEntry(parsed)) entries.push(parsed);
  });
  for (const order of orders) {
    const own = ((order.commissions ?? []) as Doc[])
      .map((c) => records.get(String(c.commissionId)))
      .filter((r): r is Doc => r !== undefined);
    problems.push(...auditSplit(order, own));
    for (const record of own) problems.push(...auditRecord(record, entries));
  }
  const checked = { ...cursor.checked, orders: cursor.checked.orders + orders.length };
  return { problems, cursor: { ...cursor, after: String(orders[orders.length - 1]._id), checked } };
}

async function commissionsStep(cursor: Cursor): Promise<Step> {
  const records = await pageAfter(COLLECTIONS.commissions, cursor.after, { orderId: true });
  if (records.length === 0) return { problems: [], cursor: { ...cursor, phase: 'withdrawals', after: null } };
  const orders = await docsByIds(
    COLLECTIONS.orders,
    records.map((r) => String(r.orderId)),
    { commissions: true },
  );
  const problems = records.flatMap((r) => auditOrphanRecord(r, orders.get(String(r.orderId)) ?? null));
  const checked = { ...cursor.checked, commissions: cursor.checked.commissions + records.length };
  return { problems, cursor: { ...cursor, after: String(records[records.length - 1]._id), checked } };
}

async function withdrawalsStep(cursor: Cursor): Promise<Step> {
  const withdrawals = await pageAfter(COLLECTIONS.withdrawals, cursor.after, {
    userId: true,
    amountFen: true,
    status: true,
  });
  if (withdrawals.length === 0) return { problems: [], cursor: { ...cursor, phase: 'done', after: null } };
  const ids = withdrawals.flatMap((w) => withdrawalEntryIds(String(w._id)));
  const entries: AuditEntry[] = [];
  for (const doc of (await docsByIds(COLLECTIONS.ledger, ids)).values()) {
    const parsed = parseEntry(doc);
    if (isEntry(parsed)) entries.push(parsed);
  }
  const problems = withdrawals.flatMap((w) => auditWithdrawal(w, entries));
  const checked = { ...cursor.checked, withdrawals: cursor.checked.withdrawals + withdrawals.length };
  return { problems, cursor: { ...cursor, after: String(withdrawals[withdrawals.length - 1]._id), checked } };
}

const STEPS: Record<Exclude<Phase, 'done'>, (cursor: Cursor) => Promise<Step>> = {
  accounts: accountsStep,
  totals: totalsStep,
  orders: ordersStep,
  commissions: commissionsStep,
  withdrawals: withdrawalsStep,
};

export const auditActions = {
  /**
   * 对账：余额与流水、商城汇总、订单分佣、佣金与提现流水，逐项核对。数据多时分段进行：带上返回的
   * next 再次调用，直到 next 为 null。
   */
  audit: action(
    z.object({
      next: z.string({ error: '对账进度格式错误' }).max(4000, { error: '对账进度格式错误' }).optional(),
      pages: z
        .number({ error: '每次对账的页数必须是 1–50 的整数' })
        .int({ error: '每次对账的页数必须是 1–50 的整数' })
        .min(1, { error: '每次对账的页数必须是 1–50 的整数' })
        .max(50, { error: '每次对账的页数必须是 1–50 的整数' })
        .optional(),
    }),
    async (input) => {
      let cursor = input.next ? decodeCursor(input.next) : firstCursor();
      const problems: AuditProblem[] = [];
      for (let page = 0; page < (input.pages ?? DEFAULT_PAGES) && cursor.phase !== 'done'; page += 1) {
        const step = await STEPS[cursor.phase](cursor);
        problems.push(...step.problems);
        cursor = { ...step.cursor, problems: step.cursor.problems + step.problems.length };
      }
      const complete = cursor.phase === 'done';
      return {
        ok: complete && cursor.problems === 0,
        complete,
        /** Problems found by this call (earlier calls answered theirs). */
        problems,
        /** Counted over the whole audit so far. */
        checked: cursor.checked,
        next: complete ? null : encodeCursor(cursor),
      };
    },
  ),
};
