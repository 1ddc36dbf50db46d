import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const SERVICE = '../../miniprogram/services/admin/orders';

const line = {
  lineId: 'l1',
  productId: 'p1',
  title: '明前龙井',
  cover: '',
  priceFen: 15800,
  quantity: 2,
  paidFen: 31600,
  refundedFen: 0,
};
const summary = (extra: Record<string, unknown> = {}) => ({
  orderId: 'o1',
  status: 'paid',
  statusName: '待发货',
  items: [line],
  payableFen: 31600,
  refundedFen: 0,
  createdAt: Date.UTC(2026, 11, 1, 2),
  buyerId: 'b1',
  address: { name: '张三', phone: '13800138000', detail: '杭州市西湖区文三路 1 号' },
  commissionFen: 3792,
  openRefundId: null,
  latePayment: null,
  ...extra,
});
const order = (extra: Record<string, unknown> = {}) => ({
  ...summary(),
  inviterId: 'u1',
  transactionId: 'tx1',
  buyer: { userId: 'b1', nickname: '小李', inviteCode: null },
  goodsFen: 31600,
  discountFen: 0,
  shippingFen: 0,
  statusBeforeRefund: null,
  shipping: null,
  expiresAt: 0,
  paidAt: Date.UTC(2026, 11, 1, 2, 1),
  shippedAt: null,
  receivedAt: null,
  autoConfirmAt: null,
  settleAt: null,
  completedAt: null,
  cancelledAt: null,
  refundedAt: null,
  commissions: [
    {
      commissionId: 'o1-L1',
      level: 1,
      beneficiaryId: 'u1',
      beneficiary: { userId: 'u1', nickname: '王老师', inviteCode: 'WANG01' },
      baseFen: 31600,
      rate: '0.12',
      fixedPerUnitFen: null,
      originalAmountFen: 3792,
      amountFen: 3792,
      clawbackFen: 0,
      status: 'pending',
      lines: [],
    },
  ],
  refunds: [],
  ...extra,
});

function setup(service: Record<string, jest.Mock>, page: string, confirm = true) {
  jest.doMock(SERVICE, () => ({
    listAdminOrders: jest.fn(),
    getAdminOrder: jest.fn(),
    shipOrder: jest.fn(),
    resolveRefund: jest.fn(),
    refundOrder: jest.fn(),
    ...service,
  }));
  const rendered = renderPage(page);
  const showModal = jest.fn((o: { success: (r: { confirm: boolean }) => void }) => o.success({ confirm }));
  const w = { ...mockWx(), showModal };
  Object.assign(wx, { showModal });
  return { ...rendered, w };
}

describe('pages/admin/orders', () => {
  it('lists the orders to ship first, refund requests as a tab, and searches', async () => {
    const listAdminOrders = jest
      .fn()
      .mockResolvedValue({ items: [summary()], total: 1, page: 1, pageSize: 20 });
    const page = setup({ listAdminOrders }, 'pages/admin/orders/index');
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(listAdminOrders).toHaveBeenCalledWith({ page: 1, pageSize: 20, status: 'paid' });
    const text = textOf(page.comp);
    expect(text).toContain('明前龙井 × 2');
    expect(text).toContain('张三 13800138000');
    expect(text).toContain('¥316.00');
    expectComponentsRendered(page);
    page.comp.instance.onTab({ detail: { value: 'refund' } });
    await settle(page.simulate);
    expect(listAdminOrders).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, refundOpen: true });
    page.comp.instance.onKeyword({ detail: { value: ' 13800138000 ' } });
    page.comp.instance.onSearch();
    await settle(page.simulate);
    expect(listAdminOrders).toHaveBeenLastCalledWith({
      page: 1,
      pageSize: 20,
      refundOpen: true,
      keyword: '13800138000',
    });
    page.comp.instance.onOpen({ currentTarget: { dataset: { id: 'o1' } } });
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/order/index?orderId=o1' });
  });
});

