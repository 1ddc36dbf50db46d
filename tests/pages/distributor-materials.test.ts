import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const CODE = generateInviteCode(new Uint8Array(8).fill(6));
const material = (overrides: Record<string, unknown>) => ({
  materialId: 'a'.repeat(32),
  title: '新米上市',
  text: '今年的新米到了，颗颗饱满，煮饭满屋香。喜欢的朋友点链接看看，下单次日发货。',
  images: ['cloud://env/materials/1.png', 'cloud://env/materials/2.png'],
  productId: 'p1',
  aim: 'sell',
  pinned: true,
  status: 'published',
  createdAt: 1,
  updatedAt: 1,
  product: {
    productId: 'p1',
    title: '有机大米 5kg',
    priceFen: 9900,
    stock: 3,
    cover: '/p1.png',
    salesCount: 2,
  },
  sharePath: `pages/mall/detail/index?productId=p1&inviteCode=${CODE}`,
  ...overrides,
});
const SELL = material({});
const RECRUIT = material({
  materialId: 'b'.repeat(32),
  title: '一起分享好物',
  text: '喜欢分享好物的朋友，一起来开店吧',
  images: [],
  productId: null,
  aim: 'recruit',
  pinned: false,
  product: null,
  sharePath: `pages/promote/center/index?apply=1&inviteCode=${CODE}`,
});

function setup(listMaterials: jest.Mock) {
  jest.doMock(SERVICES.distributor, () => ({ listMaterials }));
  const downloadImage = jest.fn((id: string) => Promise.resolve(`wxfile://tmp/${id.split('/').pop()}`));
  jest.doMock(SERVICES.storage, () => ({ downloadImage }));
  const page = renderPage('pages/distributor/materials/index');
  const w = mockWx();
  const ww = wx as unknown as Record<string, unknown>;
  ww.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  const clip = jest.fn();
  const preview = jest.fn();
  Object.assign(ww, { setClipboardData: clip, previewImage: preview });
  return { ...page, w, clip, preview, downloadImage };
}

const page1 = { items: [SELL, RECRUIT], total: 2, page: 1, pageSize: 10 };

describe('pages/distributor/materials', () => {
  it('lists the published materials, pinned first, with text, pictures, product and what each is for', async () => {
    const listMaterials = jest.fn().mockResolvedValue(page1);
    const page = setup(listMaterials);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(listMaterials).toHaveBeenCalledWith({ page: 1, pageSize: 10 });
    const text = textOf(page.comp);
    expect(text).toContain('置顶');
    expect(text.indexOf('新米上市')).toBeLessThan(text.indexOf('一起分享好物'));
    expect(text).toContain('颗颗饱满');
    expect(text).toContain('有机大米 5kg');
    expect(text).toContain('¥99.00');
    expect(text).toContain('邀请好友一起分享');
    expect(text).not.toMatch(/招募|拉人|躺赚|收入/);
    expect(page.comp.querySelectorAll('.material__image')).toHaveLength(2);
    expect(text).toContain('没有更多了');
    expectComponentsRendered(page);
  });

  it('copies the text with one tap and previews the pictures', async () => {
    const page = setup(jest.fn().mockResolvedValue(page1));
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tap(page.comp, '.material__copy');
    expect(page.clip).toHaveBeenCalledWith({ data: SELL.text });
    page.comp.querySelectorAll('.material__image')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(page.preview).toHaveBeenCalledWith({ urls: SELL.images, current: SELL.images[1] });
  });

  it("shares the material's path with the caller's invite code, its text start and first picture", async () => {
    const page = setup(jest.fn().mockResolvedValue(page1));
    page.comp.instance.onLoad();
    await settle(page.simulate);
    const share = page.comp.instance.onShareAppMessage({ from: 'button', target: { dataset: { index: 0 } } });
    expect(share.path).toBe(`/pages/mall/detail/index?productId=p1&inviteCode=${CODE}`);
    expect(share.imageUrl).toBe('cloud://env/materials/1.png');
    expect(share.title.startsWith('今年的新米到了')).toBe(true);
    expect([...share.title].length).toBeLessThanOrEqual(29);
    const recruit = page.comp.instance.onShareAppMessage({
      from: 'button',
      target: { dataset: { index: 1 } },
    });
    expect(recruit.path).toBe(`/pages/promote/center/index?apply=1&inviteCode=${CODE}`);
    expect(recruit.imageUrl).toBeUndefined();
  });

  it('saves every picture to the album', async () => {
    const page = setup(jest.fn().mockResolvedValue(page1));
    const save = jest.fn().mockResolvedValue({});
    (wx as unknown as Record<string, unknown>).saveImageToPhotosAlbum = save;
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tap(page.comp, '.material__save');
    await settle(page.simulate);
    expect(page.downloadImage).toHaveBeenCalledWith('cloud://env/materials/1.png');
    expect(save.mock.calls).toEqual([
      [{ filePath: 'wxfile://tmp/1.png' }],
      [{ filePath: 'wxfile://tmp/2.png' }],
    ]);
    expect(textOf(page.comp)).toContain('已保存 2 张图片到相册');
  });

  it('after a refused album permission opens the settings, and says so when it stays refused', async () => {
    const page = setup(jest.fn().mockResolvedValue(page1));
    const w = wx as unknown as Record<string, jest.Mock>;
    w.saveImageToPhotosAlbum = jest
      .fn()
      .mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    w.showModal = jest.fn().mockResolvedValue({ confirm: true });
    w.openSetting = jest.fn().mockResolvedValue({ authSetting: {} });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    await page.comp.instance.onSaveImages({ currentTarget: { dataset: { index: 0 } } });
    await settle(page.simulate);
    expect(w.openSetting).toHaveBeenCalled();
    expect(page.comp.querySelector('.material__error')!.dom!.textContent).toContain(
      '没有相册权限，图片未保存',
    );
  });

  it("shows the server's refusal and an empty list", async () => {
    const page = setup(
      jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '成为分销商后才能使用推广工具')),
    );
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('成为分销商后才能使用推广工具');

    const empty = setup(jest.fn().mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 10 }));
    empty.comp.instance.onLoad();
    await settle(empty.simulate);
    expect(textOf(empty.comp)).toContain('商家还没有发布推广素材');
    expectComponentsRendered(empty);
  });
});
