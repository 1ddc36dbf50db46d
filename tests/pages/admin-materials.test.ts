import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const DECORATION = '../../miniprogram/services/admin/decoration';
const ID1 = 'a'.repeat(32);
const ID2 = 'b'.repeat(32);
const material = (overrides: Record<string, unknown> = {}) => ({
  materialId: ID1,
  title: '新米上市',
  text: '今年的新米到了，颗颗饱满',
  images: ['cloud://env/materials/1.png'],
  productId: 'p1',
  aim: 'sell',
  pinned: true,
  status: 'published',
  createdAt: 1,
  updatedAt: Date.UTC(2026, 11, 1, 4),
  ...overrides,
});
const PINNED = material();
const RETIRED = material({
  materialId: ID2,
  title: '一起分享好物',
  images: [],
  productId: null,
  aim: 'recruit',
  pinned: false,
  status: 'retired',
});
const RICE = {
  productId: 'p1',
  title: '有机大米',
  priceFen: 9900,
  stock: 3,
  cover: '/p1.png',
  salesCount: 1,
};
const OIL = { productId: 'p2', title: '山茶油', priceFen: 12800, stock: 3, cover: '/p2.png', salesCount: 1 };

function mockAdmin(overrides: Record<string, jest.Mock> = {}) {
  const fns = {
    listMaterials: jest.fn().mockResolvedValue({ items: [PINNED, RETIRED], total: 2, page: 1, pageSize: 20 }),
    setMaterialStatus: jest.fn().mockResolvedValue(PINNED),
    upsertMaterial: jest.fn(),
    ...overrides,
  };
  jest.doMock(DECORATION, () => fns);
  return fns;
}

describe('pages/admin/materials', () => {
  function setup(overrides: Record<string, jest.Mock> = {}) {
    const admin = mockAdmin(overrides);
    const page = renderPage('pages/admin/materials/index');
    const w = mockWx();
    return { ...page, admin, w };
  }

  it('lists the materials, pinned first, with status, aim and pictures', async () => {
    const page = setup();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(page.admin.listMaterials).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    const text = textOf(page.comp);
    expect(text).toContain('置顶');
    expect(text).toContain('已发布');
    expect(text).toContain('已撤下');
    expect(text).toContain('推广商品 · 1 张图片');
    expect(text).toContain('邀请好友一起分享 · 0 张图片');
    expect(text).toContain('没有更多了');
    expectComponentsRendered(page);
  });

  it('filters by status tab and pages on reaching the bottom', async () => {
    const listMaterials = jest
      .fn()
      .mockResolvedValueOnce({ items: [PINNED], total: 2, page: 1, pageSize: 20 })
      .mockResolvedValueOnce({ items: [PINNED], total: 2, page: 1, pageSize: 20 })
      .mockResolvedValueOnce({
        items: [material({ materialId: 'c'.repeat(32) })],
        total: 2,
        page: 2,
        pageSize: 20,
      });
    const page = setup({ listMaterials });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onTab({ detail: { value: 'published' } });
    await settle(page.simulate);
    expect(listMaterials).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, status: 'published' });
    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(listMaterials).toHaveBeenLastCalledWith({ page: 2, pageSize: 20, status: 'published' });
    expect(page.comp.querySelectorAll('.material')).toHaveLength(2);
  });

  it('pins, retires and publishes again with admin.setMaterialStatus; opens the editor', async () => {
    const page = setup();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.querySelectorAll('.material__pin-op')[0]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.admin.setMaterialStatus).toHaveBeenLastCalledWith({ materialId: ID1, pinned: false });
    page.comp.querySelectorAll('.material__status-op')[0]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.admin.setMaterialStatus).toHaveBeenLastCalledWith({ materialId: ID1, status: 'retired' });
    page.comp.querySelectorAll('.material__status-op')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.admin.setMaterialStatus).toHaveBeenLastCalledWith({ materialId: ID2, status: 'published' });
    expect(page.admin.listMaterials).toHaveBeenCalledTimes(4);
    page.comp.querySelectorAll('.material__main')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: `/pages/admin/material/index?materialId=${ID2}` });
    tap(page.comp, '.materials__new');
    await settle(page.simulate);
    expect(page.w.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/admin/material/index' });
  });

  it("shows the server's refusal beside the material, and a failed list", async () => {
    const page = setup({
      setMaterialStatus: jest.fn().mockRejectedValue(serviceError('NOT_FOUND', '素材不存在')),
    });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.querySelectorAll('.material__pin-op')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.comp.querySelectorAll('.material')[1]!.dom!.textContent).toContain('素材不存在');

    const failed = setup({
      listMaterials: jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '仅管理员可操作')),
    });
    failed.comp.instance.onLoad();
    await settle(failed.simulate);
    expect(textOf(failed.comp)).toContain('仅管理员可操作');
  });
});

