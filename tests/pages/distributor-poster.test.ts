import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const CODE = generateInviteCode(new Uint8Array(8).fill(8));
const poster = {
  inviteCode: CODE,
  scene: `${CODE}h`,
  page: 'pages/mall/home/index',
  qrCode: { fileID: 'cloud://env/posters/a.png', url: '/qr.png', expiresAt: 1 },
  shop: { shopName: '小王的好物店', logo: '', logoUrl: null, intro: '', updatedAt: null },
  avatarUrl: '/avatar.png',
  product: null,
  cached: true,
};
const goodsPoster = {
  ...poster,
  scene: `${CODE}gp1`,
  product: { productId: 'p1', title: '明前龙井 250g 礼盒装', priceFen: 15800, imageUrl: '/tea.png' },
};

function setup(getPoster: jest.Mock) {
  jest.doMock(SERVICES.distributor, () => ({ getPoster }));
  const page = renderPage('pages/distributor/poster/index');
  mockWx();
  const w = wx as unknown as Record<string, unknown>;
  w.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  return page;
}

describe('pages/distributor/poster', () => {
  it('shows the shop name, the mini program code and the invite code from distributor.poster', async () => {
    const getPoster = jest.fn().mockResolvedValue(poster);
    const page = setup(getPoster);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(getPoster).toHaveBeenCalledWith({ page: 'home' });
    expect(textOf(page.comp)).toContain('小王的好物店');
    expect(textOf(page.comp)).toContain(`邀请码 ${CODE}`);
    expectComponentsRendered(page);
  });

  it("makes a product's poster when opened with a productId: picture, title, price beside the code", async () => {
    const getPoster = jest.fn().mockResolvedValue(goodsPoster);
    const page = setup(getPoster);
    page.comp.instance.onLoad({ productId: 'p1' });
    await settle(page.simulate);
    expect(getPoster).toHaveBeenCalledWith({ page: 'goods', productId: 'p1' });
    const text = textOf(page.comp);
    expect(text).toContain('明前龙井 250g 礼盒装');
    expect(text).toContain('¥158.00');
    expect(text).toContain('小王的好物店');
    expect(page.comp.instance.data.height).toBeGreaterThan(400);
    expectComponentsRendered(page);
  });

  it('saves the drawn poster to the album', async () => {
    const page = setup(jest.fn().mockResolvedValue(poster));
    const save = jest.fn().mockResolvedValue({});
    (wx as unknown as Record<string, unknown>).saveImageToPhotosAlbum = save;
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.draw = jest.fn().mockResolvedValue('wxfile://tmp/poster.png');
    tap(page.comp, '.poster__save');
    await settle(page.simulate);
    expect(save).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/poster.png' });
    expect(textOf(page.comp)).toContain('已保存到相册');
  });

  it('after a refused album permission, explains, opens the settings and saves when allowed', async () => {
    const page = setup(jest.fn().mockResolvedValue(poster));
    const w = wx as unknown as Record<string, jest.Mock>;
    w.saveImageToPhotosAlbum = jest
      .fn()
      .mockRejectedValueOnce({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' })
      .mockResolvedValueOnce({});
    w.showModal = jest.fn().mockResolvedValue({ confirm: true });
    w.openSetting = jest.fn().mockResolvedValue({ authSetting: { 'scope.writePhotosAlbum': true } });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.draw = jest.fn().mockResolvedValue('wxfile://tmp/poster.png');
    await page.comp.instance.onSave();
    await settle(page.simulate);
    expect(w.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限' }));
    expect(w.openSetting).toHaveBeenCalled();
    expect(w.saveImageToPhotosAlbum).toHaveBeenCalledTimes(2);
    expect(textOf(page.comp)).toContain('已保存到相册');
  });

  it('says so when the permission stays refused', async () => {
    const page = setup(jest.fn().mockResolvedValue(poster));
    const w = wx as unknown as Record<string, jest.Mock>;
    w.saveImageToPhotosAlbum = jest
      .fn()
      .mockRejectedValue({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    w.showModal = jest.fn().mockResolvedValue({ confirm: true });
    w.openSetting = jest.fn().mockResolvedValue({ authSetting: {} });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.draw = jest.fn().mockResolvedValue('wxfile://tmp/poster.png');
    await page.comp.instance.onSave();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('没有相册权限，海报未保存');
  });

  it("shows the server's refusal", async () => {
    const page = setup(
      jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '成为分销商后才能生成推广海报')),
    );
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('成为分销商后才能生成推广海报');
  });
});
