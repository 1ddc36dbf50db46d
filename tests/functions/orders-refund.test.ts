/**
 * Refunds by amount and what they do to commission: partial and full before settlement (every share
 * recomputed on its line's remaining base, the difference reversed from pending), after settlement
 * (clawed back from available, which may go below zero), rejected requests, stock, and approvals
 * delivered twice at once.
 *
 * Chain X ← Y ← Z, buyer U bound to Z: Z is level 1 (10 %), Y level 2 (5 %), X level 3 (2 %).
 */
import { type Mall, startMall, statsTotals } from './harness';
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
  pay,
  product,
  shipAndReceive,
} from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('refunds and commission', () => {
  let mall: Mall;
  let x: TestUser;
  let y: TestUser;
  let z: TestUser;
  let u: TestUser;
  let p1: string;
  let p2: string;

  beforeAll(async () => {
    mall = await startMall({ poolSize: 4 });
    x = await distributor(mall, 'rf-X');
    y = await distributor(mall, 'rf-Y', x.inviteCode ?? undefined);
    z = await distributor(mall, 'rf-Z', y.inviteCode ?? undefined);
    u = await buyer(mall, 'rf-U', z.inviteCode ?? undefined);
    p1 = await product(mall, { title: '茶具套装', priceFen: 10000, stock: 10 });
    p2 = await product(mall, { title: '枸杞 500g', priceFen: 3333, stock: 10 });
  });
  afterAll(() => mall.stop());

  const shareAmounts = async (orderId: string) =>
    (await commissionsOf(mall, orderId)).map((c) => `${c.lineId}-L${c.level}:${c.amountFen}:${c.status}`);
  const stock = async (productId: string) => (await mall.doc<any>('products', productId)).stock;
  const refundTotals = async () => (await statsTotals(mall)).refundFen ?? 0;

  it('recomputes every share on a partial refund, and reverses all of it on the full refund', async () => {
    // L1 = 10000 × 1, L2 = 3333 × 3 = 9999; payable 19999.
    // Shares at payment – L1: Z 1000, Y 500, X 200; L2: Z floor(999.9) = 999, Y floor(499.95) = 499,
    // X floor(199.98) = 199. Pending: Z 1999, Y 999, X 399.
    const orderId = await paidOrder(mall, u, [
      { productId: p1, quantity: 1 },
      { productId: p2, quantity: 3 },
    ]);
    expect(await shareAmounts(orderId)).toEqual([
      'L1-L1:1000:pending',
      'L1-L2:500:pending',
      'L1-L3:200:pending',
      'L2-L1:999:pending',
      'L2-L2:499:pending',
      'L2-L3:199:pending',
    ]);
    expect(await account(mall, z.userId)).toMatchObject({ pendingFen: 1999 });
    expect([await stock(p1), await stock(p2)]).toEqual([9, 7]);
    const refundedBefore = await refundTotals();

    // Bad requests change nothing.
    expect(
      await mall.refused('order', 'requestRefund', { orderId, amountFen: 0, reason: '不想要了' }, u.openid),
    ).toBe('VALIDATION');
    expect(
      await mall.refused(
        'order',
        'requestRefund',
        { orderId, amountFen: 20000, reason: '不想要了' },
        u.openid,
      ),
    ).toBe('RULE');
    expect(await mall.refused('order', 'requestRefund', { orderId, reason: '别人的订单' }, z.openid)).toBe(
      'NOT_FOUND',
    );
    expect((await mall.doc<any>('orders', orderId)).status).toBe('paid');

    // ¥50.00 back. Allocated pro rata to 10000 : 9999 → 2500.125 and 2499.875 → floors 2500 + 2499, the
    // last fen to the larger fraction (line 2) → 2500 and 2500. Remaining bases 7500 and 7499:
    // L1: Z 750, Y 375, X 150; L2: Z floor(749.9) = 749, Y floor(374.95) = 374, X floor(149.98) = 149.
    const requested = await mall.ok(
      'order',
      'requestRefund',
      { orderId, amountFen: 5000, reason: '少发一件' },
      u.openid,
    );
    expect(requested).toMatchObject({ amountFen: 5000, status: 'requested' });
    expect((await mall.ok('order', 'get', { orderId }, u.openid)).status).toBe('refunding');
    expect(
      await mall.refused('order', 'requestRefund', { orderId, amountFen: 100, reason: '再退一点' }, u.openid),
    ).toBe('CONFLICT');

    const resolved = await mall.ok('admin', 'resolveRefund', { orderId, approve: true }, ADMIN);
    expect(resolved).toMatchObject({
      orderStatus: 'paid',
      refundedFen: 5000,
      refund: { status: 'refunded' },
    });
    expect(await shareAmounts(orderId)).toEqual([
      'L1-L1:750:pending',
      'L1-L2:375:pending',
      'L1-L3:150:pending',
      'L2-L1:749:pending',
      'L2-L2:374:pending',
      'L2-L3:149:pending',
    ]);
    // Reversed: Z 250 + 250 = 500, Y 125 + 125 = 250, X 50 + 50 = 100.
    expect(await account(mall, z.userId)).toMatchObject({ pendingFen: 1499 });
    expect(await account(mall, y.userId)).toMatchObject({ pendingFen: 749 });
    expect(await account(mall, x.userId)).toMatchObject({ pendingFen: 299 });
    const doc = await mall.doc<any>('orders', orderId);
    expect(doc.items.map((i: any) => i.refundedFen)).toEqual([2500, 2500]);
    // No line came back whole: no stock returns.
    expect([await stock(p1), await stock(p2)]).toEqual([9, 7]);

    // A request the merchant rejects: back to paid, nothing else moves.
    await mall.ok('order', 'requestRefund', { orderId, amountFen: 100, reason: '包装破损' }, u.openid);
    const rejected = await mall.ok(
      'admin',
      'resolveRefund',
      { orderId, approve: false, reason: '未发货，无破损' },
      ADMIN,
    );
    expect(rejected).toMatchObject({
      orderStatus: 'paid',
      refundedFen: 5000,
      refund: { status: 'rejected' },
    });
    expect(await account(mall, z.userId)).toMatchObject({ pendingFen: 1499 });

    // The rest (default: everything still refundable, 14999): every share to 0, reversed.
    const rest = await mall.ok('order', 'requestRefund', { orderId, reason: '不要了' }, u.openid);
    expect(rest.amountFen).toBe(14999);
    const full = await mall.ok('admin', 'resolveRefund', { orderId, approve: true }, ADMIN);
    expect(full).toMatchObject({ orderStatus: 'refunded', refundedFen: 19999 });
    expect(
      (await commissionsOf(mall, orderId)).every((c) => c.status === 'reversed' && c.amountFen === 0),
    ).toBe(true);
    expect(await account(mall, z.userId)).toMatchObject({ pendingFen: 0, availableFen: 0 });
    expect(await account(mall, y.userId)).toMatchObject({ pendingFen: 0 });
    expect(await account(mall, x.userId)).toMatchObject({ pendingFen: 0 });
    // Refunded in full before shipping: both lines' goods go back on the shelf.
    expect([await stock(p1), await stock(p2)]).toEqual([10, 10]);
    expect((await refundTotals()) - refundedBefore).toBe(19999);
    const reversals = (await mall.find<any>('ledger', { orderId })).filter(
      (l) => l.kind === 'commission_reversed',
    );
    // One entry per beneficiary and refund (three levels × two refunds), whatever the number of lines:
    // the records are per order and level since the ledger stopped growing with the lines.
    expect(reversals).toHaveLength(6);
    expect(reversals.reduce((sum, l) => sum + l.amountFen, 0)).toBe(1999 + 999 + 399);
  });

  it('claws settled commission back after settlement, even below zero, and lowers the grade figures', async () => {
    const orderId = await paidOrder(mall, u, [{ productId: p1, quantity: 1 }]);
    await shipAndReceive(mall, u, orderId);
    // After receipt and the return window, the buyer can no longer ask; the timer settles.
    await mall.cloud.advanceClock(7 * DAY_MS + 60_000);
    expect(await mall.refused('order', 'requestRefund', { orderId, reason: '过期了' }, u.openid)).toBe(
      'RULE',
    );
    expect(await fireSettle(mall)).toMatchObject({ settled: 1 });
    expect(await account(mall, z.userId)).toMatchObject({
      pendingFen: 0,
      availableFen: 1000,
      commissionEarnedFen: 1000,
      settledSalesFen: 10000,
    });
    expect(await mall.refused('order', 'requestRefund', { orderId, reason: '质量问题' }, u.openid)).toBe(
      'RULE',
    );

    // Z withdraws everything it has (the withdraw function freezes it).
    await mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, z.openid);
    expect(await account(mall, z.userId)).toMatchObject({ availableFen: 0, frozenFen: 1000 });

    // The merchant refunds ¥40.00 of the completed order: remaining base 6000 → Z 600, Y 300, X 120:
    // clawed back Z 400, Y 200, X 80. Z had nothing available left: −400.
    const partial = await mall.ok(
      'admin',
      'refundOrder',
      { orderId, amountFen: 4000, reason: '质量问题补偿' },
      ADMIN,
    );
    expect(partial).toMatchObject({
      orderStatus: 'completed',
      refundedFen: 4000,
      refund: { status: 'refunded', afterSettlement: true },
    });
    expect(await shareAmounts(orderId)).toEqual([
      'L1-L1:600:settled',
      'L1-L2:300:settled',
      'L1-L3:120:settled',
    ]);
    expect(await account(mall, z.userId)).toMatchObject({
      availableFen: -400,
      frozenFen: 1000,
      commissionEarnedFen: 600,
      settledSalesFen: 6000,
    });
    expect(await account(mall, y.userId)).toMatchObject({ availableFen: 300 });
    expect(await account(mall, x.userId)).toMatchObject({ availableFen: 120 });

    // And the rest: everything clawed back, the order refunded.
    const all = await mall.ok('admin', 'refundOrder', { orderId, reason: '整单退货' }, ADMIN);
    expect(all).toMatchObject({ orderStatus: 'refunded', refundedFen: 10000 });
    expect(await shareAmounts(orderId)).toEqual(['L1-L1:0:reversed', 'L1-L2:0:reversed', 'L1-L3:0:reversed']);
    expect((await commissionsOf(mall, orderId)).map((c) => c.clawbackFen)).toEqual([1000, 500, 200]);
    expect(await account(mall, z.userId)).toMatchObject({
      availableFen: -1000,
      frozenFen: 1000,
      commissionEarnedFen: 0,
      settledSalesFen: 0,
    });
    const clawbacks = (await mall.find<any>('ledger', { orderId })).filter(
      (l) => l.kind === 'commission_clawback',
    );
    expect(clawbacks.map((l) => l.amountFen).sort((a, b) => a - b)).toEqual([80, 120, 200, 300, 400, 600]);
    // Goods that were delivered do not come back on the shelf by themselves.
    expect(await stock(p1)).toBe(9);
    expect(await mall.refused('admin', 'refundOrder', { orderId, reason: '再退' }, ADMIN)).toBe('CONFLICT');
  });

  it('refunds once when the approval arrives three times at once', async () => {
    const orderId = await order(mall, u, [{ productId: p2, quantity: 2 }]);
    await pay(mall, u, orderId);
    await mall.ok('admin', 'ship', { orderId, carrier: '中通快递', trackingNo: 'ZT2024000111' }, ADMIN);
    const pendingBefore = (await account(mall, z.userId)).pendingFen;
    const refundedBefore = await refundTotals();
    // 6666 paid; ¥20.00 back → remaining 4666 → Z floor(466.6) = 466 (was 666).
    await mall.ok('order', 'requestRefund', { orderId, amountFen: 2000, reason: '降价补差' }, u.openid);
    const replies = await Promise.all(
      [1, 2, 3].map(() => mall.call('admin', 'resolveRefund', { orderId, approve: true }, ADMIN)),
    );
    // Each copy either finished the refund or found nothing left to do.
    for (const reply of replies) {
      if (!reply.ok) expect(reply.error.code).toBe('CONFLICT');
    }
    expect(replies.some((r) => r.ok)).toBe(true);
    const doc = await mall.doc<any>('orders', orderId);
    expect(doc).toMatchObject({ status: 'shipped', refundedFen: 2000, openRefundId: null });
    expect((await account(mall, z.userId)).pendingFen).toBe(pendingBefore - 200);
    expect((await refundTotals()) - refundedBefore).toBe(2000);
    expect(
      (await mall.find<any>('ledger', { orderId })).filter((l) => l.kind === 'commission_reversed'),
    ).toHaveLength(3);
    expect(await mall.find<any>('refunds', { orderId })).toEqual([
      expect.objectContaining({ status: 'refunded', amountFen: 2000 }),
    ]);
  });
  it('finishes a refund interrupted after its approval: by approving again, or by the settle timer', async () => {
    // The crash is arranged by writing what step 1 (requested → approved) leaves behind, as if the
    // function had died before WeChat Pay was asked (see cloudfunctions/common/workflows/refunds.ts).
    const interrupt = async (orderId: string, amountFen: number) => {
      const { refundId } = await mall.ok(
        'order',
        'requestRefund',
        { orderId, amountFen, reason: '中断测试' },
        u.openid,
      );
      await mall.db
        .collection('refunds')
        .doc(refundId)
        .update({ status: 'approved', approvedAt: mall.cloud.now() - 10 * 60_000, resolvedBy: ADMIN });
      return refundId as string;
    };

    const first = await paidOrder(mall, u, [{ productId: p1, quantity: 1 }]);
    const firstRefund = await interrupt(first, 1000);
    const resumed = await mall.ok('admin', 'resolveRefund', { orderId: first, approve: true }, ADMIN);
    expect(resumed).toMatchObject({
      orderStatus: 'paid',
      refundedFen: 1000,
      refund: { refundId: firstRefund, status: 'refunded' },
    });
    // remaining base 9000: Z 900 (was 1000).
    expect((await commissionsOf(mall, first)).map((c) => c.amountFen)).toEqual([900, 450, 180]);
    expect(mall.cloud.runtime.platform.payments.get(first)?.refunds).toEqual([
      expect.objectContaining({ outRefundNo: firstRefund, refundFee: 1000 }),
    ]);

    const second = await paidOrder(mall, u, [{ productId: p1, quantity: 1 }]);
    const secondRefund = await interrupt(second, 10000);
    expect(await fireSettle(mall)).toMatchObject({ refundsResumed: 1 });
    expect(await mall.doc<any>('refunds', secondRefund)).toMatchObject({ status: 'refunded' });
    expect(await mall.doc<any>('orders', second)).toMatchObject({ status: 'refunded', refundedFen: 10000 });
    expect((await commissionsOf(mall, second)).every((c) => c.status === 'reversed')).toBe(true);
    // A later run finds nothing left to resume.
    expect(await fireSettle(mall)).toMatchObject({ refundsResumed: 0 });
  });
});
