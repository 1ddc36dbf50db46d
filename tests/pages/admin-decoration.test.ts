import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const DECORATION = '../../miniprogram/services/admin/decoration';
const product = (productId: string, title: string, priceFen: number) => ({
  productId,
  title,
  priceFen,
  stock: 10,
  cover: `/${productId}.png`,
  salesCount: 1,
});
const RICE = product('p1', '有机大米', 9900);
const OIL = product('p2', '山茶油', 12800);

const decoration = {
  banners: [
    {
      bannerId: 'b2',
      image: 'cloud://env/banners/2.png',
      link: { type: 'page', page: 'apply' },
      sort: 1,
      status: 'off',
    },
    {
      bannerId: 'b1',
      image: 'cloud://env/banners/1.png',
      link: { type: 'product', productId: 'p1' },
      sort: 2,
      status: 'on',
    },
  ],
  featured: ['p1', 'gone', 'p9'],
  updatedAt: 1,
};

function setup(updateDecoration = jest.fn(), getDecoration = jest.fn().mockResolvedValue(decoration)) {
  jest.doMock(DECORATION, () => ({ getDecoration, updateDecoration }));
  const listProducts = jest.fn().mockResolvedValue({ items: [RICE, OIL], total: 2, page: 1, pageSize: 20 });
  const getHome = jest.fn().mockResolvedValue({ banners: [], featured: [RICE], shop: null });
  const getProduct = jest.fn((productId: string) =>
    productId === 'gone'
      ? Promise.reject(new Error('商品不存在'))
      : Promise.resolve({ ...OIL, productId, title: '旧款茶具', status: 'off' }),
  );
  jest.doMock(SERVICES.catalog, () => ({ listProducts, getHome, getProduct }));
  const uploadImage = jest.fn().mockResolvedValue('cloud://env/banners/3.png');
  jest.doMock(SERVICES.storage, () => ({ uploadImage }));
  const page = renderPage('pages/admin/decoration/index');
  mockWx();
  const w = wx as unknown as Record<string, unknown>;
  w.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  w.chooseMedia = jest.fn().mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/3.png' }] });
  return { ...page, getDecoration, updateDecoration, listProducts, uploadImage };
}

async function loaded(update = jest.fn()) {
  const page = setup(update);
  page.comp.instance.onLoad();
  await settle(page.simulate);
  return page;
}

const at = (page: ReturnType<typeof setup>, selector: string, index: number) => {
  page.comp.querySelectorAll(selector)[index]!.dispatchEvent('tap');
  return settle(page.simulate);
};

describe('pages/admin/decoration', () => {
  it('shows the banners in order with their links by name, and the featured products by title', async () => {
    const page = await loaded();
    const text = textOf(page.comp);
    expect(text).toContain('首页轮播图（2/10）');
    expect(text.indexOf('商品：有机大米')).toBeLessThan(text.indexOf('页面：申请成为分销商'));
    expect(text).toContain('已下线 · 上线');
    expect(text).toContain('1. 有机大米');
    expect(text).toContain('商品 gone（已不存在）');
    expect(text).toContain('3. 旧款茶具（已下架）');
    expectComponentsRendered(page);
  });

  it('adds an uploaded banner linked to a product, reorders, switches off and saves the whole decoration', async () => {
    const update = jest.fn().mockResolvedValue({ banners: [], featured: [], updatedAt: 2 });
    const page = await loaded(update);
    tap(page.comp, '.banners__add');
    await settle(page.simulate);
    expect(page.uploadImage).toHaveBeenCalledWith('wxfile://tmp/3.png', 'banners');
    await at(page, '.banner__product', 2);
    expect(page.listProducts).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    await at(page, '.choice', 1); // 山茶油
    expect(textOf(page.comp)).toContain('商品：山茶油');
    await at(page, '.banner__up', 2);
    await at(page, '.banner__toggle', 0);
    // a page link by its name: 推广中心 is the second of LINK_PAGES
    page.comp.instance.onLinkPage({ currentTarget: { dataset: { index: 2 } }, detail: { value: '1' } });
    await at(page, '.featured__remove', 1);
    await at(page, '.featured__remove', 1);
    tap(page.comp, '.featured__add');
    await settle(page.simulate);
    await at(page, '.choice', 1);
    await at(page, '.featured__up', 1);

    tap(page.comp, '.deco__save');
    await settle(page.simulate);
    expect(update).toHaveBeenCalledWith({
      banners: [
        {
          bannerId: 'b1',
          image: 'cloud://env/banners/1.png',
          link: { type: 'product', productId: 'p1' },
          status: 'off',
          sort: 3,
        },
        {
          image: 'cloud://env/banners/3.png',
          link: { type: 'product', productId: 'p2' },
          status: 'on',
          sort: 2,
        },
        {
          bannerId: 'b2',
          image: 'cloud://env/banners/2.png',
          link: { type: 'page', page: 'center' },
          status: 'off',
          sort: 1,
        },
      ],
      featured: ['p2', 'p1'],
    });
    expect(textOf(page.comp)).toContain('已保存');
  });

  it("shows the server's VALIDATION message beside the part it concerns", async () => {
    const update = jest
      .fn()
      .mockRejectedValueOnce(serviceError('VALIDATION', '第 2 张轮播图文件不存在，请重新上传'))
      .mockRejectedValueOnce(serviceError('VALIDATION', '推荐商品中的商品不存在：gone'))
      .mockRejectedValueOnce(serviceError('FORBIDDEN', '仅管理员可操作'));
    const page = await loaded(update);
    tap(page.comp, '.deco__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.banners__error')!.dom!.textContent).toBe(
      '第 2 张轮播图文件不存在，请重新上传',
    );
    tap(page.comp, '.deco__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.banners__error')).toBeFalsy();
    expect(page.comp.querySelector('.featured__error')!.dom!.textContent).toBe(
      '推荐商品中的商品不存在：gone',
    );
    tap(page.comp, '.deco__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.deco__error')!.dom!.textContent).toBe('仅管理员可操作');
  });

  it('shows a failed load and retries', async () => {
    const getDecoration = jest
      .fn()
      .mockRejectedValueOnce(serviceError('FORBIDDEN', '仅管理员可操作'))
      .mockResolvedValueOnce({ banners: [], featured: [], updatedAt: null });
    const page = setup(jest.fn(), getDecoration);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('仅管理员可操作');
    tap(page.comp, '.deco__retry');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('还没有轮播图');
    expectComponentsRendered(page);
  });
});
