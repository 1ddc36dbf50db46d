import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockLogin, mockWx, serviceError } from './mocks';

const CODE = generateInviteCode(new Uint8Array(8).fill(6));

function center(overrides: Record<string, unknown> = {}) {
  return {
    distributorStatus: 'active',
    grade: { gradeId: 'base', name: '普通分销商', rank: 0 },
    nextGrade: {
      gradeId: 'gold',
      name: '金牌分销商',
      thresholds: [
        { metric: 'settledSalesFen', current: 5000, target: 10000, met: false, name: '已结算销售额' },
      ],
    },
    balances: { pendingFen: 1234, availableFen: 5000, frozenFen: 0, withdrawnFen: 800 },
    totalEarnedFen: 7034,
    team: { level1: 3, level2: 1, level3: 0 },
    inviteCode: CODE,
    distributorSince: 1,
    shop: null,
    application: null,
    ...overrides,
  };
}

function setup(getCenter: jest.Mock, applyDistributor = jest.fn()) {
  jest.doMock(SERVICES.distributor, () => ({ getCenter, applyDistributor }));
  mockLogin();
  const page = renderPage('pages/promote/center/index');
  mockWx();
  return page;
}

describe('pages/promote/center', () => {
  it('shows the four balances with what each means, the grade, progress and the invite code', async () => {
    const page = setup(jest.fn().mockResolvedValue(center()));
    page.comp.instance.onShow();
    await settle(page.simulate);
    const text = textOf(page.comp);
    for (const s of [
      '待结算',
      '¥12.34',
      '可提现',
      '¥50.00',
      '提现中',
      '¥0.00',
      '已提现',
      '¥8.00',
      '累计收益 ¥70.34',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('确认收货并过了退货期');
    expect(text).toContain('普通分销商');
    expect(text).toContain('金牌分销商');
    expect(text).toContain('¥50.00 / ¥100.00');
    expect(text).toContain(CODE);
    expect(text).toContain('一级 3');
    expectComponentsRendered(page);
    expect(page.comp.instance.onShareAppMessage().path).toBe(`/pages/mall/home/index?inviteCode=${CODE}`);
  });

  it('links the shop picks and the promotion materials', async () => {
    const page = setup(jest.fn().mockResolvedValue(center()));
    page.comp.instance.onShow();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('店铺选品');
    expect(textOf(page.comp)).toContain('推广素材');
    const w = wx as unknown as { navigateTo: jest.Mock };
    page.comp.instance.onOpen({ currentTarget: { dataset: { url: '/pages/distributor/materials/index' } } });
    expect(w.navigateTo).toHaveBeenCalledWith({ url: '/pages/distributor/materials/index' });
  });

  it('offers a free application to a non-distributor and applies', async () => {
    const getCenter = jest
      .fn()
      .mockResolvedValueOnce(center({ distributorStatus: 'none', inviteCode: null }))
      .mockResolvedValueOnce(center());
    const applyDistributor = jest.fn().mockResolvedValue({ distributorStatus: 'pending' });
    const page = setup(getCenter, applyDistributor);
    page.comp.instance.onShow();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('免费');
    expect(textOf(page.comp)).not.toMatch(/招募|拉人头|入会费/);
    expectComponentsRendered(page);
    tap(page.comp, '.apply__submit');
    await settle(page.simulate);
    expect(applyDistributor).toHaveBeenCalledWith({});
    expect(textOf(page.comp)).toContain('等待商家审核');
  });

  it("shows the server's refusal of an application and of the center", async () => {
    const applyDistributor = jest
      .fn()
      .mockRejectedValue(serviceError('FORBIDDEN', '本商城的分销商由商家指定'));
    const page = setup(
      jest.fn().mockResolvedValue(center({ distributorStatus: 'none', inviteCode: null })),
      applyDistributor,
    );
    page.comp.instance.onShow();
    await settle(page.simulate);
    tap(page.comp, '.apply__submit');
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('本商城的分销商由商家指定');

    const failing = setup(jest.fn().mockRejectedValue(serviceError('UNAUTHENTICATED', '请先登录')));
    failing.comp.instance.onShow();
    await settle(failing.simulate);
    expect(textOf(failing.comp)).toContain('请先登录');
  });
});
