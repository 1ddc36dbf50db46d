import { expectComponentsRendered, renderPage, settle, textOf } from './harness';
import { SERVICES, me, mockWx, serviceError } from './mocks';

function setup(login: jest.Mock, updateProfile = jest.fn().mockResolvedValue({})) {
  jest.doMock(SERVICES.user, () => ({ login, updateProfile }));
  const uploadImage = jest.fn().mockResolvedValue('cloud://env/avatars/a.png');
  jest.doMock(SERVICES.storage, () => ({
    uploadImage,
    imageSrc: jest.requireActual(SERVICES.storage).imageSrc,
  }));
  const page = renderPage('pages/user/mine/index');
  const w = mockWx();
  (wx as unknown as Record<string, unknown>).getPrivacySetting = (o: { success: (r: unknown) => void }) =>
    o.success({ needAuthorization: false });
  return { ...page, w, updateProfile, uploadImage };
}

describe('pages/user/mine', () => {
  it('shows the nickname, the role and order entries; the admin entry to an admin only', async () => {
    const page = setup(jest.fn().mockResolvedValue(me({ isAdmin: true, distributorStatus: 'active' })));
    page.comp.instance.onShow();
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('分销商');
    expect(text).toContain('待付款');
    expect(text).toContain('商家管理');
    expectComponentsRendered(page);
    page.comp.instance.onAdmin();
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/dashboard/index' });
    page.comp.instance.onOrders({ currentTarget: { dataset: { status: 'shipped' } } });
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/list/index?status=shipped' });

    const buyer = setup(jest.fn().mockResolvedValue(me({ isAdmin: false })));
    buyer.comp.instance.onShow();
    await settle(buyer.simulate);
    expect(textOf(buyer.comp)).not.toContain('商家管理');
  });

  it('saves a new nickname and a chosen avatar through user.updateProfile', async () => {
    const page = setup(jest.fn().mockResolvedValue(me()));
    page.comp.instance.onShow();
    await settle(page.simulate);
    await page.comp.instance.onNickname({ detail: { value: ' 小王 ' } });
    expect(page.updateProfile).toHaveBeenCalledWith({ nickname: '小王' });
    await page.comp.instance.onChooseAvatar({ detail: { avatarUrl: 'wxfile://tmp/a.png' } });
    expect(page.uploadImage).toHaveBeenCalledWith('wxfile://tmp/a.png', 'avatars');
    expect(page.updateProfile).toHaveBeenLastCalledWith({ avatarUrl: 'cloud://env/avatars/a.png' });
    // local mode (config.ts) has no wx.cloud to show a stored file: the local runtime serves it
    expect(page.comp.instance.data.avatar).toBe('http://127.0.0.1:3000/files/avatars/a.png');
  });

  it("shows the server's refusal of a nickname, and a failed login", async () => {
    const page = setup(
      jest.fn().mockResolvedValue(me()),
      jest.fn().mockRejectedValue(serviceError('RULE', '昵称含有不适宜公开的内容')),
    );
    page.comp.instance.onShow();
    await settle(page.simulate);
    await page.comp.instance.onNickname({ detail: { value: '坏名字' } });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('昵称含有不适宜公开的内容');

    const failing = setup(jest.fn().mockRejectedValue(serviceError('NETWORK', 'request:fail')));
    failing.comp.instance.onShow();
    await settle(failing.simulate);
    expect(textOf(failing.comp)).toContain('网络连接失败');
  });
});
