import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const policy = (overrides: Record<string, unknown> = {}) => ({
  minFen: 1000,
  maxFen: null,
  feeRate: '0.01',
  days: [1, 15],
  daysText: '每月 1、15 日',
  methods: ['wechat', 'bank', 'alipay'],
  todayAllowed: true,
  availableFen: 12345,
  distributorStatus: 'active',
  ...overrides,
});

function setupWithdraw(getWithdrawPolicy: jest.Mock, applyWithdraw = jest.fn()) {
  jest.doMock(SERVICES.withdraw, () => ({ getWithdrawPolicy, applyWithdraw, listWithdrawals: jest.fn() }));
  const page = renderPage('pages/distributor/withdraw/index');
  mockWx();
  return { ...page, applyWithdraw };
}

describe('pages/distributor/withdraw', () => {
  it('shows the minimum, fee, days and methods before anything is typed, and previews the fee', async () => {
    const page = setupWithdraw(jest.fn().mockResolvedValue(policy()));
    page.comp.instance.onLoad();
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('可提现 ¥123.45');
    expect(text).toContain('最低提现 ¥10.00');
    expect(text).toContain('手续费 提现金额的 1%');
    expect(text).toContain('每月 1、15 日');
    expect(text).toContain('微信零钱');
    expectComponentsRendered(page);
    page.comp.instance.onAmount({ detail: { value: '100' } });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('手续费 ¥1.00，实际到账 ¥99.00');
  });

  it('applies with the amount in fen, the method and the account; shows the result', async () => {
    const applyWithdraw = jest
      .fn()
      .mockResolvedValue({ withdrawalId: 'w1', status: 'pending', feeFen: 100, netFen: 9900 });
    const page = setupWithdraw(jest.fn().mockResolvedValue(policy()), applyWithdraw);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onAmount({ detail: { value: '100' } });
    page.comp.instance.onMethod({ detail: { value: 'bank' } });
    for (const [field, value] of Object.entries({
      name: '张三',
      bank: '招商银行',
      number: '6225 8812 3456 7890',
    })) {
      page.comp.instance.onAccount({ currentTarget: { dataset: { field } }, detail: { value } });
    }
    await settle(page.simulate);
    tap(page.comp, '.withdraw__submit');
    await settle(page.simulate);
    expect(applyWithdraw).toHaveBeenCalledWith({
      amountFen: 10000,
      method: 'bank',
      account: { name: '张三', number: '6225 8812 3456 7890', bank: '招商银行' },
    });
    expect(textOf(page.comp)).toContain('已提交：¥100.00，手续费 ¥1.00，到账 ¥99.00');
  });

  it("shows the server's refusal as worded", async () => {
    const applyWithdraw = jest
      .fn()
      .mockRejectedValue(serviceError('RULE', '今天不是可提现日：每月 1、15 日'));
    const page = setupWithdraw(jest.fn().mockResolvedValue(policy()), applyWithdraw);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onAmount({ detail: { value: '20' } });
    tap(page.comp, '.withdraw__submit');
    await settle(page.simulate);
    expect(applyWithdraw).toHaveBeenCalledWith({ amountFen: 2000, method: 'wechat' });
    expect(textOf(page.comp)).toContain('今天不是可提现日：每月 1、15 日');
  });

  it('shows why the policy could not be loaded', async () => {
    const page = setupWithdraw(
      jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '成为分销商后才能提现')),
    );
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('成为分销商后才能提现');
  });
});

describe('pages/distributor/withdrawals', () => {
  it('lists withdrawal records with status and reason, paged', async () => {
    const record = (id: string, status: string, statusName: string, reason: string | null) => ({
      withdrawalId: id,
      userId: 'u1',
      amountFen: 5000,
      feeFen: 50,
      netFen: 4950,
      method: 'wechat',
      methodName: '微信零钱',
      account: null,
      status,
      statusName,
      createdAt: 1,
      reviewedAt: null,
      reason,
      paidAt: null,
      reference: null,
      payout: null,
    });
    const listWithdrawals = jest
      .fn()
      .mockResolvedValueOnce({ items: [record('w1', 'rejected', '已驳回', '信息有误')], total: 2 })
      .mockResolvedValueOnce({ items: [record('w2', 'paid', '已打款', null)], total: 2 });
    jest.doMock(SERVICES.withdraw, () => ({ listWithdrawals }));
    const page = renderPage('pages/distributor/withdrawals/index');
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('已驳回');
    expect(textOf(page.comp)).toContain('说明：信息有误');
    expect(textOf(page.comp)).toContain('到账 ¥49.50');
    expectComponentsRendered(page);
    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(listWithdrawals).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 });
    expect(textOf(page.comp)).toContain('没有更多了');
  });
});

