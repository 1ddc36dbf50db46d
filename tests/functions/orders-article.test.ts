/**
 * The article's money path end to end on the local CloudBase: a four-deep chain A ← B ← C ← D, a buyer
 * who arrived through D's link pays; D, C and B earn 10 / 5 / 2 % (A nothing: the fourth level), pending
 * until receipt and the return window have passed, available after the settle timer.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- documents read back are schemaless */
import { type Mall, startMall, statsTotals } from './harness';
import {
  ADMIN,
  DAY_MS,
  account,
  buyer,
  chainOfFour,
  commissionsOf,
  fireSettle,
  order,
  pay,
  product,
} from './fixtures';

describe('the article: order → pay → three levels pending → receipt → return window → settled', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  it('pays D, C and B on the paid amount, holds it pending, and settles it after the return window', async () => {
    const [a, b, c, d] = await chainOfFour(mall, 'art');
    const e = await buyer(mall, 'art-E', d.inviteCode ?? undefined);
    // ¥123.45 × 2 = ¥246.90 = 24690 fen.
    const productId = await product(mall, { title: '西湖龙井 250g', priceFen: 12345, stock: 10 });

    const orderId = await order(mall, e, [{ productId, quantity: 2 }]);
    const created = await mall.ok('order', 'get', { orderId }, e.openid);
    expect(created).toMatchObject({ status: 'unpaid', payableFen: 24690, refundedFen: 0 });
    expect(created.items).toEqual([
      expect.objectContaining({
        productId,
        title: '西湖龙井 250g',
        priceFen: 12345,
        quantity: 2,
        paidFen: 24690,
      }),
    ]);
    expect((await mall.doc<{ stock: number }>('products', productId))?.stock).toBe(8);

    expect(await pay(mall, e, orderId)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await mall.ok('order', 'get', { orderId }, e.openid)).status).toBe('paid');

    // D (level 1): floor(24690 × 0.10) = 2469; C (level 2): floor(24690 × 0.05) = floor(1234.5) = 1234;
    // B (level 3): floor(24690 × 0.02) = floor(493.8) = 493; A sits above the third level: nothing.
    const shares = await commissionsOf(mall, orderId);
    expect(shares.map((s) => [s.level, s.beneficiaryId, s.rate, s.baseFen, s.amountFen, s.status])).toEqual([
      [1, d.userId, '0.10', 24690, 2469, 'pending'],
      [2, c.userId, '0.05', 24690, 1234, 'pending'],
      [3, b.userId, '0.02', 24690, 493, 'pending'],
    ]);
    expect(await account(mall, d.userId)).toMatchObject({ pendingFen: 2469, availableFen: 0 });
    expect(await account(mall, c.userId)).toMatchObject({ pendingFen: 1234, availableFen: 0 });
    expect(await account(mall, b.userId)).toMatchObject({ pendingFen: 493, availableFen: 0 });
    expect(await account(mall, a.userId)).toMatchObject({ pendingFen: 0, availableFen: 0 });

    const paid = await mall.doc<any>('orders', orderId);
    expect(paid.commissionFen).toBe(2469 + 1234 + 493);
    expect(paid.commissionSnapshot.uplines.map((m: { userId: string }) => m.userId)).toEqual([
      d.userId,
      c.userId,
      b.userId,
    ]);
    const totals = await statsTotals(mall);
    expect(totals).toMatchObject({ orders: 1, salesFen: 24690, distributionOrders: 1, pendingFen: 4196 });

    // Shipped and received: still pending while the 7-day return window is open.
    await mall.ok('admin', 'ship', { orderId, carrier: '顺丰速运', trackingNo: 'SF100200300' }, ADMIN);
    await mall.ok('order', 'confirmReceipt', { orderId }, e.openid);
    expect(await fireSettle(mall)).toMatchObject({ settled: 0, complete: true });
    await mall.cloud.advanceClock(7 * DAY_MS - 60_000);
    expect(await fireSettle(mall)).toMatchObject({ settled: 0 });
    expect(await account(mall, d.userId)).toMatchObject({ pendingFen: 2469, availableFen: 0 });

    // The window closes: the timer settles, and the money is available.
    await mall.cloud.advanceClock(2 * 60_000);
    expect(await fireSettle(mall)).toMatchObject({ settled: 1, commissionsSettled: 3, settledFen: 4196 });
    expect(await account(mall, d.userId)).toMatchObject({
      pendingFen: 0,
      availableFen: 2469,
      totalEarnedFen: 2469,
      commissionEarnedFen: 2469,
      // D brought the sale directly (level 1): the line's paid amount counts as its settled sales.
      settledSalesFen: 24690,
    });
    expect(await account(mall, c.userId)).toMatchObject({
      availableFen: 1234,
      commissionEarnedFen: 1234,
      settledSalesFen: 0,
    });
    expect(await account(mall, b.userId)).toMatchObject({ availableFen: 493 });
    expect((await commissionsOf(mall, orderId)).map((s) => s.status)).toEqual([
      'settled',
      'settled',
      'settled',
    ]);
    expect((await mall.ok('order', 'get', { orderId }, e.openid)).status).toBe('completed');

    // Every balance change is one ledger entry with its cause.
    const ledger = await mall.find<any>('ledger', { orderId });
    expect(
      ledger
        .map(
          (l) =>
            `${l.kind}:${l.userId === d.userId ? 'D' : l.userId === c.userId ? 'C' : 'B'}:${l.amountFen}`,
        )
        .sort(),
    ).toEqual([
      'commission_pending:B:493',
      'commission_pending:C:1234',
      'commission_pending:D:2469',
      'commission_settled:B:493',
      'commission_settled:C:1234',
      'commission_settled:D:2469',
    ]);
    // Nothing left to do: a later run settles nothing again.
    expect(await fireSettle(mall)).toMatchObject({ settled: 0, expired: 0, autoConfirmed: 0 });
  });
});
