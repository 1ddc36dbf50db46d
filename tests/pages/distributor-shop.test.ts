import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const shop = {
  shopName: '小王的好物店',
  logo: 'cloud://env/shop-logos/a.png',
  logoUrl: '/a.png',
  intro: '自家种的米',
  updatedAt: 1,
};

function setup(updateShop: jest.Mock, getCenter = jest.fn().mockResolvedValue({ shop })) {
  jest.doMock(SERVICES.distributor, () => ({ getCenter, updateShop }));
  const uploadImage = jest.fn().mockResolvedValue('cloud://env/shop-logos/b.png');
  jest.doMock(SERVICES.storage, () => ({ uploadImage }));
  const page = renderPage('pages/distributor/shop/index');
  mockWx();
  const w = wx as unknown as Record<string, unknown>;
  w.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  w.chooseMedia = jest.fn().mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/b.png' }] });
  return { ...page, uploadImage };
}

describe('pages/distributor/shop', () => {
  it('shows the shop as buyers see it and previews edits live', async () => {
    const page = setup(jest.fn());
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('小王的好物店');
    expect(textOf(page.comp)).toContain('自家种的米');
    expectComponentsRendered(page);
    page.comp.instance.onName({ detail: { value: '小王的米铺' } });
    await settle(page.simulate);
    expect(page.comp.querySelector('.preview__name')!.dom!.textContent).toBe('小王的米铺');
  });

  it('uploads a logo and saves name, intro and logo with distributor.updateShop', async () => {
    const updateShop = jest.fn().mockResolvedValue({});
    const page = setup(updateShop);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    await page.comp.instance.onChooseLogo();
    expect(page.uploadImage).toHaveBeenCalledWith('wxfile://tmp/b.png', 'shop-logos');
    page.comp.instance.onIntro({ detail: { value: ' 新米上市 ' } });
    tap(page.comp, '.shop__save');
    await settle(page.simulate);
    expect(updateShop).toHaveBeenCalledWith({
      shopName: '小王的好物店',
      intro: '新米上市',
      logo: 'cloud://env/shop-logos/b.png',
    });
    expect(textOf(page.comp)).toContain('已保存');
  });

  it('opens the shop picks', async () => {
    const page = setup(jest.fn());
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('店铺选品');
    page.comp.querySelector('.shop__picks')!.dispatchEvent('tap');
    await settle(page.simulate);
    expect((wx as unknown as { navigateTo: jest.Mock }).navigateTo).toHaveBeenCalledWith({
      url: '/pages/distributor/picks/index',
    });
  });

  it("shows the server's refusal", async () => {
    const updateShop = jest
      .fn()
      .mockRejectedValue(serviceError('RULE', '店铺名称或简介含有不适宜公开的内容，请修改后再试'));
    const page = setup(updateShop);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tap(page.comp, '.shop__save');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('含有不适宜公开的内容');
  });
});
