import { DEFAULT_CONFIG } from '../../shared/config';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const PRODUCTS = '../../miniprogram/services/admin/products';
const CONFIG = '../../miniprogram/services/admin/config';
/* eslint-disable @typescript-eslint/no-explicit-any */

const product = (productId: string, title: string, extra: Record<string, unknown> = {}) => ({
  productId,
  title,
  priceFen: 15800,
  stock: 12,
  cover: 'https://img.example.com/tea.png',
  salesCount: 34,
  images: ['https://img.example.com/tea.png', 'https://img.example.com/tea-2.png'],
  description: '明前头采',
  status: 'on',
  sort: 10,
  commission: null,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

describe('pages/admin/products', () => {
  function setup(listAdminProducts: jest.Mock) {
    jest.doMock(PRODUCTS, () => ({ listAdminProducts, getAdminProduct: jest.fn(), saveProduct: jest.fn() }));
    const page = renderPage('pages/admin/products/index');
    const w = mockWx();
    return { ...page, w };
  }

  it('lists every product with its shelf status, searches by title and filters by tab', async () => {
    const listAdminProducts = jest.fn().mockResolvedValue({
      items: [
        product('p1', '明前龙井'),
        product('p2', '普洱茶饼', { status: 'off', commission: { mode: 'rate', rates: ['0.2'] } }),
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    });
    const page = setup(listAdminProducts);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(listAdminProducts).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    const text = textOf(page.comp);
    expect(text).toContain('明前龙井');
    expect(text).toContain('¥158.00');
    expect(text).toContain('库存 12 · 已售 34');
    expect(text).toContain('已下架');
    expect(text).toContain('自定佣金');
    expectComponentsRendered(page);

    page.comp.instance.onKeyword({ detail: { value: ' 龙井 ' } });
    page.comp.instance.onSearch();
    await settle(page.simulate);
    expect(listAdminProducts).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, keyword: '龙井' });
    page.comp.instance.onTab({ detail: { value: 'off' } });
    await settle(page.simulate);
    expect(listAdminProducts).toHaveBeenLastCalledWith({
      page: 1,
      pageSize: 20,
      status: 'off',
      keyword: '龙井',
    });
    page.comp.instance.onOpen({ currentTarget: { dataset: { id: 'p2' } } });
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/product/index?productId=p2' });
    tap(page.comp, '.products__create');
    expect(page.w.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/admin/product/index' });
  });

  it('says when there is nothing yet, and shows a refusal in words', async () => {
    const empty = setup(jest.fn().mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20 }));
    empty.comp.instance.onLoad();
    await settle(empty.simulate);
    expect(textOf(empty.comp)).toContain('还没有商品');
    const refused = setup(jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '仅管理员可以操作')));
    refused.comp.instance.onLoad();
    await settle(refused.simulate);
    expect(textOf(refused.comp)).toContain('仅管理员可以操作');
  });
});

describe('pages/admin/product', () => {
  function setup(service: Record<string, jest.Mock>, levels = 2) {
    jest.doMock(PRODUCTS, () => ({
      listAdminProducts: jest.fn(),
      getAdminProduct: jest.fn(),
      saveProduct: jest.fn(),
      ...service,
    }));
    jest.doMock(CONFIG, () => ({ getConfig: jest.fn().mockResolvedValue({ ...DEFAULT_CONFIG, levels }) }));
    const uploadImage = jest.fn((path: string) =>
      Promise.resolve(`cloud://env/products/${path.split('/').pop()}`),
    );
    jest.doMock(SERVICES.storage, () => ({ uploadImage, imageSrc: (s: string) => s }));
    const page = renderPage('pages/admin/product/index');
    const w = mockWx();
    Object.assign(wx, {
      getPrivacySetting: (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false }),
      chooseMedia: jest.fn().mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/new.png' }] }),
      setNavigationBarTitle: jest.fn(),
    });
    return { ...page, w, uploadImage };
  }
  const edit = (page: any, key: string, value: unknown) =>
    page.comp.instance.onInput({ detail: { value }, currentTarget: { dataset: { key } } });

  it('edits a product: pictures, price in yuan, shelf and its own commission per level', async () => {
    const saveProduct = jest.fn(async (input: any) =>
      product('p1', input.title, { ...input, commission: input.commission }),
    );
    const page = setup({
      getAdminProduct: jest.fn().mockResolvedValue(product('p1', '明前龙井')),
      saveProduct,
    });
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    expect(page.comp.instance.data.form).toMatchObject({
      price: '158.00',
      stock: '12',
      on: true,
      commissionMode: 'none',
    });
    expect(textOf(page.comp)).toContain('封面');
    expectComponentsRendered(page);

    await page.comp.instance.onAddImages();
    expect(page.uploadImage).toHaveBeenCalledWith('wxfile://tmp/new.png', 'products');
    page.comp.instance.onImageFirst({ currentTarget: { dataset: { index: 2 } } });
    page.comp.instance.onImageRemove({ currentTarget: { dataset: { index: 2 } } });
    edit(page, 'price', '99.9');
    edit(page, 'on', false);
    page.comp.instance.onMode({ detail: { value: 'rate' } });
    edit(page, 'commission[0]', '12.5');
    edit(page, 'commission[1]', '5');
    tap(page.comp, '.editor__save');
    await settle(page.simulate);
    expect(saveProduct).toHaveBeenCalledWith({
      productId: 'p1',
      title: '明前龙井',
      priceFen: 9990,
      stock: 12,
      images: ['cloud://env/products/new.png', 'https://img.example.com/tea.png'],
      cover: 'cloud://env/products/new.png',
      status: 'off',
      sort: 10,
      description: '明前头采',
      commission: { mode: 'rate', rates: ['0.125', '0.05'] },
    });
    expect(page.w.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('creates a product with fixed commission; names unreadable fields and server problems beside them', async () => {
    const saveProduct = jest.fn().mockRejectedValue(
      Object.assign(serviceError('VALIDATION', '参数错误: title: 商品名称不能包含换行'), {
        fields: [{ path: 'title', message: '商品名称不能包含换行、控制字符或不可见字符' }],
      }),
    );
    const page = setup({ saveProduct }, 3);
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    tap(page.comp, '.editor__save');
    await settle(page.simulate);
    expect(saveProduct).not.toHaveBeenCalled();
    expect(textOf(page.comp.querySelector('.field--title') as any)).toContain('请填写商品名称');
    expect(textOf(page.comp.querySelector('.field--price') as any)).toContain('请填写价格');
    expect(textOf(page.comp.querySelector('.field--stock') as any)).toContain('请填写整数');

    edit(page, 'title', '新茶');
    edit(page, 'price', '20');
    edit(page, 'stock', '5');
    page.comp.instance.onMode({ detail: { value: 'fixed' } });
    edit(page, 'commission[0]', '3');
    tap(page.comp, '.editor__save');
    await settle(page.simulate);
    expect(saveProduct).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '新茶',
        priceFen: 2000,
        stock: 5,
        commission: { mode: 'fixed', amountsFen: [300, 0, 0] },
      }),
    );
    expect(saveProduct.mock.calls[0][0]).not.toHaveProperty('productId');
    expect(textOf(page.comp.querySelector('.field--title') as any)).toContain('不能包含换行');
  });
});
