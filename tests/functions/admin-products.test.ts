/** The merchant's product list and editor view: every product whatever its shelf status, searched and paged. */
import { ADMIN, type Mall, startMall } from './harness';

describe('admin products', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
    for (const [productId, title, sort, status] of [
      ['ap-a', '明前龙井 250g', 10, 'on'],
      ['ap-b', '龙井礼盒（已下架）', 30, 'off'],
      ['ap-c', '普洱茶饼', 20, 'on'],
    ] as const) {
      await mall.ok(
        'admin',
        'upsertProduct',
        {
          productId,
          title,
          priceFen: 9900,
          stock: 5,
          sort,
          status,
          commission: { mode: 'rate', rates: ['0.2'] },
        },
        ADMIN,
      );
    }
  });
  afterAll(() => mall.stop());

  const ids = (page: { items: { productId: string }[] }) => page.items.map((p) => p.productId);

  it('lists on- and off-shelf products, highest sort first, with what the editor needs', async () => {
    const all = await mall.ok('admin', 'listProducts', { pageSize: 100 }, ADMIN);
    expect(ids(all)).toEqual(['ap-b', 'ap-c', 'ap-a']);
    expect(all.total).toBe(3);
    expect(all.items[0]).toMatchObject({
      status: 'off',
      sort: 30,
      commission: { mode: 'rate', rates: ['0.2'] },
      salesCount: 0,
      stock: 5,
    });
    expect(ids(await mall.ok('admin', 'listProducts', { status: 'off' }, ADMIN))).toEqual(['ap-b']);
    expect(ids(await mall.ok('admin', 'listProducts', { status: 'on', keyword: '龙井' }, ADMIN))).toEqual([
      'ap-a',
    ]);
    expect(ids(await mall.ok('admin', 'listProducts', { keyword: '（已下架）' }, ADMIN))).toEqual(['ap-b']);
    const page2 = await mall.ok('admin', 'listProducts', { page: 2, pageSize: 2 }, ADMIN);
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(ids(page2)).toEqual(['ap-a']);
    expect(await mall.refused('admin', 'listProducts', { status: 'gone' }, ADMIN)).toBe('VALIDATION');
  });

  it('opens one product for the editor, off the shelf too', async () => {
    expect(await mall.ok('admin', 'getProduct', { productId: 'ap-b' }, ADMIN)).toMatchObject({
      productId: 'ap-b',
      title: '龙井礼盒（已下架）',
      status: 'off',
      commission: { mode: 'rate', rates: ['0.2'] },
      images: [],
      description: '',
    });
    expect(await mall.refused('admin', 'getProduct', { productId: 'ap-zzz' }, ADMIN)).toBe('NOT_FOUND');
    expect(await mall.refused('admin', 'getProduct', {}, ADMIN)).toBe('VALIDATION');
  });
});
