/**
 * order.create and the buyer's order actions: prices from the database, stock that never goes negative
 * under concurrent orders (and comes back when a later line or a cancel fails the order), refusals that
 * change nothing, the invite code of an order, own orders only, and the admin's order actions.
 */
import { type Mall, startMall } from './harness';
import { ADDRESS, ADMIN, type TestUser, buyer, distributor, order, pay, product } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('orders', () => {
  let mall: Mall;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    mall = await startMall({ poolSize: 4 });
    alice = await buyer(mall, 'oc-alice');
    bob = await buyer(mall, 'oc-bob');
  });
  afterAll(() => mall.stop());

  const stock = async (productId: string) => (await mall.doc<any>('products', productId)).stock;
  const ordersOf = (who: TestUser) => mall.find<any>('orders', { buyerId: who.userId });

  it('never oversells: concurrent orders for the last items, stock never below zero', async () => {
    const productId = await product(mall, { priceFen: 990, stock: 5 });
    const buyers = await Promise.all(Array.from({ length: 8 }, (_, i) => buyer(mall, `oc-race-${i}`)));
    const replies = await Promise.all(
      buyers.map((who) =>
        mall.call('order', 'create', { items: [{ productId, quantity: 1 }], address: ADDRESS }, who.openid),
      ),
    );
    const created = replies.filter((r) => r.ok);
    expect(created).toHaveLength(5);
    expect(replies.filter((r) => !r.ok).map((r: any) => r.error.code)).toEqual(['RULE', 'RULE', 'RULE']);
    expect(await stock(productId)).toBe(0);
    expect(await mall.find('orders', { 'items.productId': productId })).toHaveLength(5);
  });

  it('gives back what earlier lines took when a later line cannot be served', async () => {
    const plenty = await product(mall, { priceFen: 1000, stock: 10 });
    const scarce = await product(mall, { priceFen: 2000, stock: 1 });
    const reply = await mall.call(
      'order',
      'create',
      {
        items: [
          { productId: plenty, quantity: 2 },
          { productId: scarce, quantity: 2 },
        ],
        address: ADDRESS,
      },
      alice.openid,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect([await stock(plenty), await stock(scarce)]).toEqual([10, 1]);
  });

  it('prices every line from the database and ignores anything else the client sends', async () => {
    const productId = await product(mall, { title: '五常大米 5kg', priceFen: 8990, stock: 10 });
    const created = await mall.ok(
      'order',
      'create',
      {
        items: [
          { productId, quantity: 1, priceFen: 1, title: '便宜货' },
          { productId, quantity: 2 },
        ],
        address: ADDRESS,
        payableFen: 1,
        buyerId: bob.userId,
      },
      alice.openid,
    );
    // The same product twice is one line of 3: 8990 × 3 = 26970.
    expect(created).toMatchObject({ payableFen: 26970, status: 'unpaid' });
    const doc = await mall.doc<any>('orders', created.orderId);
    expect(doc).toMatchObject({
      buyerId: alice.userId,
      payableFen: 26970,
      goodsFen: 26970,
      outTradeNo: created.orderId,
    });
    expect(doc.items).toEqual([
      expect.objectContaining({
        lineId: 'L1',
        title: '五常大米 5kg',
        priceFen: 8990,
        quantity: 3,
        paidFen: 26970,
      }),
    ]);
    expect(await stock(productId)).toBe(7);
  });

  it('refuses bad input, unknown and off-shelf products, and changes nothing', async () => {
    const productId = await product(mall, { priceFen: 500, stock: 10 });
    const off = await product(mall, { priceFen: 500, stock: 10, status: 'off' });
    const before = (await ordersOf(bob)).length;
    const bad: Array<Record<string, unknown>> = [
      { items: [], address: ADDRESS },
      { items: [{ productId, quantity: 0 }], address: ADDRESS },
      { items: [{ productId, quantity: 1.5 }], address: ADDRESS },
      { items: [{ productId, quantity: 1 }] },
      { items: [{ productId, quantity: 1 }], address: { ...ADDRESS, phone: '12345' } },
      { items: [{ productId, quantity: 1 }], address: { ...ADDRESS, name: '' } },
      { items: Array.from({ length: 21 }, () => ({ productId, quantity: 1 })), address: ADDRESS },
    ];
    for (const params of bad)
      expect(await mall.refused('order', 'create', params, bob.openid)).toBe('VALIDATION');
    const unknownReply = await mall.call(
      'order',
      'create',
      { items: [{ productId: 'no-such-product', quantity: 1 }], address: ADDRESS },
      bob.openid,
    );
    expect(unknownReply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await mall.refused(
        'order',
        'create',
        { items: [{ productId: off, quantity: 1 }], address: ADDRESS },
        bob.openid,
      ),
    ).toBe('RULE');
    expect(
      await mall.refused('order', 'create', { items: [{ productId, quantity: 1 }], address: ADDRESS }),
    ).toBe('UNAUTHENTICATED');
    // Someone who never logged in has no user to order as.
    expect(
      await mall.refused(
        'order',
        'create',
        { items: [{ productId, quantity: 1 }], address: ADDRESS },
        'oc-stranger',
      ),
    ).toBe('UNAUTHENTICATED');
    expect((await ordersOf(bob)).length).toBe(before);
    expect([await stock(productId), await stock(off)]).toEqual([10, 10]);
  });

  it("shows buyers their own orders only, and lets nobody act on another's order", async () => {
    const productId = await product(mall, { priceFen: 1200, stock: 10 });
    const mine = await order(mall, alice, [{ productId, quantity: 1 }]);
    for (const actionName of ['get', 'pay', 'cancel', 'confirmReceipt']) {
      expect(await mall.refused('order', actionName, { orderId: mine }, bob.openid)).toBe('NOT_FOUND');
    }
    expect(await mall.refused('order', 'requestRefund', { orderId: mine, reason: '想退' }, bob.openid)).toBe(
      'NOT_FOUND',
    );
    expect(await mall.refused('order', 'get', { orderId: '../../etc' }, alice.openid)).toBe('VALIDATION');

    const bobs = await mall.ok('order', 'list', {}, bob.openid);
    expect(bobs.items.every((o: any) => o.orderId !== mine)).toBe(true);
    const alices = await mall.ok('order', 'list', { status: 'unpaid', pageSize: 50 }, alice.openid);
    expect(alices.items.map((o: any) => o.orderId)).toContain(mine);
    expect(alices.items.every((o: any) => o.status === 'unpaid')).toBe(true);
    expect(alices.total).toBe(alices.items.length);
    expect(await mall.refused('order', 'list', { status: 'lost' }, alice.openid)).toBe('VALIDATION');
    expect((await mall.doc<any>('orders', mine)).status).toBe('unpaid');
  });

  it('cancels an unpaid order (stock back), and refuses cancel, pay and receipt out of turn', async () => {
    const productId = await product(mall, { priceFen: 1500, stock: 10 });
    const toCancel = await order(mall, alice, [{ productId, quantity: 4 }]);
    expect(await stock(productId)).toBe(6);
    expect(await mall.ok('order', 'cancel', { orderId: toCancel }, alice.openid)).toEqual({
      orderId: toCancel,
      status: 'cancelled',
    });
    expect(await stock(productId)).toBe(10);
    expect(await mall.refused('order', 'cancel', { orderId: toCancel }, alice.openid)).toBe('CONFLICT');
    expect(await stock(productId)).toBe(10);

    const toPay = await order(mall, alice, [{ productId, quantity: 1 }]);
    const payment = await mall.ok('order', 'pay', { orderId: toPay }, alice.openid);
    expect(payment).toMatchObject({
      outTradeNo: toPay,
      payment: {
        package: expect.stringMatching(/^prepay_id=/),
        signType: 'MD5',
        timeStamp: expect.any(String),
      },
    });
    expect((await mall.cloud.pay(toPay)).body).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await mall.refused('order', 'pay', { orderId: toPay }, alice.openid)).toBe('CONFLICT');
    expect(await mall.refused('order', 'cancel', { orderId: toPay }, alice.openid)).toBe('CONFLICT');
    expect(await mall.refused('order', 'confirmReceipt', { orderId: toPay }, alice.openid)).toBe('CONFLICT');

    // The merchant ships it; only then can the buyer confirm receipt.
    expect(
      await mall.refused('admin', 'ship', { orderId: toPay, carrier: '顺丰', trackingNo: 'SF1' }, ADMIN),
    ).toBe('VALIDATION');
    expect(
      await mall.refused(
        'admin',
        'ship',
        { orderId: toPay, carrier: '顺丰', trackingNo: 'SF0001' },
        alice.openid,
      ),
    ).toBe('FORBIDDEN');
    await mall.ok('admin', 'ship', { orderId: toPay, carrier: '顺丰', trackingNo: 'SF0001' }, ADMIN);
    expect(
      await mall.refused('admin', 'ship', { orderId: toPay, carrier: '顺丰', trackingNo: 'SF0001' }, ADMIN),
    ).toBe('CONFLICT');
    const received = await mall.ok('order', 'confirmReceipt', { orderId: toPay }, alice.openid);
    expect(received).toMatchObject({ status: 'received' });
    const detail = await mall.ok('order', 'get', { orderId: toPay }, alice.openid);
    expect(detail).toMatchObject({
      status: 'received',
      shipping: { carrier: '顺丰', trackingNo: 'SF0001' },
      paidAt: expect.any(Number),
      shippedAt: expect.any(Number),
      receivedAt: expect.any(Number),
    });
    const listed = await mall.ok('admin', 'listOrders', { status: 'received' }, ADMIN);
    expect(listed.items.map((o: any) => o.orderId)).toContain(toPay);
    expect(await mall.refused('admin', 'listOrders', {}, alice.openid)).toBe('FORBIDDEN');

    // the merchant finds an order by its number or the receiver's phone or name, and the open refund requests
    const found = async (params: Record<string, unknown>) =>
      (await mall.ok('admin', 'listOrders', { pageSize: 100, ...params }, ADMIN)).items.map(
        (o: any) => o.orderId,
      );
    expect(await found({ keyword: toPay })).toEqual([toPay]);
    expect(await found({ keyword: ADDRESS.phone })).toContain(toPay);
    expect(await found({ keyword: [...ADDRESS.name].slice(1).join('') })).toContain(toPay);
    expect(await found({ keyword: 'nobody-at-all' })).toEqual([]);
    expect(await found({ refundOpen: true })).not.toContain(toPay);
    await mall.ok('order', 'requestRefund', { orderId: toPay, reason: '包装破损' }, alice.openid);
    expect(await found({ refundOpen: true })).toContain(toPay);
    expect(await found({ refundOpen: true, keyword: toPay })).toEqual([toPay]);
  });

  it("binds an unbound buyer through the order's invite code (source order) and pays that inviter", async () => {
    const seller = await distributor(mall, 'oc-seller');
    const carol = await buyer(mall, 'oc-carol');
    const productId = await product(mall, { priceFen: 2000, stock: 10 });
    const orderId = await order(mall, carol, [{ productId, quantity: 1 }], seller.inviteCode ?? undefined);
    expect(await mall.doc<any>('users', carol.userId)).toMatchObject({
      inviterId: seller.userId,
      bindingSource: 'order',
    });
    expect((await mall.doc<any>('orders', orderId)).inviterId).toBe(seller.userId);
    await pay(mall, carol, orderId);
    const shares = await mall.find<any>('commissions', { orderId });
    expect(shares.map((s) => [s.beneficiaryId, s.amountFen])).toEqual([[seller.userId, 200]]);

    // the merchant's view names the buyer and who earns, not only their ids
    const users = await mall.find<any>('users', {});
    const nicknameOf = (userId: string) => users.find((u) => u._id === userId).nickname;
    const seen = await mall.ok('admin', 'getOrder', { orderId }, ADMIN);
    expect(seen.buyer).toEqual({
      userId: carol.userId,
      nickname: nicknameOf(carol.userId),
      inviteCode: null,
    });
    expect(seen.commissions.map((c: any) => c.beneficiary)).toEqual([
      { userId: seller.userId, nickname: nicknameOf(seller.userId), inviteCode: seller.inviteCode },
    ]);
  });
});
