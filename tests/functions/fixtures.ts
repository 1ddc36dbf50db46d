/**
 * Arrangement for the function tests of the money path: buyers, distributors, chains, products, config,
 * orders and payments on a started mall (harness.ts), made through the real functions: distributors are
 * appointed by the admin, the configuration is the admin's updateConfig.
 */
import { type MerchantConfig, mergeConfig, DEFAULT_CONFIG } from '../../shared/config';
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

/** `user.login` as `openid` (creates the user), optionally through an invite code. */
export async function login(mall: Mall, openid: string, inviteCode?: string, source?: string): Promise<any> {
  const params: Record<string, unknown> = {};
  if (inviteCode !== undefined) params.inviteCode = inviteCode;
  if (source !== undefined) params.source = source;
  return mall.ok('user', 'login', params, openid);
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

/** The four balances of a user. */
export async function balances(mall: Mall, userId: string) {
  const a = await account(mall, userId);
  return { pendingFen: a.pendingFen, availableFen: a.availableFen };
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
/* eslint-enable @typescript-eslint/no-explicit-any */
