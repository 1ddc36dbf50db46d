/**
 * Arrangement for the function tests of the money path: buyers, distributors, chains, products, config,
 * orders and payments on a started mall (harness.ts), made through the real functions: distributors are
 * appointed by the admin, the configuration is the admin's updateConfig.
 */
import { type MerchantConfig, mergeConfig, DEFAULT_CONFIG } from '../../shared/config';
import { type Balances, type LedgerKind, ZERO_BALANCES, applyEntry } from '../../shared/ledger';
import { DAY_MS } from '../../shared/time';
import { ADMIN, type Mall } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- documents read back are schemaless */

export { ADMIN, DAY_MS };

export const ADDRESS = { name: '张三', phone: '13800138000', detail: '浙江省杭州市西湖区文三路 1 号' };

export interface TestUser {
  openid: string;
  userId: string;
  inviteCode: string | null;
}

/**
 * `user.login` as `openid` (creates the user), optionally through an invite code: the login's answer
 * (userId, binding, …) with the `openid` – a TestUser (`inviteCode` is its own code once it is an active
 * distributor).
 */
export async function login(
  mall: Mall,
  openid: string,
  inviteCode?: string,
  source?: string,
): Promise<TestUser & Record<string, any>> {
  const params: Record<string, unknown> = {};
  if (inviteCode !== undefined) params.inviteCode = inviteCode;
  if (source !== undefined) params.source = source;
  const answer: Record<string, any> = await mall.ok('user', 'login', params, openid);
  return { ...answer, openid, userId: answer.userId, inviteCode: answer.inviteCode ?? null };
}

/** `admin.setDistributorStatus`: activates (with an invite code) or disables a distributor. */
export async function setDistributorStatus(
  mall: Mall,
  userId: string,
  status: 'active' | 'disabled',
): Promise<any> {
  return mall.ok('admin', 'setDistributorStatus', { userId, status }, ADMIN);
}

/** A user who logged in (through `inviteCode` if given) and was appointed distributor by the admin. */
export async function distributor(mall: Mall, openid: string, inviteCode?: string): Promise<TestUser> {
  const me = await login(mall, openid, inviteCode);
  const appointed = await setDistributorStatus(mall, me.userId, 'active');
  return { openid, userId: me.userId, inviteCode: appointed.inviteCode };
}

/** A buyer who logged in, through `inviteCode` if given. */
export async function buyer(mall: Mall, openid: string, inviteCode?: string): Promise<TestUser> {
  const me = await login(mall, openid, inviteCode);
  return { openid, userId: me.userId, inviteCode: null };
}

/** The article's chain A ← B ← C ← D: each an active distributor invited by the one before. */
export async function chainOfFour(mall: Mall, prefix: string): Promise<TestUser[]> {
  const a = await distributor(mall, `${prefix}-A`);
  const b = await distributor(mall, `${prefix}-B`, a.inviteCode ?? undefined);
  const c = await distributor(mall, `${prefix}-C`, b.inviteCode ?? undefined);
  const d = await distributor(mall, `${prefix}-D`, c.inviteCode ?? undefined);
  return [a, b, c, d];
}

/**
 * `admin.updateConfig` with the defaults (docs/configuration.md) and `partial` over them: each call states the whole
 * configuration a test runs under, whatever an earlier test set.
 */
export async function setConfig(mall: Mall, partial: Record<string, unknown>): Promise<MerchantConfig> {
  const merged = mergeConfig(DEFAULT_CONFIG, partial);
  if (!merged.ok) throw new Error(`invalid test config: ${merged.problems.join('; ')}`);
  return mall.ok('admin', 'updateConfig', { config: merged.config }, ADMIN);
}

export interface ProductInput {
  title?: string;
  priceFen: number;
  stock?: number;
  commission?: unknown;
  status?: 'on' | 'off';
}

let productCount = 0;

/** A product through `admin.upsertProduct`; answers its id. */
export async function product(mall: Mall, input: ProductInput): Promise<string> {
  productCount += 1;
  const created = await mall.ok(
    'admin',
    'upsertProduct',
    { title: input.title ?? `测试商品 ${productCount}`, stock: 100, ...input },
    ADMIN,
  );
  return created.productId;
}

/** `order.create` for the buyer; answers the order id. */
export async function order(
  mall: Mall,
  who: TestUser,
  items: Array<{ productId: string; quantity: number }>,
  inviteCode?: string,
): Promise<string> {
  const params: Record<string, unknown> = { items, address: ADDRESS };
  if (inviteCode !== undefined) params.inviteCode = inviteCode;
  const created = await mall.ok('order', 'create', params, who.openid);
  return created.orderId;
}

