import { renderPage, settle, textOf } from './harness';

const SERVICE = '../../miniprogram/services/catalog/listProducts';

describe('pages/mall/home', () => {
  it('lists the products that the catalog service returns, with prices in yuan', async () => {
    const listProducts = jest.fn().mockResolvedValue({
      items: [
        { productId: 'p1', title: '有机大米 5kg', priceFen: 9999, stock: 10, cover: '/c1.png' },
        { productId: 'p2', title: '山茶油', priceFen: 12800, stock: 0, cover: '/c2.png' },
      ],
      total: 2,
    });
    jest.doMock(SERVICE, () => ({ listProducts }));
    const { comp, simulate } = renderPage('pages/mall/home/index');

    expect(textOf(comp)).toContain('加载中');
    comp.instance.onLoad();
    await settle(simulate);

    expect(listProducts).toHaveBeenCalledTimes(1);
    const text = textOf(comp);
    expect(text).toContain('有机大米 5kg');
    expect(text).toContain('¥99.99');
    expect(text).toContain('¥128.00');
    expect(comp.querySelectorAll('.goods')).toHaveLength(2);
  });

  it('shows the error and retries on tap', async () => {
    const listProducts = jest
      .fn()
      .mockRejectedValueOnce(new Error('网络错误'))
      .mockResolvedValueOnce({ items: [], total: 0 });
    jest.doMock(SERVICE, () => ({ listProducts }));
    const { comp, simulate } = renderPage('pages/mall/home/index');

    comp.instance.onLoad();
    await settle(simulate);
    expect(textOf(comp)).toContain('网络错误');

    comp.querySelector('.home__retry')!.dispatchEvent('tap');
    await settle(simulate);
    expect(listProducts).toHaveBeenCalledTimes(2);
    expect(textOf(comp)).toContain('暂无商品');
  });
});
