/**
 * Arranging distributors and money for the distributor / withdraw / admin tests.
 *
 * People are made through the real actions (user.login, admin.setDistributorStatus). Money is made by
 * `settledSaleFixture`, a TEST FIXTURE that writes what a paid, received and settled order leaves behind
 * – the order with its commission plan and summary, the commission record (one per level, its lines
 * inside: common/stores/commissions.ts), and the ledger entries commission_pending + commission_settled posted
 * the way common/stores/ledger.ts MoneyEffects posts them (entry under its idempotency key, account balances
 * moved by shared/ledger.ts applyEntry, the mall totals mirrored – into the totals shard
 * `statsTotals/all:0`; readers sum every shard: common/stores/stats.ts). It is
 * consistent by construction, so `admin.audit` passes
 * on it; tests that need the real payment path use order/payNotify/settle instead.
 */
import { DEFAULT_CONFIG } from '../../shared/config';
import { type Balances, type LedgerKind, ZERO_BALANCES, applyEntry } from '../../shared/ledger';
import { type TestUser, distributor, login as loginAs } from './fixtures';
import type { Mall } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- documents are schemaless */

/** The totals shard the fixture mirrors its ledger movements into (any shard would do: readers sum them). */
const FIXTURE_TOTALS_SHARD = 'all:0';

/** Someone who logged in: `inviteCode` is its own code once it is an active distributor. */
export type Person = TestUser;

/** user.login as `openid` (arriving through `inviteCode` if given). */
export async function login(mall: Mall, openid: string, inviteCode?: string): Promise<Person> {
  const data = await loginAs(mall, openid, inviteCode);
  return { openid, userId: data.userId, inviteCode: data.inviteCode };
}

/** Logs in and is appointed distributor by the admin: an active distributor with its invite code. */
export { distributor };

/** An envelope loosened for assertions: `reply.data` and `reply.error` without narrowing on `ok` first. */
export interface Reply {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string };
}

/** mall.call, answered as a Reply. */
export async function reply(
  mall: Mall,
  fn: string,
  action: string,
  params: Record<string, unknown> = {},
  openid: string | null = null,
): Promise<Reply> {
  return (await mall.call(fn, action, params, openid)) as Reply;
}

let saleCounter = 0;

function toBalances(doc: any): Balances {
  return {
    pendingFen: doc?.pendingFen ?? 0,
    availableFen: doc?.availableFen ?? 0,
    frozenFen: doc?.frozenFen ?? 0,
    withdrawnFen: doc?.withdrawnFen ?? 0,
  };
}

/** What MoneyEffects does for one entry, written with the node SDK (tests run it sequentially). */
async function postEntry(
  mall: Mall,
  entry: {
    _id: string;
    kind: LedgerKind;
    userId: string;
    amountFen: number;
    orderId: string;
    commissionId: string;
  },
  now: number,
): Promise<void> {
  const account = (await mall.doc('accounts', entry.userId)) ?? {};
  const totals = (await mall.doc('statsTotals', FIXTURE_TOTALS_SHARD)) ?? {};
  const balances = applyEntry(toBalances(account), entry);
  const mirrored = applyEntry(toBalances(totals), entry);
  await mall.db.collection('ledger').add({ ...entry, createdAt: now });
  const { _id: _a, ...accountRest } = account;
  await mall.db
    .collection('accounts')
    .doc(entry.userId)
    .set({
      settledSalesFen: 0,
      commissionEarnedFen: 0,
      directDistributors: 0,
      team: { level1: 0, level2: 0, level3: 0 },
      ...accountRest,
      ...balances,
      totalEarnedFen:
        balances.pendingFen + balances.availableFen + balances.frozenFen + balances.withdrawnFen,
      updatedAt: now,
    });
  const { _id: _t, ...totalsRest } = totals;
  await mall.db
    .collection('statsTotals')
    .doc(FIXTURE_TOTALS_SHARD)
    .set({ ...ZERO_BALANCES, ...totalsRest, ...mirrored, updatedAt: now });
}

/**
 * TEST FIXTURE: `beneficiary` earned `amountFen` of level-1 commission on a sale to `buyer` that has
 * settled – the amount is now in its available balance. The order's snapshot pays 10 % at level 1 on a
 * line of 10 × amountFen, so the audit's recomputation gives exactly `amountFen`.
 */
export async function settledSaleFixture(
  mall: Mall,
  { buyer, beneficiary, amountFen }: { buyer: Person; beneficiary: Person; amountFen: number },
): Promise<{ orderId: string; commissionId: string }> {
  saleCounter += 1;
  const now = mall.cloud.now();
  const orderId = `fixture-order-${saleCounter}-${now}`;
  const lineId = 'l1';
  const commissionId = `${orderId}-L1`;
  const paidFen = amountFen * 10;
  const snapshot = {
    buyer: { userId: buyer.userId, distributorStatus: 'none', gradeId: 'base' },
    uplines: [{ userId: beneficiary.userId, distributorStatus: 'active', gradeId: 'base' }],
    config: { levels: 1, rates: ['0.10'], selfPurchase: false, grades: DEFAULT_CONFIG.grades },
    lines: [{ lineId, productId: 'fixture-product', quantity: 1, paidFen }],
    at: now,
  };
  await mall.db.collection('orders').add({
    _id: orderId,
    outTradeNo: orderId.slice(0, 32),
    buyerId: buyer.userId,
    items: [
      {
        lineId,
        productId: 'fixture-product',
        title: '测试商品',
        priceFen: paidFen,
        quantity: 1,
        paidFen,
        refundedFen: 0,
      },
    ],
    goodsFen: paidFen,
    discountFen: 0,
    shippingFen: 0,
    payableFen: paidFen,
    refundedFen: 0,
    status: 'completed',
    createdAt: now,
    paidAt: now,
    completedAt: now,
    commissionFen: amountFen,
    commissionSnapshot: snapshot,
    commissions: [
      {
        commissionId,
        level: 1,
        beneficiaryId: beneficiary.userId,
        amountFen,
        status: 'settled',
        liveLineIds: [lineId],
      },
    ],
  });
  await mall.db.collection('commissions').add({
    _id: commissionId,
    orderId,
    productTitle: '测试商品',
    level: 1,
    beneficiaryId: beneficiary.userId,
    buyerId: buyer.userId,
    baseFen: paidFen,
    rate: '0.10',
    fixedPerUnitFen: null,
    originalAmountFen: amountFen,
    amountFen,
    status: 'settled',
    clawbackFen: 0,
    createdAt: now,
    settledAt: now,
    reversedAt: null,
    lines: [
      {
        lineId,
        productId: 'fixture-product',
        productTitle: '测试商品',
        baseFen: paidFen,
        rate: '0.10',
        fixedPerUnitFen: null,
        originalAmountFen: amountFen,
        amountFen,
        clawbackFen: 0,
      },
    ],
  });
  const common = { userId: beneficiary.userId, amountFen, orderId, commissionId };
  await postEntry(
    mall,
    { ...common, _id: `commission_pending:${commissionId}`, kind: 'commission_pending' },
    now,
  );
  await postEntry(
    mall,
    { ...common, _id: `commission_settled:${commissionId}`, kind: 'commission_settled' },
    now,
  );
  return { orderId, commissionId };
}

/** The four balances of a user's account (zeros when it has none). */
export async function balancesOf(mall: Mall, userId: string): Promise<Balances> {
  return toBalances(await mall.doc('accounts', userId));
}

/** Beijing wall-clock time as an instant: beijing(2026, 3, 15, 23, 59, 59). */
export function beijing(year: number, month: number, day: number, hour = 12, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour - 8, minute, second);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
