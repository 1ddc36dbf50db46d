/**
 * The settle timer: unpaid timeout (stock back, payment closed – unless WeChat Pay says it was paid),
 * automatic receipt, settlement after the return window (not while a refund is open), grades, two runs at
 * once, and a run cut short by its budget that the next run finishes.
 */
import { type Mall, startMall } from './harness';
import {
  ADMIN,
  DAY_MS,
  type TestUser,
  account,
  buyer,
  commissionsOf,
  distributor,
  fireSettle,
  order,
  paidOrder,
  product,
  setConfig,
  shipAndReceive,
} from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

const MINUTE = 60_000;

describe('settle', () => {
  let mall: Mall;
  let seller: TestUser;
  let shopper: TestUser;
  let productId: string;

  beforeAll(async () => {
    mall = await startMall({ poolSize: 4 });
    await setConfig(mall, {
      order: { unpaidTimeoutMinutes: 30, autoConfirmDays: 3, returnWindowDays: 2 },
      grades: [
        { gradeId: 'base', name: '普通分销商', rank: 0 },
        { gradeId: 'gold', name: '金牌分销商', rank: 1, upgrade: { commissionEarnedFen: 7500 } },
      ],
    });
    seller = await distributor(mall, 'st-seller');
    shopper = await buyer(mall, 'st-shopper', seller.inviteCode ?? undefined);
    // ¥100.00: the seller earns 1000 fen per order at level 1.
    productId = await product(mall, { priceFen: 10000, stock: 100 });
  });
  afterAll(() => mall.stop());

  const stock = async () => (await mall.doc<any>('products', productId)).stock;
  const status = async (orderId: string) => (await mall.doc<any>('orders', orderId)).status;

  it('closes unpaid orders after the timeout, gives the stock back and closes their payment', async () => {
    const start = await stock();
    const untouched = await order(mall, shopper, [{ productId, quantity: 2 }]);
    const opened = await order(mall, shopper, [{ productId, quantity: 1 }]);
    await mall.ok('order', 'pay', { orderId: opened }, shopper.openid);
    expect(await stock()).toBe(start - 3);

    await mall.cloud.advanceClock(29 * MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ expired: 0 });
    await mall.cloud.advanceClock(2 * MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ expired: 2, complete: true });
    expect([await status(untouched), await status(opened)]).toEqual(['cancelled', 'cancelled']);
    expect(await stock()).toBe(start);
    // The payment was closed first: WeChat Pay no longer takes it.
    expect((await mall.cloud.pay(opened)).status).toBe(409);
    expect(await mall.refused('order', 'pay', { orderId: opened }, shopper.openid)).toBe('CONFLICT');
    // The buyer's own cancel of a closed order is refused and changes nothing.
    expect(await mall.refused('order', 'cancel', { orderId: untouched }, shopper.openid)).toBe('CONFLICT');
    expect(await stock()).toBe(start);
  });

  it('does not close an unpaid order that WeChat Pay says was paid: the late notification pays it', async () => {
    const orderId = await order(mall, shopper, [{ productId, quantity: 1 }]);
    await mall.ok('order', 'pay', { orderId }, shopper.openid);
    // WeChat Pay's side: the buyer paid, the notification has not arrived yet.
    const payments = mall.cloud.runtime.platform.payments;
    const payment = payments.get(orderId);
    if (!payment) throw new Error('no payment recorded');
    const now = mall.cloud.now();
    payments.save({
      ...payment,
      state: 'SUCCESS',
      paid: {
        transactionId: '4200000000202611270000000001',
        paidAt: now,
        timeEnd: '20261127120000',
        nonceStr: 'n',
      },
    });
    await mall.cloud.advanceClock(31 * MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ expired: 0, expiryDeferred: 1 });
    expect(await status(orderId)).toBe('unpaid');

    expect((await mall.cloud.pay(orderId)).body).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await status(orderId)).toBe('paid');
  });

  it('confirms receipt autoConfirmDays after shipping, then settles returnWindowDays after that', async () => {
    const orderId = await paidOrder(mall, shopper, [{ productId, quantity: 1 }]);
    await mall.ok('admin', 'ship', { orderId, carrier: '圆通速递', trackingNo: 'YT9876543210' }, ADMIN);
    const shipped = await mall.doc<any>('orders', orderId);
    expect(shipped.autoConfirmAt).toBe(shipped.shippedAt + 3 * DAY_MS);

    await mall.cloud.advanceClock(3 * DAY_MS - MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ autoConfirmed: 0 });
    await mall.cloud.advanceClock(2 * MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ autoConfirmed: 1, settled: 0 });
    const received = await mall.doc<any>('orders', orderId);
    // Receipt counts from the moment it was due, whenever the timer got to it.
    expect(received).toMatchObject({ status: 'received', receivedAt: shipped.autoConfirmAt });
    expect(received.settleAt).toBe(shipped.autoConfirmAt + 2 * DAY_MS);

    await mall.cloud.advanceClock(2 * DAY_MS);
    expect(await fireSettle(mall)).toMatchObject({ settled: 1 });
    expect(await status(orderId)).toBe('completed');
  });

  it('does not settle while a refund is open; a rejected refund settles at the next run', async () => {
    const orderId = await paidOrder(mall, shopper, [{ productId, quantity: 1 }]);
    await shipAndReceive(mall, shopper, orderId);
    await mall.ok('order', 'requestRefund', { orderId, amountFen: 500, reason: '少了赠品' }, shopper.openid);
    await mall.cloud.advanceClock(2 * DAY_MS + MINUTE);
    expect(await fireSettle(mall)).toMatchObject({ settled: 0 });
    expect(await status(orderId)).toBe('refunding');
    await mall.ok('admin', 'resolveRefund', { orderId, approve: false, reason: '赠品已随单寄出' }, ADMIN);
    expect(await fireSettle(mall)).toMatchObject({ settled: 1 });
    expect((await commissionsOf(mall, orderId)).map((c) => [c.amountFen, c.status])).toEqual([
      [1000, 'settled'],
    ]);
  });

  it('never settles anything twice when runs overlap, and upgrades the grade once the threshold is met', async () => {
    const before = await account(mall, seller.userId);
    // 2000 earned by the tests above; six more orders bring it to 8000, past gold's 7500.
    expect(before.commissionEarnedFen).toBe(2000);
    expect((await mall.doc<any>('users', seller.userId)).gradeId).toBe('base');
    const orders: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const orderId = await paidOrder(mall, shopper, [{ productId, quantity: 1 }]);
      await shipAndReceive(mall, shopper, orderId);
      orders.push(orderId);
    }
    await mall.cloud.advanceClock(2 * DAY_MS + MINUTE);
    // Two timer firings and an admin's run, all at once.
    const runs = await Promise.all([
      mall.cloud.fireTimer<any>('settle'),
      mall.cloud.fireTimer<any>('settle'),
      mall.call('settle', 'run', {}, ADMIN),
    ]);
    const results = runs.map((r) => ('body' in r ? r.body : r)).map((envelope: any) => envelope.data);
    expect(results.reduce((sum, r) => sum + r.settled, 0)).toBe(6);
    expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);

    for (const orderId of orders) {
      expect(await status(orderId)).toBe('completed');
      const settled = (await mall.find<any>('ledger', { orderId })).filter(
        (l) => l.kind === 'commission_settled',
      );
      expect(settled.map((l) => l.amountFen)).toEqual([1000]);
    }
    const after = await account(mall, seller.userId);
    expect(after.availableFen - before.availableFen).toBe(6000);
    expect(after.pendingFen).toBe(before.pendingFen);
    expect(after.commissionEarnedFen).toBe(8000);
    expect((await mall.doc<any>('users', seller.userId)).gradeId).toBe('gold');
  });

  it('stops when its budget is spent and the next run picks up the rest', async () => {
    const orders: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const orderId = await paidOrder(mall, shopper, [{ productId, quantity: 1 }]);
      await shipAndReceive(mall, shopper, orderId);
      orders.push(orderId);
    }
    await mall.cloud.advanceClock(2 * DAY_MS + MINUTE);
    const first = await mall.ok('settle', 'run', { batchSize: 1, maxBatches: 2 }, ADMIN);
    expect(first).toMatchObject({ settled: 2, complete: false });
    expect((await mall.doc<any>('jobs', 'settle')).lastRun).toMatchObject({ settled: 2, complete: false });
    const second = await fireSettle(mall);
    expect(second).toMatchObject({ settled: 1, complete: true });
    for (const orderId of orders) expect(await status(orderId)).toBe('completed');
  });

  it('runs only for its timer or an admin', async () => {
    const lastRun = (await mall.doc<any>('jobs', 'settle'))?.lastRun;
    expect(await mall.refused('settle', 'run', {}, shopper.openid)).toBe('FORBIDDEN');
    // A client dressing up as the timer is still a client.
    const forged = await mall.cloud.call<any>(
      'settle',
      { Type: 'Timer', TriggerName: 'settleTimer' },
      shopper.openid,
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await mall.doc<any>('jobs', 'settle'))?.lastRun).toEqual(lastRun);
    expect(await mall.refused('settle', 'run', { batchSize: 0 }, ADMIN)).toBe('VALIDATION');
  });
});
