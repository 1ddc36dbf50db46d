import { dayLabel, periodSums, trendOption } from '../../miniprogram/pages/admin/dashboard/chart-option';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const DASHBOARD = '../../miniprogram/services/admin/dashboard';
/* eslint-disable @typescript-eslint/no-explicit-any */

const day = (date: string, n: number) => ({
  date,
  orders: n,
  distributionOrders: n,
  salesFen: n * 10_000,
  commissionFen: n * 1_000,
  newDistributors: n % 2,
  refundFen: 0,
  withdrawnFen: 0,
});

/** The article's demo after its six steps: ¥57.12 settled in all, ¥30 of it withdrawn. */
const board = {
  totals: {
    distributors: 3,
    newDistributorsToday: 1,
    pendingApplications: 2,
    users: 5,
    orders: 1,
    distributionOrders: 1,
    salesFen: 33_600,
    refundFen: 0,
    ordersToday: 1,
    salesTodayFen: 33_600,
    commissionPendingFen: 0,
    commissionSettledFen: 5_712,
    commissionAvailableFen: 2_712,
    commissionFrozenFen: 0,
    commissionWithdrawnFen: 3_000,
    withdrawalsWaiting: 0,
    withdrawalsWaitingFen: 0,
  },
  series: [day('2026-11-30', 1), day('2026-12-01', 0), day('2026-12-02', 3)],
  topDistributors: [
    {
      rank: 1,
      userId: 'u1',
      nickname: '小王',
      shopName: '小王的茶叶铺',
      inviteCode: 'AB12CD34',
      grade: '普通分销商',
      distributorStatus: 'active',
      totalEarnedFen: 3_360,
      availableFen: 360,
      directDistributors: 1,
    },
  ],
};

function setup(getDashboard: jest.Mock) {
  jest.doMock(DASHBOARD, () => ({ getDashboard }));
  const page = renderPage('pages/admin/dashboard/index');
  const w = mockWx();
  return { ...page, w };
}

describe('pages/admin/dashboard', () => {
  it('shows the money in words a merchant reads right, the trend chart and the top distributors', async () => {
    const getDashboard = jest.fn().mockResolvedValue(board);
    const page = setup(getDashboard);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(getDashboard).toHaveBeenCalledWith({ days: 30 });
    const text = textOf(page.comp);
    expect(text).toContain('累计结算佣金¥57.12');
    expect(text).toContain('已提现¥30.00');
    expect(text).toContain('分销商可提现¥27.12');
    expect(text).toContain('已结算、分销商还没申请提现的余额');
    expect(text).toContain('待审核申请2 个');
    expect(text).toContain('30 天合计：订单 4 笔 · 销售额 ¥400.00 · 佣金 ¥40.00 · 新分销商 2 人');
    expect(text).toContain('小王的茶叶铺');
    expect(text).toContain('¥33.60');
    // the chart gets the option built from the series (it draws on a canvas, which the simulator lacks)
    const chart = page.comp.querySelector('.trend__chart') as any;
    expect(chart.instance.data.option).toEqual(trendOption(board.series as any));
    expectComponentsRendered(page);
  });

  it('switches between 7, 30 and 90 days and opens every admin page from its menu', async () => {
    const getDashboard = jest.fn().mockResolvedValue(board);
    const page = setup(getDashboard);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onPeriod({ currentTarget: { dataset: { days: 90 } } });
    await settle(page.simulate);
    expect(getDashboard).toHaveBeenLastCalledWith({ days: 90 });
    page.comp.instance.onPeriod({ currentTarget: { dataset: { days: 7 } } });
    await settle(page.simulate);
    expect(getDashboard).toHaveBeenLastCalledWith({ days: 7 });
    const urls = page.comp.instance.data.menu.map((m: { url: string }) => m.url);
    expect(urls).toEqual([
      '/pages/admin/distributors/index',
      '/pages/admin/orders/index',
      '/pages/admin/withdrawals/index',
      '/pages/admin/products/index',
      '/pages/admin/decoration/index',
      '/pages/admin/materials/index',
      '/pages/admin/settings/index',
      '/pages/admin/audit/index',
    ]);
    tap(page.comp, '.menu__item');
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/distributors/index' });
    page.comp.instance.onMenu({ currentTarget: { dataset: { url: urls[2] } } });
    expect(page.w.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/admin/withdrawals/index' });
    page.comp.instance.onDistributor({ currentTarget: { dataset: { code: 'AB12CD34' } } });
    expect(page.w.navigateTo).toHaveBeenLastCalledWith({
      url: '/pages/admin/distributors/index?keyword=AB12CD34',
    });
  });

  it("shows the server's refusal in words", async () => {
    const page = setup(jest.fn().mockRejectedValue(serviceError('FORBIDDEN', '仅管理员可以操作')));
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('仅管理员可以操作');
    expect(textOf(page.comp)).not.toContain('FORBIDDEN');
  });
});

describe('the trend chart option', () => {
  it('puts yuan on the left axis and counts on the right, one label per day', () => {
    const option = trendOption(board.series as any) as any;
    expect(option.xAxis.data).toEqual(['11/30', '12/1', '12/2']);
    expect(option.series.map((s: any) => [s.name, s.yAxisIndex ?? 0])).toEqual([
      ['销售额', 0],
      ['佣金', 0],
      ['订单', 1],
      ['新分销商', 1],
    ]);
    expect(option.series[0].data).toEqual([100, 0, 300]);
    expect(option.series[1].data).toEqual([10, 0, 30]);
    expect(option.series[2].data).toEqual([1, 0, 3]);
    expect(dayLabel('2026-01-05')).toBe('1/5');
    expect(periodSums([])).toEqual({ orders: 0, salesFen: 0, commissionFen: 0, newDistributors: 0 });
  });
});
