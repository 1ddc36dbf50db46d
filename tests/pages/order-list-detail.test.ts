import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const item = {
  lineId: 'l1',
  productId: 'p1',
  title: '大米',
  cover: '',
  priceFen: 1000,
  quantity: 2,
  paidFen: 2000,
  refundedFen: 0,
};
const summary = (orderId: string, status: string, statusName: string) => ({
  orderId,
  status,
  statusName,
  items: [item],
  payableFen: 2000,
  refundedFen: 0,
  createdAt: Date.UTC(2026, 11, 1, 2, 30),
});
const detail = (status: string, statusName: string, extra: Record<string, unknown> = {}) => ({
  ...summary('o1', status, statusName),
  goodsFen: 2000,
  discountFen: 0,
  shippingFen: 0,
  statusBeforeRefund: null,
  address: { name: '张三', phone: '13800138000', detail: '北京市某路 1 号' },
  shipping: null,
  expiresAt: 0,
  paidAt: Date.UTC(2026, 11, 1, 2, 31),
  shippedAt: null,
  receivedAt: null,
  autoConfirmAt: null,
  settleAt: null,
  completedAt: null,
  cancelledAt: null,
  refundedAt: null,
  openRefundId: null,
  openRefund: null,
  ...extra,
});

function setup(pagePath: string, order: Record<string, jest.Mock>, local = false) {
  jest.doMock(SERVICES.order, () => order);
  jest.doMock(SERVICES.dev, () => ({
    isLocalMode: () => local,
    simulatePay: jest.fn().mockResolvedValue(undefined),
  }));
  const page = renderPage(pagePath);
  const w = mockWx();
  return { ...page, w };
}

describe('pages/order/list', () => {
  it('lists orders by status tab and pages on reaching the bottom', async () => {
    const listOrders = jest
      .fn()
      .mockResolvedValueOnce({ items: [summary('o1', 'paid', '待发货')], total: 2 })
      .mockResolvedValueOnce({ items: [summary('o2', 'paid', '待发货')], total: 2 })
      .mockResolvedValueOnce({ items: [], total: 0 });
    const page = setup('pages/order/list/index', { listOrders });
    page.comp.instance.onLoad({ status: 'paid' });
    await settle(page.simulate);
    expect(listOrders).toHaveBeenCalledWith({ page: 1, pageSize: 10, status: 'paid' });
    expect(textOf(page.comp)).toContain('待发货');
    expect(textOf(page.comp)).toContain('2026-12-01 10:30');
    expectComponentsRendered(page);
    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(listOrders).toHaveBeenLastCalledWith({ page: 2, pageSize: 10, status: 'paid' });
    expect(page.comp.querySelectorAll('.order')).toHaveLength(2);
    page.comp.instance.onTab({ detail: { value: '' } });
    await settle(page.simulate);
    expect(listOrders).toHaveBeenLastCalledWith({ page: 1, pageSize: 10 });
    expect(textOf(page.comp)).toContain('暂无订单');
  });

  it("shows the server's message", async () => {
    const page = setup('pages/order/list/index', {
      listOrders: jest.fn().mockRejectedValue(serviceError('UNAUTHENTICATED', '请先登录')),
    });
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('请先登录');
  });
});