describe('pages/distributor/withdrawals: confirming a WeChat transfer', () => {
  const record = (id: string, status: string, payout: Record<string, unknown> | null) => ({
    withdrawalId: id,
    userId: 'u1',
    amountFen: 5000,
    feeFen: 0,
    netFen: 5000,
    method: 'wechat',
    methodName: '微信零钱',
    account: null,
    status,
    statusName: status === 'approved' ? '待打款' : '已打款',
    createdAt: 1,
    reviewedAt: 1,
    reason: null,
    paidAt: null,
    reference: null,
    payout,
  });
  const waiting = record('w9', 'approved', { channel: 'wechat_transfer', state: 'waiting_user' });

  function setup(getTransferInfo: jest.Mock, requestMerchantTransfer: jest.Mock) {
    const listWithdrawals = jest.fn().mockResolvedValue({
      items: [waiting, record('w8', 'paid', { channel: 'manual', state: 'paid' })],
      total: 2,
    });
    jest.doMock(SERVICES.withdraw, () => ({ listWithdrawals, getTransferInfo }));
    const page = renderPage('pages/distributor/withdrawals/index');
    const fns = mockWx();
    (wx as unknown as Record<string, unknown>).requestMerchantTransfer = requestMerchantTransfer;
    return { ...page, listWithdrawals, fns };
  }

  it('offers 确认收款 on a transfer waiting for the user, and opens WeChat’s sheet with its parameters', async () => {
    const info = {
      withdrawalId: 'w9',
      netFen: 5000,
      mchId: '1900000001',
      appId: 'wx0000000000000000',
      package: 'pkg',
    };
    const getTransferInfo = jest.fn().mockResolvedValue(info);
    const requestMerchantTransfer = jest.fn((o: { success: () => void }) => o.success());
    const page = setup(getTransferInfo, requestMerchantTransfer);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('微信转账待你确认收款');
    // Only the waiting transfer has the button.
    expect(page.comp.querySelectorAll('.withdrawal__confirm')).toHaveLength(1);
    expectComponentsRendered(page);
    tap(page.comp, '.withdrawal__confirm-button');
    await settle(page.simulate, 10);
    expect(getTransferInfo).toHaveBeenCalledWith({ withdrawalId: 'w9' });
    expect(requestMerchantTransfer).toHaveBeenCalledWith(
      expect.objectContaining({ mchId: '1900000001', appId: 'wx0000000000000000', package: 'pkg' }),
    );
    expect(page.listWithdrawals).toHaveBeenCalledTimes(2);
    expect(page.fns.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已确认收款，到账以微信通知为准' }),
    );
  });

  it("shows the server's refusal, and a cancelled sheet, in words", async () => {
    const refused = setup(
      jest.fn().mockRejectedValue(serviceError('CONFLICT', '该提现当前无需确认收款')),
      jest.fn(),
    );
    refused.comp.instance.onLoad();
    await settle(refused.simulate);
    tap(refused.comp, '.withdrawal__confirm-button');
    await settle(refused.simulate, 10);
    expect(refused.fns.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该提现当前无需确认收款' }),
    );

    const cancelled = setup(
      jest.fn().mockResolvedValue({ withdrawalId: 'w9', netFen: 5000, mchId: 'm', appId: 'a', package: 'p' }),
      jest.fn((o: { fail: (e: { errMsg: string }) => void }) =>
        o.fail({ errMsg: 'requestMerchantTransfer:fail cancel' }),
      ),
    );
    cancelled.comp.instance.onLoad();
    await settle(cancelled.simulate);
    tap(cancelled.comp, '.withdrawal__confirm-button');
    await settle(cancelled.simulate, 10);
    expect(cancelled.fns.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已取消确认收款' }),
    );
    expect(cancelled.listWithdrawals).toHaveBeenCalledTimes(1);
  });
});

describe('pages/distributor/commissions', () => {
  it('shows each record with product, base × rate, amount and status; filters by status', async () => {
    const listCommissions = jest
      .fn()
      .mockResolvedValueOnce({
        items: [
          {
            commissionId: 'c1',
            orderId: 'o1',
            level: 1,
            productTitle: '有机大米',
            baseFen: 9990,
            rate: '0.10',
            fixedPerUnitFen: null,
            originalAmountFen: 999,
            amountFen: 999,
            status: 'pending',
            createdAt: 1,
            settledAt: null,
          },
        ],
        total: 1,
      })
      .mockResolvedValueOnce({ items: [], total: 0 });
    jest.doMock(SERVICES.distributor, () => ({ listCommissions }));
    const page = renderPage('pages/distributor/commissions/index');
    page.comp.instance.onLoad();
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('有机大米');
    expect(text).toContain('¥99.90 × 10%');
    expect(text).toContain('¥9.99');
    expect(text).toContain('待结算');
    expect(text).toContain('直接分享');
    expectComponentsRendered(page);
    page.comp.instance.onTab({ detail: { value: 'settled' } });
    await settle(page.simulate);
    expect(listCommissions).toHaveBeenLastCalledWith({ page: 1, pageSize: 20, status: 'settled' });
    expect(textOf(page.comp)).toContain('暂无佣金记录');
  });

  it("shows the server's message", async () => {
    jest.doMock(SERVICES.distributor, () => ({
      listCommissions: jest.fn().mockRejectedValue(serviceError('UNAUTHENTICATED', '请先登录')),
    }));
    const page = renderPage('pages/distributor/commissions/index');
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('请先登录');
  });
});

describe('pages/distributor/team', () => {
  it('lists the team by level', async () => {
    const listTeam = jest
      .fn()
      .mockResolvedValueOnce({
        items: [{ userId: 'u2', nickname: '小红', avatarUrl: '', joinedAt: 1, distributorStatus: 'active' }],
        total: 1,
      })
      .mockResolvedValueOnce({ items: [], total: 0 });
    jest.doMock(SERVICES.distributor, () => ({ listTeam }));
    const page = renderPage('pages/distributor/team/index');
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(listTeam).toHaveBeenCalledWith({ level: 1, page: 1, pageSize: 20 });
    expect(textOf(page.comp)).toContain('小红');
    expect(textOf(page.comp)).toContain('分销商');
    expectComponentsRendered(page);
    page.comp.instance.onTab({ detail: { value: 3 } });
    await settle(page.simulate);
    expect(listTeam).toHaveBeenLastCalledWith({ level: 3, page: 1, pageSize: 20 });
    expect(textOf(page.comp)).toContain('这一级还没有成员');
  });
});