describe('pages/admin/order', () => {
  it('shows the order with its commissions and ships it with carrier and number', async () => {
    const getAdminOrder = jest
      .fn()
      .mockResolvedValueOnce(order())
      .mockResolvedValue(
        order({
          status: 'shipped',
          statusName: '待收货',
          shipping: { carrier: '顺丰速运', trackingNo: 'SF1234567' },
        }),
      );
    const shipOrder = jest.fn().mockResolvedValue({});
    const page = setup({ getAdminOrder, shipOrder }, 'pages/admin/order/index');
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('待发货');
    expect(text).toContain('一级 王老师（邀请码 WANG01） · ¥316.00 × 12%');
    expect(textOf(page.comp.querySelector('.od__buyer') as never)).toContain('小李');
    expect(text).toContain('¥37.92');
    expect(text).toContain('杭州市西湖区文三路 1 号');
    expectComponentsRendered(page);
    tap(page.comp, '.ship__confirm');
    await settle(page.simulate);
    expect(shipOrder).not.toHaveBeenCalled();
    expect(textOf(page.comp.querySelector('.field--carrier') as never)).toContain('请填写物流公司');
    page.comp.instance.onInput({
      detail: { value: '顺丰速运' },
      currentTarget: { dataset: { key: 'carrier' } },
    });
    page.comp.instance.onInput({
      detail: { value: 'SF1234567' },
      currentTarget: { dataset: { key: 'trackingNo' } },
    });
    await page.comp.instance.onShip();
    await settle(page.simulate);
    expect(shipOrder).toHaveBeenCalledWith({ orderId: 'o1', carrier: '顺丰速运', trackingNo: 'SF1234567' });
    expect(textOf(page.comp)).toContain('物流：顺丰速运 SF1234567');
  });

  it("shows the server's problem beside the tracking number", async () => {
    const shipOrder = jest.fn().mockRejectedValue(
      Object.assign(serviceError('VALIDATION', '参数错误: trackingNo: 运单号格式不对'), {
        fields: [{ path: 'trackingNo', message: '运单号只能是 4–40 位字母、数字或 -' }],
      }),
    );
    const page = setup(
      { getAdminOrder: jest.fn().mockResolvedValue(order()), shipOrder },
      'pages/admin/order/index',
    );
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    page.comp.instance.onInput({ detail: { value: '顺丰' }, currentTarget: { dataset: { key: 'carrier' } } });
    page.comp.instance.onInput({
      detail: { value: 'SF 1' },
      currentTarget: { dataset: { key: 'trackingNo' } },
    });
    await page.comp.instance.onShip();
    await settle(page.simulate);
    expect(textOf(page.comp.querySelector('.field--trackingNo') as never)).toContain('运单号只能是 4–40 位');
  });

  it('decides a refund request: reject needs a reason; approve after confirming', async () => {
    const withRequest = order({
      status: 'shipped',
      statusName: '待收货',
      openRefundId: 'r1',
      refunds: [
        {
          refundId: 'r1',
          orderId: 'o1',
          amountFen: 15800,
          reason: '包装破损',
          status: 'requested',
          statusName: '待处理',
          requestedBy: 'buyer',
          requestedAt: 1,
          resolvedAt: null,
          rejectReason: null,
          afterSettlement: false,
          lastError: null,
        },
      ],
    });
    const resolveRefund = jest.fn().mockResolvedValue({});
    const page = setup(
      { getAdminOrder: jest.fn().mockResolvedValue(withRequest), resolveRefund },
      'pages/admin/order/index',
    );
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('退款申请 ¥158.00');
    expect(textOf(page.comp)).toContain('包装破损');
    tap(page.comp, '.refund__reject');
    await settle(page.simulate);
    await page.comp.instance.onRejectRefund();
    await settle(page.simulate);
    expect(resolveRefund).not.toHaveBeenCalled();
    expect(textOf(page.comp)).toContain('请写明拒绝原因');
    page.comp.instance.onInput({
      detail: { value: '已签收无破损' },
      currentTarget: { dataset: { key: 'rejectReason' } },
    });
    await page.comp.instance.onRejectRefund();
    expect(resolveRefund).toHaveBeenCalledWith({ orderId: 'o1', approve: false, reason: '已签收无破损' });
    await page.comp.instance.onApproveRefund();
    expect(page.w.showModal).toHaveBeenCalled();
    expect(resolveRefund).toHaveBeenLastCalledWith({ orderId: 'o1', approve: true });
  });

  it('refunds on the merchant’s initiative: amount in yuan or everything, and the refusal in words', async () => {
    const refundOrder = jest.fn().mockRejectedValue(serviceError('RULE', '退款金额超过可退金额'));
    const page = setup(
      {
        // a buyer whose user record is gone still shows by id
        getAdminOrder: jest
          .fn()
          .mockResolvedValue(order({ status: 'completed', statusName: '已完成', buyer: null })),
        refundOrder,
      },
      'pages/admin/order/index',
    );
    page.comp.instance.onLoad({ orderId: 'o1' });
    await settle(page.simulate);
    expect(textOf(page.comp.querySelector('.od__buyer') as never)).toContain('用户 b1');
    tap(page.comp, '.refund__open');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('最多 ¥316.00');
    page.comp.instance.onInput({
      detail: { value: '50.5' },
      currentTarget: { dataset: { key: 'refundAmount' } },
    });
    page.comp.instance.onInput({
      detail: { value: '缺货' },
      currentTarget: { dataset: { key: 'refundReason' } },
    });
    await page.comp.instance.onRefund();
    await settle(page.simulate);
    expect(refundOrder).toHaveBeenCalledWith({ orderId: 'o1', reason: '缺货', amountFen: 5050 });
    expect(textOf(page.comp)).toContain('退款金额超过可退金额');
  });
});
