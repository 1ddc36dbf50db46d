/**
 * payNotify under WeChat Pay's habits: notifications repeated and concurrent (exactly one paid transition,
 * one set of commissions and ledger entries), notifications it must refuse (unknown order, wrong amount,
 * not a success, not genuine) – recorded, answered, and nothing changed – and a payment that arrives for
 * a cancelled order (refunded automatically).
 */
import { type Mall, startMall, statsTotals } from './harness';
import {
  type TestUser,
  account,
  buyer,
  commissionsOf,
  deliverPayNotice,
  distributor,
  order,
  product,
} from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('payNotify', () => {
  let mall: Mall;
  let inviter: TestUser;
  let productId: string;
  beforeAll(async () => {
    mall = await startMall({ poolSize: 4 });
    inviter = await distributor(mall, 'pn-inviter');
    // ¥50.00: level 1 earns floor(5000 × 0.10) = 500 fen.
    productId = await product(mall, { priceFen: 5000, stock: 1000 });
  });
  afterAll(() => mall.stop());

  const notices = (outTradeNo: string) => mall.find<any>('paymentNotices', { outTradeNo });

  async function unpaidOrder(openid: string): Promise<{ who: TestUser; orderId: string }> {
    const who = await buyer(mall, openid, inviter.inviteCode ?? undefined);
    const orderId = await order(mall, who, [{ productId, quantity: 1 }]);
    await mall.ok('order', 'pay', { orderId }, who.openid);
    return { who, orderId };
  }

  async function expectPaidOnce(orderId: string) {
    const doc = await mall.doc<any>('orders', orderId);
    expect(doc.status).toBe('paid');
    const shares = await commissionsOf(mall, orderId);
    expect(shares.map((s) => [s.level, s.amountFen])).toEqual([[1, 500]]);
    const ledger = await mall.find<any>('ledger', { orderId });
    expect(ledger.map((l) => l.kind)).toEqual(['commission_pending']);
    return doc;
  }

  it('applies a notification replayed five times exactly once, and answers every copy with errcode 0', async () => {
    const { orderId } = await unpaidOrder('pn-replay');
    const before = await account(mall, inviter.userId);
    for (let i = 0; i < 5; i += 1) {
      const reply = await mall.cloud.pay(orderId);
      expect(reply).toEqual({ status: 200, body: { errcode: 0, errmsg: 'OK' } });
    }
    const paid = await expectPaidOnce(orderId);
    expect((await account(mall, inviter.userId)).pendingFen).toBe(before.pendingFen + 500);
    const outcomes = (await notices(paid.outTradeNo)).map((n) => n.outcome).sort();
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    // Every copy carried the same transaction, and that is the one the order keeps.
    expect(new Set((await notices(paid.outTradeNo)).map((n) => n.transactionId))).toEqual(
      new Set([paid.transactionId]),
    );
  });

  it('applies five concurrent copies exactly once', async () => {
    const { orderId } = await unpaidOrder('pn-concurrent');
    const before = await account(mall, inviter.userId);
    const totalsBefore = await statsTotals(mall);
    // The first delivery marks WeChat's side paid; the copies race it into payNotify.
    const replies = await Promise.all(Array.from({ length: 5 }, () => mall.cloud.pay(orderId)));
    expect(replies.map((r) => r.body)).toEqual(Array(5).fill({ errcode: 0, errmsg: 'OK' }));
    const paid = await expectPaidOnce(orderId);
    expect((await account(mall, inviter.userId)).pendingFen).toBe(before.pendingFen + 500);
    const outcomes = (await notices(paid.outTradeNo)).map((n) => n.outcome);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4);
    const totals = await statsTotals(mall);
    expect(totals.orders - totalsBefore.orders).toBe(1);
    expect(totals.salesFen - totalsBefore.salesFen).toBe(5000);
  });

  it('reads an amount sent as a numeric string (its type is not documented), and nothing else', async () => {
    const { orderId } = await unpaidOrder('pn-string');
    // WeChat Pay's side: paid, as if its own notification were still on the way.
    const { payments } = mall.cloud.runtime.platform;
    const payment = payments.get(orderId)!;
    const transactionId = '4200000000000000000000000001';
    payments.save({
      ...payment,
      state: 'SUCCESS',
      paid: { transactionId, paidAt: mall.cloud.now(), timeEnd: '20260101120000', nonceStr: 'n' },
    });
    for (const totalFee of ['5000.0', '5e3', ' 5000', '-5000']) {
      expect(await deliverPayNotice(mall, { outTradeNo: orderId, totalFee, transactionId })).toEqual({
        errcode: 0,
        errmsg: 'OK',
      });
    }
    expect((await mall.doc<any>('orders', orderId)).status).toBe('unpaid');
    await deliverPayNotice(mall, { outTradeNo: orderId, totalFee: '5000', transactionId });
    await expectPaidOnce(orderId);
    expect((await notices(orderId)).map((n) => n.outcome).sort()).toEqual([
      'amount_mismatch',
      'amount_mismatch',
      'amount_mismatch',
      'amount_mismatch',
      'applied',
    ]);
  });

  it('records and refuses a notification for an unknown order, changing nothing', async () => {
    const totalsBefore = await statsTotals(mall);
    const reply = await deliverPayNotice(mall, { outTradeNo: 'NO-SUCH-ORDER-1', totalFee: 5000 });
    expect(reply).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await notices('NO-SUCH-ORDER-1')).map((n) => [n.outcome, n.totalFee])).toEqual([
      ['unknown_order', 5000],
    ]);
    expect(await statsTotals(mall)).toEqual(totalsBefore);
  });

  it('records and refuses a wrong amount and a failed payment; the order stays unpaid', async () => {
    const { orderId } = await unpaidOrder('pn-wrong');
    const wrong = await deliverPayNotice(mall, { outTradeNo: orderId, totalFee: 4999, attach: orderId });
    expect(wrong).toEqual({ errcode: 0, errmsg: 'OK' });
    const failed = await deliverPayNotice(mall, { outTradeNo: orderId, totalFee: 5000, resultCode: 'FAIL' });
    expect(failed).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await notices(orderId)).map((n) => n.outcome).sort()).toEqual(['amount_mismatch', 'not_success']);
    expect((await mall.doc<any>('orders', orderId)).status).toBe('unpaid');
    expect(await commissionsOf(mall, orderId)).toEqual([]);
  });

  it('believes no notification that WeChat Pay did not make: forged events change nothing', async () => {
    const { who, orderId } = await unpaidOrder('pn-forged');
    // A buyer calling payNotify itself is refused outright and leaves no trace.
    const direct = await mall.cloud.call(
      'payNotify',
      { outTradeNo: orderId, totalFee: 5000, returnCode: 'SUCCESS', resultCode: 'SUCCESS' },
      who.openid,
    );
    expect(direct).toMatchObject({ errcode: 403 });
    // Delivered like a real callback but never paid: WeChat Pay's own record (queryOrder) says NOTPAY.
    const fake = await deliverPayNotice(mall, { outTradeNo: orderId, totalFee: 5000 });
    expect(fake).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await notices(orderId)).map((n) => n.outcome)).toEqual(['not_verified']);
    expect((await mall.doc<any>('orders', orderId)).status).toBe('unpaid');
  });

  it('refunds a payment that arrives for a cancelled order, once however often it is notified', async () => {
    const { orderId } = await unpaidOrder('pn-late');
    // The order was closed by other means while the buyer's payment page stayed open.
    await mall.db
      .collection('orders')
      .doc(orderId)
      .update({ status: 'cancelled', cancelledAt: mall.cloud.now() });
    expect((await mall.cloud.pay(orderId)).body).toEqual({ errcode: 0, errmsg: 'OK' });
    expect((await mall.cloud.pay(orderId)).body).toEqual({ errcode: 0, errmsg: 'OK' });

    const doc = await mall.doc<any>('orders', orderId);
    expect(doc.status).toBe('cancelled');
    expect(doc.latePayment).toMatchObject({
      totalFee: 5000,
      refund: 'refunded',
      outRefundNo: `${orderId}RC`,
    });
    // WeChat Pay's side: the money went back once, in full, under the fixed refund number.
    const payment = mall.cloud.runtime.platform.payments.get(orderId);
    expect(payment?.refunds.map((r) => [r.outRefundNo, r.refundFee])).toEqual([[`${orderId}RC`, 5000]]);
    expect((await notices(orderId)).map((n) => n.outcome)).toEqual(['paid_after_cancel', 'duplicate']);
    expect(await commissionsOf(mall, orderId)).toEqual([]);
  });
});
