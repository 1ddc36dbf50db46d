import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const SERVICE = '../../miniprogram/services/admin/withdrawals';

const record = (extra: Record<string, unknown> = {}) => ({
  withdrawalId: 'w1',
  userId: 'u1',
  amountFen: 10_000,
  feeFen: 60,
  netFen: 9_940,
  method: 'bank',
  methodName: '银行卡',
  account: { name: '王小明', bank: '招商银行', number: '6225880123456789' },
  status: 'pending',
  statusName: '待审核',
  createdAt: Date.UTC(2026, 11, 1, 2),
  reviewedAt: null,
  reason: null,
  paidAt: null,
  reference: null,
  payout: null,
  ...extra,
});
const detail = (extra: Record<string, unknown> = {}) => ({
  ...record(extra),
  distributor: { nickname: '小王', inviteCode: 'AB12CD34', distributorStatus: 'active' },
  balances: { pendingFen: 1_200, availableFen: 2_712, frozenFen: 10_000, withdrawnFen: 3_000 },
});

function setup(service: Record<string, jest.Mock>) {
  jest.doMock(SERVICE, () => ({
    listAdminWithdrawals: jest.fn(),
    getAdminWithdrawal: jest.fn(),
    reviewWithdrawal: jest.fn(),
    payWithdrawal: jest.fn(),
    syncTransfer: jest.fn(),
    ...service,
  }));
}

