import { expectComponentsRendered, renderPage, settle, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const card = (productId: string, title: string) => ({
  productId,
  title,
  priceFen: 15800,
  stock: 3,
  cover: '/tea.png',
  salesCount: 7,
});

function setup(listProducts: jest.Mock, storage: Record<string, unknown> = {}) {
  jest.doMock(SERVICES.catalog, () => ({ listProducts, getProduct: jest.fn(), getShop: jest.fn() }));
  const page = renderPage('pages/mall/search/index', storage);
  const wxMocks = mockWx();
  return { ...page, wxMocks };
}

describe('pages/mall/search', () => {
  it('searches the whole shelf on the server, pages the results and keeps the search', async () => {
    const listProducts = jest
      .fn()
      .mockResolvedValueOnce({ items: [card('p1', '明前龙井')], total: 2, page: 1, pageSize: 20 })
      .mockResolvedValueOnce({ items: [card('p2', '龙井礼盒')], total: 2, page: 2, pageSize: 20 });
    const page = setup(listProducts, { 'mall.searches': ['普洱'] });
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('最近搜索');
    expect(listProducts).not.toHaveBeenCalled();

    page.comp.instance.onDraft({ detail: { value: ' 龙井 ' } });
    page.comp.instance.onSubmit();
    await settle(page.simulate);
    expect(listProducts).toHaveBeenCalledWith({ keyword: '龙井', page: 1, pageSize: 20 });
    expect(textOf(page.comp)).toContain('找到 2 件商品');
    expect(textOf(page.comp)).toContain('明前龙井');
    expect(textOf(page.comp)).toContain('¥158.00');
    expectComponentsRendered(page);

    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(listProducts).toHaveBeenLastCalledWith({ keyword: '龙井', page: 2, pageSize: 20 });
    expect(textOf(page.comp)).toContain('龙井礼盒');
    expect(textOf(page.comp)).toContain('没有更多了');
    expect(page.storage.get('mall.searches')).toEqual(['龙井', '普洱']);

    expect(page.comp.querySelectorAll('.goods')).toHaveLength(2);
    // the card carries its product for the tap (the template's data-id)
    page.comp.instance.onOpen({ currentTarget: { dataset: { id: 'p1' } } });
    expect(page.wxMocks.navigateTo).toHaveBeenCalledWith({ url: '/pages/mall/detail/index?productId=p1' });
  });

  it('searches again from a recent search, says when nothing matched, and shows the refusal', async () => {
    const listProducts = jest
      .fn()
      .mockResolvedValueOnce({ items: [], total: 0, page: 1, pageSize: 20 })
      .mockRejectedValueOnce(serviceError('VALIDATION', '搜索词最多 30 个字'));
    const page = setup(listProducts, { 'mall.searches': ['普洱'] });
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    page.comp.instance.onRecent({ currentTarget: { dataset: { keyword: '普洱' } } });
    await settle(page.simulate);
    expect(listProducts).toHaveBeenCalledWith({ keyword: '普洱', page: 1, pageSize: 20 });
    expect(textOf(page.comp)).toContain('没有找到“普洱”相关的商品');

    page.comp.instance.onDraft({ detail: { value: '很长的搜索词' } });
    page.comp.instance.onSubmit();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('搜索词最多 30 个字');
    expect(textOf(page.comp)).not.toContain('VALIDATION');
  });

  it('opens with a keyword from the home page and forgets recent searches on 清空', async () => {
    const listProducts = jest.fn().mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 });
    const page = setup(listProducts, { 'mall.searches': ['普洱', '红茶'] });
    page.comp.instance.onLoad({ keyword: encodeURIComponent('红茶') });
    await settle(page.simulate);
    expect(listProducts).toHaveBeenCalledWith({ keyword: '红茶', page: 1, pageSize: 20 });
    page.comp.instance.onClear();
    page.comp.instance.onClearRecent();
    await settle(page.simulate);
    expect(page.storage.has('mall.searches')).toBe(false);
    expect(textOf(page.comp)).toContain('输入商品名称，搜索全部在售商品');
  });
});
