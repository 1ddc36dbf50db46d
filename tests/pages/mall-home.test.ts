import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';

import { generateInviteCode } from '../../shared/invite-code';

const CODE = generateInviteCode(new Uint8Array(8).fill(7));
const CATALOG = '../../miniprogram/services/catalog/index';
const USER = '../../miniprogram/services/user/index';

const product = (productId: string, title: string, priceFen: number) => ({
  productId,
  title,
  priceFen,
  stock: 10,
  cover: `/${productId}.png`,
  salesCount: 3,
});

function mockServices(
  listProducts: jest.Mock,
  getShop = jest.fn().mockRejectedValue(new Error('店铺不存在')),
) {
  jest.doMock(CATALOG, () => ({ listProducts, getShop }));
  const login = jest.fn().mockResolvedValue({ inviteCode: 'MYCODE22', distributorStatus: 'active' });
  jest.doMock(USER, () => ({ login }));
  return { listProducts, getShop, login };
}

describe('pages/mall/home', () => {
  it('renders its tdesign components for real (the harness fails a component that renders nothing)', async () => {
    mockServices(jest.fn().mockResolvedValue({ items: [product('p1', '有机大米', 100)], total: 1 }));
    const page = renderPage('pages/mall/home/index');
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    expect(page.components.get('t-search')).toMatch(/miniprogram_npm\/tdesign-miniprogram\/search\/search$/);
    expect(expectComponentsRendered(page)).toBeGreaterThan(1);
    // the input of t-search exists only when the component really rendered
    expect(page.comp.dom!.querySelector('wx-input')).toBeTruthy();
  });

  it('lists the products that the catalog service returns, with prices in yuan', async () => {
    const { listProducts } = mockServices(
      jest.fn().mockResolvedValue({
        items: [product('p1', '有机大米 5kg', 9999), product('p2', '山茶油', 12800)],
        total: 2,
        page: 1,
        pageSize: 20,
      }),
    );
    const { comp, simulate } = renderPage('pages/mall/home/index');

    expect(textOf(comp)).toContain('加载中');
    comp.instance.onLoad({});
    await settle(simulate);

    expect(listProducts).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    const text = textOf(comp);
    expect(text).toContain('有机大米 5kg');
    expect(text).toContain('¥99.99');
    expect(text).toContain('¥128.00');
    expect(text).toContain('没有更多了');
    expect(comp.querySelectorAll('.goods')).toHaveLength(2);
  });

  it('pages on reaching the bottom and filters by the search keyword', async () => {
    const { listProducts } = mockServices(
      jest
        .fn()
        .mockResolvedValueOnce({ items: [product('p1', '大米', 100)], total: 2 })
        .mockResolvedValueOnce({ items: [product('p2', '茶油', 200)], total: 2 }),
    );
    const { comp, simulate } = renderPage('pages/mall/home/index');
    comp.instance.onLoad({});
    await settle(simulate);
    comp.instance.onReachBottom();
    await settle(simulate);
    expect(listProducts).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 });
    expect(comp.querySelectorAll('.goods')).toHaveLength(2);

    comp.instance.onSearch({ detail: { value: '茶' } });
    await settle(simulate);
    expect(comp.querySelectorAll('.goods')).toHaveLength(1);
    expect(textOf(comp)).toContain('茶油');
  });

  it("shows the distributor's shop header when the buyer arrived through a shared link", async () => {
    const getShop = jest
      .fn()
      .mockResolvedValue({ shopName: '小王的好物店', logo: '', intro: '自家种的米', inviteCode: CODE });
    mockServices(jest.fn().mockResolvedValue({ items: [], total: 0 }), getShop);
    const { comp, simulate } = renderPage('pages/mall/home/index');
    comp.instance.onLoad({ inviteCode: CODE });
    await settle(simulate);
    expect(getShop).toHaveBeenCalledWith(CODE);
    expect(textOf(comp)).toContain('小王的好物店');
    expect(textOf(comp)).toContain('暂无商品');
  });

  it('shows the error and retries on tap', async () => {
    const { listProducts } = mockServices(
      jest.fn().mockRejectedValueOnce(new Error('网络错误')).mockResolvedValueOnce({ items: [], total: 0 }),
    );
    const page = renderPage('pages/mall/home/index');
    const { comp, simulate } = page;

    comp.instance.onLoad({});
    await settle(simulate);
    expect(textOf(comp)).toContain('网络错误');
    expectComponentsRendered(page);

    tap(comp, '.home__retry');
    await settle(simulate);
    expect(listProducts).toHaveBeenCalledTimes(2);
    expect(textOf(comp)).toContain('暂无商品');
  });
});