describe('pages/admin/withdrawals', () => {
  it('lists the applications waiting for a decision first, by status tabs, paged', async () => {
    const listAdminWithdrawals = jest.fn().mockResolvedValue({
      items: [{ ...record(), nickname: '小王', inviteCode: 'AB12CD34', distributorStatus: 'active' }],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    setup({ listAdminWithdrawals });
    const page = renderPage('pages/admin/withdrawals/index');
    const w = mockWx();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(listAdminWithdrawals).toHaveBeenCalledWith({ page: 1, pageSize: 20, status: 'pending' });
    const text = textOf(page.comp);
    expect(text).toContain('小王');
    expect(text).toContain('¥100.00');
    expect(text).toContain('实付 ¥99.40');
    expect(text).toContain('待审核');
    expectComponentsRendered(page);
    page.comp.instance.onTab({ detail: { value: '' } });
    await settle(page.simulate);
    expect(listAdminWithdrawals).toHaveBeenLastCalledWith({ page: 1, pageSize: 20 });
    page.comp.instance.onOpen({ currentTarget: { dataset: { id: 'w1' } } });
    expect(w.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/withdrawal/index?withdrawalId=w1' });
  });
});

describe('pages/admin/withdrawal', () => {
  function open(service: Record<string, jest.Mock>, confirm = true) {
    setup(service);
    const page = renderPage('pages/admin/withdrawal/index');
    const showModal = jest.fn((o: { success: (r: { confirm: boolean }) => void }) => o.success({ confirm }));
    const w = { ...mockWx(), showModal };
    Object.assign(wx, { showModal });
    return { ...page, w };
  }

  it('shows amount, fee, account and the applicant’s balances before deciding, and approves after confirming', async () => {
    const getAdminWithdrawal = jest
      .fn()
      .mockResolvedValueOnce(detail())
      .mockResolvedValue(detail({ status: 'approved', statusName: '待打款' }));
    const reviewWithdrawal = jest.fn().mockResolvedValue({});
    const page = open({ getAdminWithdrawal, reviewWithdrawal });
    page.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(page.simulate);
    const text = textOf(page.comp);
    expect(text).toContain('¥100.00');
    expect(text).toContain('手续费 ¥0.60 · 实际打款 ¥99.40');
    expect(text).toContain('6225880123456789');
    expect(text).toContain('申请人：小王');
    expect(text).toContain('可提现¥27.12');
    expect(text).toContain('冻结中¥100.00');
    expectComponentsRendered(page);
    tap(page.comp, '.action__approve');
    await settle(page.simulate);
    expect(page.w.showModal).toHaveBeenCalled();
    expect(reviewWithdrawal).toHaveBeenCalledWith({ withdrawalId: 'w1', approve: true });
    expect(textOf(page.comp)).toContain('待打款');
    expect(textOf(page.comp)).toContain('登记已打款');
  });

  it('rejects only with a reason, and changes nothing when the merchant cancels', async () => {
    const reviewWithdrawal = jest.fn().mockResolvedValue({});
    const cancelled = open(
      { getAdminWithdrawal: jest.fn().mockResolvedValue(detail()), reviewWithdrawal },
      false,
    );
    cancelled.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(cancelled.simulate);
    tap(cancelled.comp, '.action__reject');
    await settle(cancelled.simulate);
    tap(cancelled.comp, '.reject__confirm');
    await settle(cancelled.simulate);
    expect(cancelled.comp.querySelector('.reject__error')!.dom!.textContent).toContain('请写明驳回原因');
    cancelled.comp.instance.onReason({ detail: { value: '账号有误' } });
    tap(cancelled.comp, '.reject__confirm');
    await settle(cancelled.simulate);
    expect(reviewWithdrawal).not.toHaveBeenCalled();

    const page = open({ getAdminWithdrawal: jest.fn().mockResolvedValue(detail()), reviewWithdrawal });
    page.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(page.simulate);
    page.comp.instance.onOpenReject();
    page.comp.instance.onReason({ detail: { value: ' 账号有误 ' } });
    await page.comp.instance.onReject();
    expect(reviewWithdrawal).toHaveBeenCalledWith({ withdrawalId: 'w1', approve: false, reason: '账号有误' });
  });

  it('registers a manual payout with its reference, and shows the server refusal in words', async () => {
    const payWithdrawal = jest.fn().mockRejectedValue(serviceError('RULE', '该分销商已被停用，不能打款'));
    const page = open({
      getAdminWithdrawal: jest.fn().mockResolvedValue(detail({ status: 'approved', statusName: '待打款' })),
      payWithdrawal,
    });
    page.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(page.simulate);
    page.comp.instance.onReference({ detail: { value: 'BANK-20261202-1' } });
    await page.comp.instance.onPay();
    await settle(page.simulate);
    expect(payWithdrawal).toHaveBeenCalledWith({ withdrawalId: 'w1', reference: 'BANK-20261202-1' });
    expect(textOf(page.comp)).toContain('该分销商已被停用，不能打款');
    expect(textOf(page.comp)).not.toContain('RULE');
  });

  it('shows a VALIDATION refusal of the reference beside that field', async () => {
    const payWithdrawal = jest
      .fn()
      .mockRejectedValue(serviceError('VALIDATION', '参数错误: reference: 打款凭证号最多 64 个字'));
    const page = open({
      getAdminWithdrawal: jest.fn().mockResolvedValue(detail({ status: 'approved', statusName: '待打款' })),
      payWithdrawal,
    });
    page.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(page.simulate);
    page.comp.instance.onReference({ detail: { value: 'X'.repeat(65) } });
    await page.comp.instance.onPay();
    await settle(page.simulate);
    expect(page.comp.querySelector('.pay__error')!.dom!.textContent).toBe(
      '参数错误: reference: 打款凭证号最多 64 个字',
    );
    expect(page.comp.querySelector('.detail__error')).toBeUndefined();
  });

  it('follows a WeChat transfer: waiting for the distributor, then asks WeChat Pay', async () => {
    const waiting = detail({
      method: 'wechat',
      methodName: '微信零钱',
      account: null,
      status: 'approved',
      statusName: '待打款',
      payout: { channel: 'wechat_transfer', state: 'waiting_user', outBillNo: 'w1' },
    });
    const syncTransfer = jest.fn().mockResolvedValue({});
    const page = open({
      getAdminWithdrawal: jest
        .fn()
        .mockResolvedValueOnce(waiting)
        .mockResolvedValue({ ...waiting, status: 'paid', statusName: '已打款' }),
      syncTransfer,
    });
    page.comp.instance.onLoad({ withdrawalId: 'w1' });
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('等待分销商在小程序里确认收款');
    expect(textOf(page.comp)).toContain('打到分销商本人微信零钱');
    tap(page.comp, '.action__sync');
    await settle(page.simulate);
    expect(syncTransfer).toHaveBeenCalledWith('w1');
    expect(textOf(page.comp)).toContain('已打款');
  });
});