/** `order.pay` (unifiedOrder) and WeChat Pay's success notification; answers payNotify's reply. */
export async function pay(mall: Mall, who: TestUser, orderId: string): Promise<any> {
  await mall.ok('order', 'pay', { orderId }, who.openid);
  const notified = await mall.cloud.pay(orderId);
  if (notified.status !== 200) throw new Error(`/dev/pay ${orderId}: ${JSON.stringify(notified)}`);
  return notified.body;
}

/** An order placed and paid: its id. */
export async function paidOrder(
  mall: Mall,
  who: TestUser,
  items: Array<{ productId: string; quantity: number }>,
): Promise<string> {
  const orderId = await order(mall, who, items);
  const reply = await pay(mall, who, orderId);
  expectOk(reply);
  return orderId;
}

function expectOk(reply: any): void {
  if (!reply || reply.errcode !== 0) throw new Error(`payNotify answered ${JSON.stringify(reply)}`);
}

/** Shipped by the merchant and received by the buyer: the return window starts now. */
export async function shipAndReceive(mall: Mall, who: TestUser, orderId: string): Promise<void> {
  await mall.ok('admin', 'ship', { orderId, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, ADMIN);
  await mall.ok('order', 'confirmReceipt', { orderId }, who.openid);
}

/**
 * A notification as WeChat Pay delivers it (source wx_paycallback), with any event – for the ones
 * `/dev/pay` cannot produce (an unknown order, a wrong amount, a failure).
 */
export async function deliverPayNotice(mall: Mall, event: Record<string, unknown>): Promise<any> {
  const result = await mall.cloud.runtime.runner.invoke({
    name: 'payNotify',
    event: {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      transactionId: `4200${Date.now()}`.padEnd(28, '0'),
      ...event,
    },
    source: 'wx_paycallback',
    openid: 'o-payer',
  });
  if (!result.ok) throw new Error(`payNotify failed: ${result.message}`);
  return result.value;
}

/** A user's account (balances and figures), or zeros when it has none. */
export async function account(mall: Mall, userId: string): Promise<any> {
  return (
    (await mall.doc('accounts', userId)) ?? {
      pendingFen: 0,
      availableFen: 0,
      frozenFen: 0,
      withdrawnFen: 0,
      totalEarnedFen: 0,
      settledSalesFen: 0,
      commissionEarnedFen: 0,
      directDistributors: 0,
      team: { level1: 0, level2: 0, level3: 0 },
    }
  );
}

/**
 * An order's commission shares, one per line and level, ordered by line then level – read from its
 * records (one per level, the lines inside: common/stores/commissions.ts). A line refunded to 0 shows as
 * `reversed`; otherwise a share has its record's status.
 */
export async function commissionsOf(mall: Mall, orderId: string): Promise<any[]> {
  const records = await mall.find<any>('commissions', { orderId });
  const shares = records.flatMap((record) =>
    (record.lines as any[]).map((line) => ({
      ...line,
      _id: `${orderId}-${line.lineId}-L${record.level}`,
      commissionId: record._id,
      orderId,
      level: record.level,
      beneficiaryId: record.beneficiaryId,
      buyerId: record.buyerId,
      status: line.amountFen === 0 ? 'reversed' : record.status,
      settledAt: record.settledAt,
    })),
  );
  return shares.sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** Runs the settle timer as its trigger would; answers its counts. */
export async function fireSettle(mall: Mall): Promise<any> {
  const fired = await mall.cloud.fireTimer<any>('settle');
  if (fired.status !== 200 || !fired.body?.ok) throw new Error(`settle: ${JSON.stringify(fired)}`);
  return fired.body.data;
}
// ---------------------------------------------------------------------------------------------------
// Money made directly: for the distributor, withdraw and admin tests that need a balance, not a sale.

/** Someone who logged in (the name the distributor tests use). */
export type Person = TestUser;

/** The totals shard the fixture mirrors its ledger movements into (any shard would do: readers sum them). */
const FIXTURE_TOTALS_SHARD = 'all:0';

/** An envelope loosened for assertions: `reply.data` and `reply.error` without narrowing on `ok` first. */
export interface Reply {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string; fields?: { path: string; message: string }[] };
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
 * `settledSaleFixture` is a TEST FIXTURE that writes what a paid, received and settled order leaves behind
 * – the order with its commission plan and summary, the commission record (one per level, its lines
 * inside: common/stores/commissions.ts), and the ledger entries commission_pending + commission_settled posted
 * the way common/stores/ledger.ts MoneyEffects posts them (entry under its idempotency key, account balances
 * moved by shared/ledger.ts applyEntry, the mall totals mirrored – into the totals shard
 * `statsTotals/all:0`; readers sum every shard: common/stores/stats.ts). It is
 * consistent by construction, so `admin.audit` passes
 * on it; tests that need the real payment path use order/payNotify/settle instead.
 */
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
