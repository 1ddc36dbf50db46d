import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, me, mockLogin, mockWx, serviceError } from './mocks';

const OWN = generateInviteCode(new Uint8Array(8).fill(5));
const product = {
  productId: 'p1',
  title: '有机大米 5kg',
  priceFen: 9990,
  stock: 8,
  cover: '/c.png',
  salesCount: 12,
  images: ['/a.png', '/b.png'],
  description: '东北五常',
  status: 'on',
  shareEarningFen: null,
};

function setup(getProduct: jest.Mock, login = me()) {
  jest.doMock(SERVICES.catalog, () => ({ getProduct, listProducts: jest.fn(), getShop: jest.fn() }));
  mockLogin(login);
  const page = renderPage('pages/mall/detail/index');
  const wxMocks = mockWx();
  return { ...page, wxMocks };
}

describe('pages/mall/detail', () => {
  it('shows images, price, stock and description; no commission line for a buyer', async () => {
    const getProduct = jest.fn().mockResolvedValue(product);
    const page = setup(getProduct);
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    expect(getProduct).toHaveBeenCalledWith('p1', false);
    const text = textOf(page.comp);
    expect(text).toContain('¥99.90');
    expect(text).toContain('库存 8');
    expect(text).toContain('东北五常');
    expect(text).not.toContain('佣金');
    expectComponentsRendered(page);
  });

  it('tells an active distributor what sharing earns per unit, and shares with its own code', async () => {
    const getProduct = jest.fn().mockResolvedValue({ ...product, shareEarningFen: 1198 });
    const page = setup(getProduct, me({ distributorStatus: 'active', inviteCode: OWN }));
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    expect(getProduct).toHaveBeenCalledWith('p1', true);
    expect(textOf(page.comp)).toContain('分享赚 ¥11.98');
    expect(textOf(page.comp)).toContain('每买一件');
    tap(page.comp, '.detail__poster');
    expect(page.wxMocks.navigateTo).toHaveBeenCalledWith({
      url: '/pages/distributor/poster/index?productId=p1',
    });
    expect(page.comp.instance.onShareAppMessage().path).toBe(
      `/pages/mall/detail/index?productId=p1&inviteCode=${OWN}`,
    );
    expect(page.comp.instance.onShareTimeline().query).toBe(`productId=p1&inviteCode=${OWN}`);
  });

  it('adds to the cart and buys now through checkout', async () => {
    const page = setup(jest.fn().mockResolvedValue(product));
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    tap(page.comp, '.detail__cart');
    tap(page.comp, '.detail__cart');
    expect(page.storage.get('mall.cart')).toEqual([
      { productId: 'p1', title: '有机大米 5kg', cover: '/c.png', priceFen: 9990, quantity: 2 },
    ]);
    tap(page.comp, '.detail__buy');
    expect(page.storage.get('mall.checkout')).toEqual([
      expect.objectContaining({ productId: 'p1', quantity: 1 }),
    ]);
    expect(page.wxMocks.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/checkout/index?from=buyNow' });
  });

  it('cannot be bought when sold out or off the shelf', async () => {
    const page = setup(jest.fn().mockResolvedValue({ ...product, stock: 0, status: 'off' }));
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('已售罄');
    expect(textOf(page.comp)).toContain('已下架');
    expect(page.comp.instance.data.buyable).toBe(false);
  });

  it("shows the server's message when the product cannot be loaded", async () => {
    const page = setup(jest.fn().mockRejectedValue(serviceError('NOT_FOUND', '商品不存在')));
    page.comp.instance.onLoad({ productId: 'nope' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('商品不存在');
    expect(textOf(page.comp)).not.toContain('NOT_FOUND');
  });
});
