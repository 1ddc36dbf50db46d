import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx } from './mocks';

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

const NO_DECORATION = { banners: [], featured: [], shop: null };

function mockServices(listProducts: jest.Mock, getHome = jest.fn().mockResolvedValue(NO_DECORATION)) {
  jest.doMock(CATALOG, () => ({ listProducts, getHome }));
  const login = jest.fn().mockResolvedValue({ inviteCode: 'MYCODE22', distributorStatus: 'active' });
  jest.doMock(USER, () => ({ login }));
  return { listProducts, getHome, login };
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

  it('pages on reaching the bottom; a search opens the search page, which asks the server', async () => {
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

    const w = mockWx();
    comp.instance.onSearch({ detail: { value: ' 茶 油 ' } });
    comp.instance.onSearchSubmit();
    expect(w.navigateTo).toHaveBeenCalledWith({
      url: `/pages/mall/search/index?keyword=${encodeURIComponent('茶 油')}`,
    });
    // the list itself is not filtered: the search page searches the whole shelf
    expect(comp.querySelectorAll('.goods')).toHaveLength(2);
  });

  it("shows the distributor's shop header and its picks first, then the rest without the picks", async () => {
    const getHome = jest.fn().mockResolvedValue({
      banners: [],
      featured: [product('p3', '土鸡蛋', 3000)],
      shop: {
        shopName: '小王的好物店',
        logo: '',
        intro: '自家种的米',
        inviteCode: CODE,
        picks: [product('p2', '山茶油', 12800)],
      },
    });
    mockServices(
      jest.fn().mockResolvedValue({
        items: [
          product('p1', '有机大米', 100),
          product('p2', '山茶油', 12800),
          product('p3', '土鸡蛋', 3000),
        ],
        total: 3,
      }),
      getHome,
    );
    const page = renderPage('pages/mall/home/index');
    const { comp, simulate } = page;
    comp.instance.onLoad({ inviteCode: CODE });
    await settle(simulate);
    expect(getHome).toHaveBeenCalledWith(CODE);
    const text = textOf(comp);
    expect(text).toContain('小王的好物店');
    expect(text).toContain('自家种的米');
    expect(text.indexOf('店主精选')).toBeLessThan(text.indexOf('为你推荐'));
    expect(text.indexOf('山茶油')).toBeLessThan(text.indexOf('有机大米'));
    // each product once: the pick and the featured one are left out of the list below
    expect(comp.querySelectorAll('.picks .goods')).toHaveLength(1);
    expect(comp.querySelectorAll('.featured .goods')).toHaveLength(1);
    expect(comp.querySelectorAll('.home__list .goods')).toHaveLength(1);
    expect(text.match(/山茶油/g)).toHaveLength(1);
    expectComponentsRendered(page);
  });

  it('shows the enabled banners catalog.home returns, a tap opening the linked product or page', async () => {
    const getHome = jest.fn().mockResolvedValue({
      banners: [
        {
          bannerId: 'b1',
          image: 'cloud://env/banners/1.png',
          link: { type: 'product', productId: 'p1' },
          path: 'pages/mall/detail/index?productId=p1',
        },
        {
          bannerId: 'b2',
          image: 'cloud://env/banners/2.png',
          link: { type: 'page', page: 'apply' },
          path: 'pages/promote/center/index?apply=1',
        },
      ],
      featured: [],
      shop: null,
    });
    mockServices(jest.fn().mockResolvedValue({ items: [product('p1', '有机大米', 100)], total: 1 }), getHome);
    const { comp, simulate } = renderPage('pages/mall/home/index');
    const w = mockWx();
    comp.instance.onLoad({});
    await settle(simulate);
    expect(getHome).toHaveBeenCalledWith(undefined);
    const banners = comp.querySelectorAll('.banner');
    expect(banners).toHaveLength(2);
    expect(comp.instance.data.banners.map((b: { image: string }) => b.image)).toEqual([
      'cloud://env/banners/1.png',
      'cloud://env/banners/2.png',
    ]);
    banners[0]!.dispatchEvent('tap');
    await settle(simulate);
    expect(w.navigateTo).toHaveBeenCalledWith({ url: '/pages/mall/detail/index?productId=p1' });
    banners[1]!.dispatchEvent('tap');
    await settle(simulate);
    // the center is a tab page: switchTab, which takes no query
    expect(w.switchTab).toHaveBeenCalledWith({ url: '/pages/promote/center/index' });
  });

  it('keeps the product list when the decoration cannot be read', async () => {
    mockServices(
      jest.fn().mockResolvedValue({ items: [product('p1', '有机大米', 100)], total: 1 }),
      jest.fn().mockRejectedValue(new Error('网络错误')),
    );
    const { comp, simulate } = renderPage('pages/mall/home/index');
    comp.instance.onLoad({});
    await settle(simulate);
    expect(textOf(comp)).toContain('有机大米');
    expect(comp.querySelectorAll('.banner')).toHaveLength(0);
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
