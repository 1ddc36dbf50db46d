/**
 * Settlement in transactions of several orders, raced by the merchant's refunds of some of those orders:
 * whichever commits first, every order ends up with the commission its refunds leave – a refund that
 * came first reverses pending commission and the order settles later; one that came second claws back
 * what settled – and the money adds up (admin.audit).
 */
import {
  ADMIN,
  DAY_MS,
  type TestUser,
  account,
  buyer,
  distributor,
  paidOrder,
  product,
  setConfig,
  shipAndReceive,
} from './fixtures';
import { type Mall, startMall } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('settlement raced by refunds', () => {
  let mall: Mall;
  let seller: TestUser;
  let shopper: TestUser;
  let productId: string;

  beforeAll(async () => {
    // Every database call takes 3 ms more, as on CloudBase: a settle run then lasts long enough for the
    // refunds, sent one after another while it runs, to land before, between and after its chunks.
    mall = await startMall({ poolSize: 6, latencyMs: 3 });
    await setConfig(mall, { order: { unpaidTimeoutMinutes: 30, autoConfirmDays: 3, returnWindowDays: 2 } });
    seller = await distributor(mall, 'sr-seller');
    shopper = await buyer(mall, 'sr-shopper', seller.inviteCode ?? undefined);
    // ¥100.00: the seller earns 1000 fen per order at level 1; ¥50 refunded leaves it 500.
    productId = await product(mall, { priceFen: 10_000, stock: 100 });
  });
  afterAll(() => mall.stop());

  it('leaves every order with the commission its refunds leave, whatever committed first', async () => {
    const before = await account(mall, seller.userId);
    const orders: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const orderId = await paidOrder(mall, shopper, [{ productId, quantity: 1 }]);
      await shipAndReceive(mall, shopper, orderId);
      orders.push(orderId);
    }
    await mall.cloud.advanceClock(2 * DAY_MS + 60_000);
    const refunded = orders.filter((_, i) => i % 2 === 0);

    const [settle, ...refunds] = await Promise.all([
      mall.cloud.fireTimer<any>('settle'),
      ...refunded.map(async (orderId, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 25));
        return mall.call('admin', 'refundOrder', { orderId, amountFen: 5_000, reason: '部分退货' }, ADMIN);
      }),
    ]);
    expect(settle.body.ok).toBe(true);
    // A refund may only lose to a concurrent change of its order (CONFLICT): try those again.
    for (const [i, reply] of refunds.entries()) {
      if (reply.ok) continue;
      expect(reply.error.code).toBe('CONFLICT');
      await mall.ok(
        'admin',
        'refundOrder',
        { orderId: refunded[i], amountFen: 5_000, reason: '部分退货' },
        ADMIN,
      );
    }
    // Orders refunded before they settled return to `received`; the next run settles them.
    await mall.cloud.fireTimer('settle');

    for (const orderId of orders) {
      const doc = await mall.doc<any>('orders', orderId);
      expect([orderId, doc.status]).toEqual([orderId, 'completed']);
      const record = await mall.doc<any>('commissions', `${orderId}-L1`);
      const expected = refunded.includes(orderId) ? 500 : 1_000;
      expect([orderId, record.amountFen, record.status]).toEqual([orderId, expected, 'settled']);
    }
    const after = await account(mall, seller.userId);
    // 6 × 1000 + 6 × 500 settled and kept, nothing pending.
    expect(after.availableFen - before.availableFen).toBe(9_000);
    expect(after.pendingFen).toBe(before.pendingFen);
    expect(after.commissionEarnedFen - before.commissionEarnedFen).toBe(9_000);
    const audit = await mall.ok('admin', 'audit', {}, ADMIN);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