describe('pages/order/detail', () => {
  it('shows the timeline, lines and address; cancels an unpaid order', async () => {
    const getOrder = jest
      .fn()
      .mockResolvedValueOnce(detail('unpaid', '待付款', { paidAt: null }))
      .mockResolvedValue(
        detail('cancelled', '已取消', { paidAt: null, cancelledAt: Date.UTC(2026, 11, 1, 3) }),
      );
    const cancelOrder = jest.fn().mockResolvedValue({});
    const page = setup('pages/order/detail/index', { getOrder, cancelOrder });
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    expect(getOrder).toHaveBeenCalledWith('o1');
    const text = textOf(page.comp);
    expect(text).toContain('待付款');
    expect(text).toContain('下单');
    expect(text).toContain('北京市某路 1 号');
    expect(text).toContain('¥20.00');
    expectComponentsRendered(page);
    tap(page.comp, '.od__cancel');
    await settle(page.simulate);
    expect(cancelOrder).toHaveBeenCalledWith('o1');
    expect(textOf(page.comp)).toContain('已取消');
  });

  it('pays an unpaid order with order.pay and wx.requestPayment, then shows it paid', async () => {
    const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' };
    const getOrder = jest
      .fn()
      .mockResolvedValueOnce(
        detail('unpaid', '待付款', { paidAt: null, expiresAt: Date.UTC(2026, 11, 1, 3) }),
      )
      .mockResolvedValue(detail('paid', '待发货'));
    const payOrder = jest.fn().mockResolvedValue({ outTradeNo: 'o1', payment });
    const page = setup('pages/order/detail/index', { getOrder, payOrder });
    (wx as unknown as Record<string, unknown>).requestPayment = jest.fn().mockResolvedValue({});
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    // the deadline in Beijing time: 03:00 UTC is 11:00
    expect(textOf(page.comp)).toMatch(/请在 .*11:00 前付款/);
    expect(textOf(page.comp)).toContain('去支付 ¥20.00');
    tap(page.comp, '.od__pay');
    await settle(page.simulate);
    expect(payOrder).toHaveBeenCalledWith('o1');
    expect(wx.requestPayment).toHaveBeenCalledWith(payment);
    expect(textOf(page.comp)).toContain('待发货');
    expect(textOf(page.comp)).not.toContain('去支付');
  });

  it('says so when the buyer closes the payment sheet, and pays locally through the 模拟支付 sheet', async () => {
    const unpaid = detail('unpaid', '待付款', { paidAt: null, expiresAt: Date.UTC(2026, 11, 1, 3) });
    const payOrder = jest.fn().mockResolvedValue({ outTradeNo: 'o1', payment: {} });
    const cloud = setup('pages/order/detail/index', {
      getOrder: jest.fn().mockResolvedValue(unpaid),
      payOrder,
    });
    (wx as unknown as Record<string, unknown>).requestPayment = jest
      .fn()
      .mockRejectedValue({ errMsg: 'requestPayment:fail cancel' });
    cloud.comp.instance.onLoad({ orderId: 'o1' });
    await settle(cloud.simulate);
    tap(cloud.comp, '.od__pay');
    await settle(cloud.simulate);
    expect(textOf(cloud.comp)).toContain('支付已取消，可在订单中继续支付');

    const getOrder = jest.fn().mockResolvedValueOnce(unpaid).mockResolvedValue(detail('paid', '待发货'));
    const local = setup('pages/order/detail/index', { getOrder, payOrder }, true);
    local.comp.instance.onLoad({ orderId: 'o1' });
    await settle(local.simulate);
    tap(local.comp, '.od__pay');
    await settle(local.simulate);
    expect(textOf(local.comp)).toContain('模拟支付（本地开发）');
    tap(local.comp, '.simulate__confirm');
    await settle(local.simulate);
    expect(textOf(local.comp)).toContain('待发货');
  });

  it('confirms receipt of a shipped order', async () => {
    const confirmReceipt = jest.fn().mockResolvedValue({});
    const page = setup('pages/order/detail/index', {
      getOrder: jest
        .fn()
        .mockResolvedValue(detail('shipped', '待收货', { shippedAt: Date.UTC(2026, 11, 2) })),
      confirmReceipt,
    });
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('发货');
    tap(page.comp, '.od__confirm');
    await settle(page.simulate);
    expect(confirmReceipt).toHaveBeenCalledWith('o1');
  });

  it('requests a partial refund with reason and amount; shows the refusal and then the refund status', async () => {
    const requestRefund = jest
      .fn()
      .mockRejectedValueOnce(serviceError('RULE', '退款金额不能超过可退金额 ¥20.00'))
      .mockResolvedValueOnce({});
    const openRefund = {
      refundId: 'r1',
      orderId: 'o1',
      amountFen: 550,
      reason: '少了一袋',
      status: 'requested',
      requestedBy: 'buyer',
      requestedAt: 1,
      resolvedAt: null,
      rejectReason: null,
      afterSettlement: false,
      lastError: null,
    };
    const getOrder = jest
      .fn()
      .mockResolvedValueOnce(detail('paid', '待发货'))
      .mockResolvedValue(detail('refunding', '退款中', { openRefund, openRefundId: 'r1' }));
    const page = setup('pages/order/detail/index', { getOrder, requestRefund });
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    tap(page.comp, '.od__refund-open');
    await settle(page.simulate);
    expectComponentsRendered(page);
    page.comp.instance.onReason({ detail: { value: '少了一袋' } });
    page.comp.instance.onAmount({ detail: { value: '30' } });
    tap(page.comp, '.refund__submit');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('退款金额不能超过可退金额 ¥20.00');
    page.comp.instance.onAmount({ detail: { value: '5.50' } });
    tap(page.comp, '.refund__submit');
    await settle(page.simulate);
    expect(requestRefund).toHaveBeenLastCalledWith({ orderId: 'o1', reason: '少了一袋', amountFen: 550 });
    expect(textOf(page.comp)).toContain('退款申请：¥5.50（等待商家处理）');
  });
});
