import { DEFAULT_CONFIG } from '../../shared/config';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const DISTRIBUTORS = '../../miniprogram/services/admin/distributors';
const WITHDRAWALS = '../../miniprogram/services/admin/withdrawals';
const CONFIG = '../../miniprogram/services/admin/config';

const detail = (overrides: Record<string, unknown> = {}) => ({
  userId: 'u1',
  nickname: '李清',
  avatarUrl: '',
  distributorStatus: 'active',
  inviteCode: 'K7QM3XPA',
  grade: { gradeId: 'base', name: '普通分销商' },
  distributorSince: 1,
  inviterId: null,
  shopName: '清清的茶铺',
  application: null,
  balances: { pendingFen: 3792, availableFen: 2712, frozenFen: 0, withdrawnFen: 3000 },
  totalEarnedFen: 9504,
  directDistributors: 12,
  ...overrides,
});
const config = {
  ...DEFAULT_CONFIG,
  grades: [
    { gradeId: 'base', name: '普通分销商', rank: 0 },
    { gradeId: 'gold', name: '金牌分销商', rank: 1, upgrade: { directDistributors: 10 } },
  ],
};
const page1 = <T>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

function setup(service: Record<string, jest.Mock> = {}, confirm = true) {
  const distributors = {
    getDistributor: jest.fn().mockResolvedValue(detail()),
    distributorTeam: jest.fn().mockResolvedValue(
      page1([
        {
          userId: 't1',
          nickname: '王晓敏',
          avatarUrl: '',
          joinedAt: Date.UTC(2026, 10, 1),
          distributorStatus: 'active',
        },
      ]),
    ),
    distributorCommissions: jest.fn().mockResolvedValue(
      page1([
        {
          commissionId: 'c1',
          orderId: 'o1',
          level: 1,
          productTitle: '西湖龙井',
          baseFen: 26800,
          rate: '0.10',
          fixedPerUnitFen: null,
          originalAmountFen: 2680,
          amountFen: 2680,
          status: 'pending',
          createdAt: 1,
          settledAt: null,
        },
      ]),
    ),
    setGrade: jest.fn().mockResolvedValue({}),
    setDistributorStatus: jest.fn().mockResolvedValue({}),
    listDistributors: jest.fn(),
    reviewDistributor: jest.fn(),
    ...service,
  };
  const listAdminWithdrawals = jest
    .fn()
    .mockResolvedValue(
      page1([
        { withdrawalId: 'w1', amountFen: 3000, methodName: '银行卡', createdAt: 1, statusName: '已打款' },
      ]),
    );
  jest.doMock(DISTRIBUTORS, () => distributors);
  jest.doMock(WITHDRAWALS, () => ({ listAdminWithdrawals }));
  jest.doMock(CONFIG, () => ({ getConfig: jest.fn().mockResolvedValue(config) }));
  const page = renderPage('pages/admin/distributor/index');
  const showModal = jest.fn((o: { success: (r: { confirm: boolean }) => void }) => o.success({ confirm }));
  const w = { ...mockWx(), showModal };
  Object.assign(wx, { showModal });
  return { ...page, w, distributors, listAdminWithdrawals };
}