describe('pages/admin/material', () => {
  function setup(overrides: Record<string, jest.Mock> = {}) {
    const admin = mockAdmin(overrides);
    const listProducts = jest.fn().mockResolvedValue({ items: [RICE, OIL], total: 2, page: 1, pageSize: 20 });
    const getProduct = jest
      .fn()
      .mockResolvedValue({ ...RICE, images: [], description: '', shareEarningFen: null });
    jest.doMock(SERVICES.catalog, () => ({ listProducts, getProduct }));
    let n = 0;
    const uploadImage = jest.fn(() => Promise.resolve(`cloud://env/materials/new${++n}.png`));
    jest.doMock(SERVICES.storage, () => ({ uploadImage }));
    const page = renderPage('pages/admin/material/index');
    const w = mockWx();
    Object.assign(wx, {
      getPrivacySetting: (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false }),
      chooseMedia: jest.fn().mockResolvedValue({
        tempFiles: [{ tempFilePath: 'wxfile://tmp/a.png' }, { tempFilePath: 'wxfile://tmp/b.png' }],
      }),
      setNavigationBarTitle: jest.fn(),
      previewImage: jest.fn(),
    });
    return { ...page, admin, w, listProducts, uploadImage };
  }

  it('opens a material by its id with its fields, product and pictures', async () => {
    const page = setup();
    page.comp.instance.onLoad({ materialId: ID1 });
    await settle(page.simulate);
    expect(page.admin.listMaterials).toHaveBeenCalledWith({ page: 1, pageSize: 100 });
    const text = textOf(page.comp);
    expect(text).toContain('已发布：分销商可以看到');
    expect(text).toContain('有机大米');
    expect(text).toContain('图片（1/9）');
    expect(page.comp.instance.data.title).toBe('新米上市');
    expect(page.comp.instance.data.pinned).toBe(true);
    expectComponentsRendered(page);
  });

  it('creates a material: text, uploaded pictures (one removed), a product, pinned', async () => {
    const upsertMaterial = jest.fn().mockResolvedValue(material({ materialId: ID2 }));
    const page = setup({ upsertMaterial });
    page.comp.instance.onLoad({});
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('发布');
    page.comp.instance.onTitle({ detail: { value: ' 山茶油 ' } });
    page.comp.instance.onText({ detail: { value: '冷榨山茶油，炒菜不油烟' } });
    tap(page.comp, '.images__add');
    await settle(page.simulate);
    expect(page.uploadImage).toHaveBeenCalledWith('wxfile://tmp/a.png', 'materials');
    page.comp.querySelectorAll('.image__remove')[0]!.dispatchEvent('tap');
    await settle(page.simulate);
    page.comp.querySelector('.product__choose')!.dispatchEvent('tap');
    await settle(page.simulate);
    page.comp.querySelectorAll('.choice')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('山茶油');
    page.comp.instance.onPinned({ detail: { value: true } });
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(upsertMaterial).toHaveBeenCalledWith({
      title: '山茶油',
      text: '冷榨山茶油，炒菜不油烟',
      images: ['cloud://env/materials/new2.png'],
      aim: 'sell',
      productId: 'p2',
      pinned: true,
    });
    expect(textOf(page.comp)).toContain('已发布，分销商可以在推广素材中看到');
  });

  it('a material inviting friends to share goes without a product; retires and publishes again', async () => {
    const upsertMaterial = jest.fn().mockResolvedValue(material({ aim: 'recruit', productId: null }));
    const setMaterialStatus = jest.fn().mockResolvedValue(material({ status: 'retired' }));
    const page = setup({ upsertMaterial, setMaterialStatus });
    page.comp.instance.onLoad({ materialId: ID1 });
    await settle(page.simulate);
    page.comp.querySelector('.aim--recruit')!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('一起分享好物');
    expect(page.comp.querySelector('.product__choose')).toBeFalsy();
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(upsertMaterial).toHaveBeenCalledWith(
      expect.objectContaining({ materialId: ID1, aim: 'recruit', productId: null }),
    );
    tap(page.comp, '.material__status-op');
    await settle(page.simulate);
    expect(setMaterialStatus).toHaveBeenCalledWith({ materialId: ID1, status: 'retired' });
    expect(textOf(page.comp)).toContain('已撤下：分销商看不到');
  });

  it("shows the server's VALIDATION message beside the field it concerns", async () => {
    const upsertMaterial = jest
      .fn()
      .mockRejectedValueOnce(serviceError('VALIDATION', '参数错误: text: 文案不能为空'))
      .mockRejectedValueOnce(serviceError('VALIDATION', '第 1 张素材图片文件不存在，请重新上传'))
      .mockRejectedValueOnce(serviceError('VALIDATION', '素材中的商品不存在：p1'));
    const page = setup({ upsertMaterial });
    page.comp.instance.onLoad({ materialId: ID1 });
    await settle(page.simulate);
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.text__error')!.dom!.textContent).toBe('参数错误: text: 文案不能为空');
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.text__error')).toBeFalsy();
    expect(page.comp.querySelector('.images__error')!.dom!.textContent).toContain('素材图片文件不存在');
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.product__error')!.dom!.textContent).toBe('素材中的商品不存在：p1');
  });

  it('says so when the material does not exist', async () => {
    const page = setup();
    page.comp.instance.onLoad({ materialId: 'f'.repeat(32) });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('素材不存在');
  });
});
