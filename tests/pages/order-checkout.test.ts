import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const INVITER = generateInviteCode(new Uint8Array(8).fill(4));
const LINES = [
  { productId: 'p1', title: '大米', cover: '', priceFen: 1000, quantity: 2 },
  { productId: 'p2', title: '茶油', cover: '', priceFen: 500, quantity: 1 },
];
const ADDRESS = { name: '张三', phone: '13800138000', detail: '北京市朝阳区某路 1 号' };

function setup(order: Record<string, jest.Mock>, storage: Record<string, unknown>, local = true) {
  const simulatePay = jest.fn().mockResolvedValue(undefined);
  jest.doMock(SERVICES.order, () => order);
  jest.doMock(SERVICES.dev, () => ({ isLocalMode: () => local, simulatePay }));
  const page = renderPage('pages/order/checkout/index', storage);
  const wxMocks = mockWx();
  const w = wx as unknown as Record<string, unknown>;
  w.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  w.chooseAddress = jest.fn().mockResolvedValue({
    userName: '张三',
    telNumber: '13800138000',
    provinceName: '北京市',
    cityName: '',
    countyName: '朝阳区',
    detailInfo: '某路 1 号',
  });
  w.requestPayment = jest.fn().mockResolvedValue({});
  return { ...page, wxMocks, simulatePay };
}

describe('pages/order/checkout', () => {
  it('creates the order with the lines, the chosen address and the inviter; shows the amount the server answers', async () => {
    const createOrder = jest
      .fn()
      .mockResolvedValue({ orderId: 'o1', payableFen: 2480, status: 'unpaid', expiresAt: 1 });
    const page = setup(
      { createOrder, payOrder: jest.fn() },
      {
        'mall.cart': LINES,
        'mall.invite': { inviteCode: INVITER, source: 'share_link', capturedAt: 1 },
      },
    );
    page.comp.instance.onLoad({ from: 'cart' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('大米');
    expectComponentsRendered(page, ['t-popup']);
    await page.comp.instance.onChooseAddress();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('北京市朝阳区某路 1 号');
    tap(page.comp, '.checkout__submit');
    await settle(page.simulate);
    expect(createOrder).toHaveBeenCalledWith({
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'p2', quantity: 1 },
      ],
      address: ADDRESS,
      inviteCode: INVITER,
    });
    // the server's amount (a discount the phone did not know of), not the sum of the cart's prices
    expect(textOf(page.comp)).toContain('¥24.80');
    expect(page.storage.get('mall.cart')).toEqual([]);
  });

  it('falls back to a typed address when chooseAddress is refused', async () => {
    const createOrder = jest
      .fn()
      .mockResolvedValue({ orderId: 'o1', payableFen: 1000, status: 'unpaid', expiresAt: 1 });
    const page = setup({ createOrder, payOrder: jest.fn() }, { 'mall.checkout': [LINES[0]] });
    (wx as unknown as Record<string, unknown>).chooseAddress = jest
      .fn()
      .mockRejectedValue({ errMsg: 'chooseAddress:fail auth deny' });
    page.comp.instance.onLoad({ from: 'buyNow' });
    await page.comp.instance.onChooseAddress();
    await settle(page.simulate);
    expect(page.comp.instance.data.manual).toBe(true);
    expectComponentsRendered(page, ['t-popup']);
    for (const [field, value] of Object.entries(ADDRESS)) {
      page.comp.instance.onFormInput({ currentTarget: { dataset: { field } }, detail: { value } });
    }
    tap(page.comp, '.form__save');
    tap(page.comp, '.checkout__submit');
    await settle(page.simulate);
    expect(createOrder).toHaveBeenCalledWith({ items: [{ productId: 'p1', quantity: 2 }], address: ADDRESS });
  });

  it("shows the server's refusal", async () => {
    const createOrder = jest.fn().mockRejectedValue(serviceError('RULE', '大米库存不足'));
    const page = setup({ createOrder, payOrder: jest.fn() }, { 'mall.checkout': [LINES[0]] });
    page.comp.instance.onLoad({});
    await page.comp.instance.onChooseAddress();
    tap(page.comp, '.checkout__submit');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('大米库存不足');
    expect(textOf(page.comp)).not.toContain('RULE');
  });

  it('in local mode pays through the labelled 模拟支付 sheet, then opens the order', async () => {
    const createOrder = jest
      .fn()
      .mockResolvedValue({ orderId: 'o9', payableFen: 1000, status: 'unpaid', expiresAt: 1 });
    const payOrder = jest.fn().mockResolvedValue({ outTradeNo: 'o9', payment: { timeStamp: '1' } });
    const page = setup({ createOrder, payOrder }, { 'mall.checkout': [LINES[0]] });
    page.comp.instance.onLoad({});
    await page.comp.instance.onChooseAddress();
    tap(page.comp, '.checkout__submit');
    await settle(page.simulate);
    tap(page.comp, '.checkout__pay');
    await settle(page.simulate);
    expect(payOrder).toHaveBeenCalledWith('o9');
    expect(textOf(page.comp)).toContain('模拟支付（本地开发）');
    expect(wx.requestPayment).not.toHaveBeenCalled();
    tap(page.comp, '.simulate__confirm');
    await settle(page.simulate);
    expect(page.simulatePay).toHaveBeenCalledWith('o9');
    expect(page.wxMocks.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?orderId=o9' });
  });

  it("in cloud mode pays with wx.requestPayment and order.pay's parameters", async () => {
    const payment = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' };
    const createOrder = jest
      .fn()
      .mockResolvedValue({ orderId: 'o2', payableFen: 1000, status: 'unpaid', expiresAt: 1 });
    const page = setup(
      { createOrder, payOrder: jest.fn().mockResolvedValue({ outTradeNo: 'o2', payment }) },
      {
        'mall.checkout': [LINES[0]],
      },
      false,
    );
    page.comp.instance.onLoad({});
    await page.comp.instance.onChooseAddress();
    tap(page.comp, '.checkout__submit');
    await settle(page.simulate);
    tap(page.comp, '.checkout__pay');
    await settle(page.simulate);
    expect(wx.requestPayment).toHaveBeenCalledWith(payment);
    expect(page.wxMocks.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?orderId=o2' });
  });
});
