import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const AUDIT_SERVICE = '../../miniprogram/services/admin/audit';
const checked = (n: number) => ({
  accounts: n,
  ledgerEntries: n * 4,
  orders: n * 2,
  commissions: n * 3,
  withdrawals: n,
});

function setup(runAudit: jest.Mock) {
  jest.doMock(AUDIT_SERVICE, () => ({ runAudit }));
  const page = renderPage('pages/admin/audit/index');
  const w = mockWx();
  return { ...page, w };
}

describe('pages/admin/audit', () => {
  it('checks section by section until done and says the books agree', async () => {
    const runAudit = jest
      .fn()
      .mockResolvedValueOnce({ ok: true, complete: false, problems: [], checked: checked(100), next: 'c1' })
      .mockResolvedValueOnce({ ok: true, complete: true, problems: [], checked: checked(150), next: null });
    const page = setup(runAudit);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(runAudit.mock.calls).toEqual([[{ pages: 10 }], [{ next: 'c1', pages: 10 }]]);
    const text = textOf(page.comp);
    expect(text).toContain('账目一致');
    expect(text).toContain('已核对 150 个分销商账户、600 条资金流水、300 个订单、450 条佣金记录、150 笔提现');
    expectComponentsRendered(page);
  });

  it('groups findings by what they mean, with what to do and a way to the record', async () => {
    const runAudit = jest.fn().mockResolvedValue({
      ok: false,
      complete: true,
      problems: [
        { type: 'balance', message: '用户 u1：可提现余额 ¥5.00 与流水计算值 ¥3.00 不符', userId: 'u1' },
        { type: 'split', message: '订单 o9 的佣金与规则重算不符', orderId: 'o9' },
        { type: 'withdrawal', message: '提现 w2 缺少打款流水', withdrawalId: 'w2' },
      ],
      checked: checked(3),
      next: null,
    });
    const page = setup(runAudit);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('发现 3 处不一致');
    expect(text).toContain('分销商余额与流水不符（1）');
    expect(text).toContain('不要手动改余额');
    expect(text).toContain('订单佣金与规则不符（1）');
    expect(text).toContain('提现记录与流水不符（1）');
    page.comp.instance.onOpen({
      currentTarget: { dataset: { link: '/pages/admin/order/index?orderId=o9' } },
    });
    expect(page.w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/order/index?orderId=o9' });
    const links = page.comp.instance.data.groups.flatMap((g: { items: { link: string }[] }) =>
      g.items.map((i) => i.link),
    );
    expect(links).toEqual([
      '',
      '/pages/admin/order/index?orderId=o9',
      '/pages/admin/withdrawal/index?withdrawalId=w2',
    ]);
  });

  it('shows a failure in words and runs again; a pause leaves it unfinished', async () => {
    const runAudit = jest
      .fn()
      .mockRejectedValueOnce(serviceError('FORBIDDEN', '仅管理员可以操作'))
      .mockImplementationOnce(async () => {
        page.comp.instance.onStop();
        return { ok: true, complete: false, problems: [], checked: checked(100), next: 'c1' };
      });
    const page = setup(runAudit);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('核对中断：仅管理员可以操作');
    tap(page.comp, '.audit__run');
    await settle(page.simulate);
    expect(runAudit).toHaveBeenCalledTimes(2);
    expect(textOf(page.comp)).toContain('已暂停，核对未完成');
  });
});
