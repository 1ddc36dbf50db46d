import { expectComponentsRendered, renderPage, settle, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const DISTRIBUTORS = '../../miniprogram/services/admin/distributors';
const balances = { pendingFen: 500, availableFen: 12345, frozenFen: 0, withdrawnFen: 0 };
const distributor = (overrides: Record<string, unknown> = {}) => ({
  userId: 'u1',
  nickname: '小明',
  avatarUrl: '',
  distributorStatus: 'active',
  inviteCode: 'ABC123',
  grade: { gradeId: 'base', name: '普通分销商' },
  distributorSince: Date.UTC(2026, 10, 1),
  inviterId: null,
  shopName: '小明的小店',
  application: null,
  balances,
  totalEarnedFen: 45600,
  directDistributors: 3,
  ...overrides,
});
const ACTIVE = distributor();
const APPLICANT = distributor({
  userId: 'u2',
  nickname: '小红',
  distributorStatus: 'pending',
  inviteCode: null,
  shopName: null,
  application: {
    realName: '王红',
    phone: '13900000000',
    appliedAt: Date.UTC(2026, 11, 1, 4),
    reviewedAt: null,
    reviewedBy: null,
    approved: null,
    reason: null,
  },
});

function setup(
  fns: Record<string, jest.Mock> = {},
  modal: { confirm: boolean; content?: string } = { confirm: true },
) {
  const service = {
    listDistributors: jest
      .fn()
      .mockResolvedValue({ items: [APPLICANT, ACTIVE], total: 2, page: 1, pageSize: 20 }),
    reviewDistributor: jest.fn().mockResolvedValue({}),
    setDistributorStatus: jest.fn().mockResolvedValue({}),
    setGrade: jest.fn(),
    ...fns,
  };
  jest.doMock(DISTRIBUTORS, () => service);
  const page = renderPage('pages/admin/distributors/index');
  const showModal = jest.fn((o: { success: (r: { confirm: boolean; content?: string }) => void }) =>
    o.success(modal),
  );
  const w = { ...mockWx(), showModal };
  Object.assign(wx, { showModal });
  return { ...page, service, w };
}

const tapAt = (page: ReturnType<typeof setup>, selector: string, i = 0) =>
  page.comp.querySelectorAll(selector)[i]!.dispatchEvent('tap');

describe('pages/admin/distributors', () => {
  it('opens on the waiting applications and shows applicant, grade, code and balances', async () => {
    const page = setup();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(page.service.listDistributors).toHaveBeenCalledWith({ page: 1, pageSize: 20, status: 'pending' });
    const text = textOf(page.comp);
    expect(text).toContain('待审核');
    expect(text).toContain('申请人 王红 13900000000');
    expect(text).toContain('普通分销商 · 邀请码 ABC123 · 可提现 ¥123.45 · 累计 ¥456.00 · 直属 3 人');
    expect(text).toContain('没有更多了');
    expectComponentsRendered(page);
  });

  it('opens on one distributor found by its invite code (from the dashboard ranking)', async () => {
    const page = setup();
    page.comp.instance.onLoad({ keyword: 'ABC123' });
    await settle(page.simulate);
    expect(page.service.listDistributors).toHaveBeenCalledWith({ page: 1, pageSize: 20, keyword: 'ABC123' });
    expect(page.comp.instance.data.status).toBe('');
    page.comp.instance.onOpen({ currentTarget: { dataset: { id: 'u1' } } });
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/distributor/index?userId=u1' });
  });

  it('filters by status, searches and pages', async () => {
    const listDistributors = jest
      .fn()
      .mockResolvedValue({ items: [ACTIVE], total: 2, page: 1, pageSize: 20 });
    const page = setup({ listDistributors });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onTab({ detail: { value: 'active' } });
    await settle(page.simulate);
    expect(listDistributors).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, status: 'active' });
    page.comp.instance.onKeyword({ detail: { value: ' ABC ' } });
    page.comp.instance.onSearch();
    await settle(page.simulate);
    expect(listDistributors).toHaveBeenLastCalledWith({
      page: 1,
      pageSize: 20,
      status: 'active',
      keyword: 'ABC',
    });
    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(listDistributors).toHaveBeenLastCalledWith({
      page: 2,
      pageSize: 20,
      status: 'active',
      keyword: 'ABC',
    });
    expect(page.comp.querySelectorAll('.distributor')).toHaveLength(2);
  });

  it('approves an application and disables a distributor after confirming', async () => {
    const page = setup();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tapAt(page, '.distributor__approve');
    await settle(page.simulate);
    expect(page.service.reviewDistributor).toHaveBeenCalledWith({ userId: 'u2', approve: true });
    tapAt(page, '.distributor__toggle');
    await settle(page.simulate);
    expect(page.service.setDistributorStatus).toHaveBeenCalledWith({ userId: 'u1', status: 'disabled' });
    expect(page.w.showModal).toHaveBeenCalledTimes(2);
    expect(page.service.listDistributors).toHaveBeenCalledTimes(3);
  });

  it('rejects with the reason typed in the dialog, never without one; nothing happens when cancelled', async () => {
    const page = setup({}, { confirm: true, content: ' 资料不全 ' });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tapAt(page, '.distributor__reject');
    await settle(page.simulate);
    expect(page.service.reviewDistributor).toHaveBeenCalledWith({
      userId: 'u2',
      approve: false,
      reason: '资料不全',
    });

    const blank = setup({}, { confirm: true, content: '  ' });
    blank.comp.instance.onLoad();
    await settle(blank.simulate);
    tapAt(blank, '.distributor__reject');
    await settle(blank.simulate);
    expect(blank.service.reviewDistributor).not.toHaveBeenCalled();
    expect(textOf(blank.comp)).toContain('请写明驳回原因，申请人会看到');

    const cancelled = setup({}, { confirm: false });
    cancelled.comp.instance.onLoad();
    await settle(cancelled.simulate);
    tapAt(cancelled, '.distributor__approve');
    await settle(cancelled.simulate);
    expect(cancelled.service.reviewDistributor).not.toHaveBeenCalled();
  });

  it("shows the server's refusal beside the distributor, and a failed list", async () => {
    const page = setup({
      setDistributorStatus: jest.fn().mockRejectedValue(serviceError('CONFLICT', '该分销商已停用')),
    });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tapAt(page, '.distributor__toggle');
    await settle(page.simulate);
    expect(page.comp.querySelectorAll('.distributor')[1]!.dom!.textContent).toContain('该分销商已停用');

    const failed = setup({
      listDistributors: jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '仅管理员可操作')),
    });
    failed.comp.instance.onLoad();
    await settle(failed.simulate);
    expect(textOf(failed.comp)).toContain('仅管理员可操作');
  });
});