describe('pages/admin/distributor', () => {
  it('shows who, grade and the four balances, then the team, commissions and withdrawals by tab', async () => {
    const page = setup();
    page.comp.instance.onLoad({ userId: 'u1' });
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('清清的茶铺');
    expect(text).toContain('邀请码 K7QM3XPA');
    expect(text).toContain('等级：普通分销商');
    expect(text).toContain('可提现¥27.12');
    expect(text).toContain('直接分享的分销商 12 人');
    expect(page.distributors.distributorTeam).toHaveBeenCalledWith({
      userId: 'u1',
      level: 1,
      page: 1,
      pageSize: 20,
    });
    expect(text).toContain('王晓敏');
    expectComponentsRendered(page);
    page.comp.instance.onTab({ detail: { value: 'commissions' } });
    await settle(page.simulate);
    expect(page.distributors.distributorCommissions).toHaveBeenCalledWith({
      userId: 'u1',
      page: 1,
      pageSize: 20,
    });
    expect(textOf(page.comp)).toContain('¥26.80 待结算');
    page.comp.instance.onTab({ detail: { value: 'withdrawals' } });
    await settle(page.simulate);
    expect(page.listAdminWithdrawals).toHaveBeenCalledWith({ userId: 'u1', page: 1, pageSize: 20 });
    expect(textOf(page.comp)).toContain('¥30.00 · 银行卡');
  });

  it('sets the grade from the configured ones and disables after confirming; shows a refusal in words', async () => {
    const setDistributorStatus = jest
      .fn()
      .mockRejectedValue(serviceError('CONFLICT', '状态已变化，请刷新后再试'));
    const page = setup({ setDistributorStatus });
    page.comp.instance.onLoad({ userId: 'u1' });
    await settle(page.simulate);
    await page.comp.instance.onGrade({ detail: { value: '1' } });
    expect(page.distributors.setGrade).toHaveBeenCalledWith({ userId: 'u1', gradeId: 'gold' });
    tap(page.comp, '.dd__toggle');
    await settle(page.simulate);
    expect(page.w.showModal).toHaveBeenCalled();
    expect(setDistributorStatus).toHaveBeenCalledWith({ userId: 'u1', status: 'disabled' });
    expect(textOf(page.comp)).toContain('状态已变化，请刷新后再试');
  });

  it('pages on reach-bottom, refreshes on pull-down, and ignores a late answer of a tab left behind', async () => {
    let answerTeam: (v: unknown) => void = () => undefined;
    const distributorTeam = jest
      .fn()
      .mockImplementationOnce(() => new Promise((resolve) => (answerTeam = resolve)))
      .mockResolvedValue({
        items: [{ userId: 't2', nickname: '赵一', avatarUrl: '', joinedAt: 1, distributorStatus: 'none' }],
        total: 21,
        page: 1,
        pageSize: 20,
      });
    const page = setup({ distributorTeam });
    page.comp.instance.onLoad({ userId: 'u1' });
    await settle(page.simulate);
    page.comp.instance.onTab({ detail: { value: 'withdrawals' } });
    await settle(page.simulate);
    answerTeam(
      page1([
        { userId: 'late', nickname: '迟到的成员', avatarUrl: '', joinedAt: 1, distributorStatus: 'active' },
      ]),
    );
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('¥30.00 · 银行卡');
    expect(textOf(page.comp)).not.toContain('迟到的成员');

    page.comp.instance.onTab({ detail: { value: 'team1' } });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('赵一');
    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(distributorTeam).toHaveBeenLastCalledWith({ userId: 'u1', level: 1, page: 2, pageSize: 20 });

    page.distributors.getDistributor.mockClear();
    await page.comp.instance.onPullDownRefresh();
    expect(page.distributors.getDistributor).toHaveBeenCalledWith('u1');
    expect(distributorTeam).toHaveBeenLastCalledWith({ userId: 'u1', level: 1, page: 1, pageSize: 20 });
    expect(page.w.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('offers no grade or status change to an applicant who is not yet a distributor', async () => {
    const page = setup({
      getDistributor: jest.fn().mockResolvedValue(detail({ distributorStatus: 'pending' })),
    });
    page.comp.instance.onLoad({ userId: 'u1' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('申请中');
    expect(textOf(page.comp)).toContain('等级：普通分销商');
    expect(page.comp.querySelector('.dd__grade')).toBeUndefined();
    expect(page.comp.querySelector('.dd__toggle')).toBeUndefined();
  });

  it('shows a failed load with a retry', async () => {
    const page = setup({
      getDistributor: jest.fn().mockRejectedValue(serviceError('NOT_FOUND', '用户不存在')),
    });
    page.comp.instance.onLoad({ userId: 'nobody' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('用户不存在');
  });
});
