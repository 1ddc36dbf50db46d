/**
 * withdraw.apply and withdraw.list: the merchant's policy (minimum, maximum, methods, fee, allowed days
 * of the month in Beijing time on a server that runs in UTC), the payout account per method, and
 * available → frozen in the ledger.
 */
import { balancesOf, beijing, distributor, login, type Person, settledSaleFixture } from './fixtures';
import { ADMIN, type Mall, startMall, statsTotals } from './harness';

describe('withdraw.apply on the local CloudBase', () => {
  let mall: Mall;
  let seller: Person;
  let buyer: Person;

  beforeAll(async () => {
    // The functions' clock zone is UTC, as on many servers: the day rule must still be Beijing's.
    mall = await startMall({ functionEnv: { TZ: 'UTC' } });
    seller = await distributor(mall, 'o-w-seller');
    buyer = await login(mall, 'o-w-buyer');
    await settledSaleFixture(mall, { buyer, beneficiary: seller, amountFen: 100_000 });
  });
  afterAll(() => mall.stop());

  const setWithdraw = (withdraw: Record<string, unknown>) =>
    mall.ok('admin', 'updateConfig', { config: { withdraw } }, ADMIN);

  it('freezes the amount, keeps the fee and records the withdrawal and its ledger entry', async () => {
    await setWithdraw({ feeRate: '0.006' });
    const result = await mall.ok('withdraw', 'apply', { amountFen: 10_000, method: 'wechat' }, seller.openid);
    expect(result).toEqual({ withdrawalId: expect.any(String), status: 'pending', feeFen: 60, netFen: 9940 });
    expect(await balancesOf(mall, seller.userId)).toEqual({
      pendingFen: 0,
      availableFen: 90_000,
      frozenFen: 10_000,
      withdrawnFen: 0,
    });
    expect(await mall.doc('ledger', `withdrawal_frozen:${result.withdrawalId}`)).toMatchObject({
      kind: 'withdrawal_frozen',
      userId: seller.userId,
      amountFen: 10_000,
      withdrawalId: result.withdrawalId,
    });
    expect(await mall.doc('withdrawals', result.withdrawalId)).toMatchObject({
      userId: seller.userId,
      amountFen: 10_000,
      feeFen: 60,
      netFen: 9940,
      method: 'wechat',
      account: null,
      status: 'pending',
    });
    expect((await statsTotals(mall)).withdrawalsWaiting).toBe(1);
    await setWithdraw({ feeRate: '0' });
  });

  it('checks the payout account of each method', async () => {
    const apply = (method: string, account?: Record<string, unknown>) =>
      mall.call(
        'withdraw',
        'apply',
        { amountFen: 1000, method, ...(account ? { account } : {}) },
        seller.openid,
      );
    const refusal = async (method: string, account?: Record<string, unknown>) => {
      const reply = await apply(method, account);
      return reply.ok ? 'ok' : `${reply.error.code} ${reply.error.message}`;
    };
    expect(await refusal('bank')).toMatch(/^VALIDATION .*收款账户/);
    expect(await refusal('bank', { name: '王小明', number: '6222021234567890123' })).toMatch(/开户银行/);
    expect(await refusal('bank', { name: '王小明', bank: '工商银行', number: '1234' })).toMatch(
      /12–19 位数字/,
    );
    expect(await refusal('alipay', { name: '王小明', number: 'not-an-account' })).toMatch(/手机号或邮箱/);
    expect(await refusal('alipay', { number: '13800138000' })).toMatch(/姓名/);
    expect(await refusal('wechat', { number: '13800138000' })).toMatch(/无需填写账号/);
    expect(await refusal('paypal')).toMatch(/^VALIDATION/);
    expect(
      await refusal('bank', {
        name: '王小明',
        bank: '工商银行',
        number: '6222 0212 3456 7890 123',
        swift: 'x',
      }),
    ).toMatch(/^VALIDATION/);

    const bank = await mall.ok(
      'withdraw',
      'apply',
      {
        amountFen: 1000,
        method: 'bank',
        account: { name: '王小明', bank: '工商银行杭州分行', number: '6222 0212 3456 7890 123' },
      },
      seller.openid,
    );
    expect((await mall.doc('withdrawals', bank.withdrawalId)).account).toEqual({
      name: '王小明',
      bank: '工商银行杭州分行',
      number: '6222021234567890123',
    });
    const alipay = await mall.ok(
      'withdraw',
      'apply',
      { amountFen: 1000, method: 'alipay', account: { name: '王小明', number: 'wang@example.com' } },
      seller.openid,
    );
    expect(alipay.status).toBe('pending');

    const list = await mall.ok('withdraw', 'list', {}, seller.openid);
    const shown = list.items.find((w: { withdrawalId: string }) => w.withdrawalId === bank.withdrawalId);
    // The distributor's own list shows the account masked, like the admin's list.
    expect(shown.account).toEqual({ name: '王*明', bank: '工商银行杭州分行', number: '6222****0123' });
    expect(
      list.items.find((w: { withdrawalId: string }) => w.withdrawalId === alipay.withdrawalId).account.number,
    ).toBe('w***@example.com');
  });

  it('refuses below the minimum, above the maximum, beyond the balance and by a method not offered', async () => {
    const before = await balancesOf(mall, seller.userId);
    const code = (amountFen: number, method = 'wechat') =>
      mall.call('withdraw', 'apply', { amountFen, method }, seller.openid);
    const minimum = await code(999);
    expect(minimum).toMatchObject({ ok: false, error: { code: 'RULE', message: '最低提现金额为 ¥10.00' } });
    await setWithdraw({ maxFen: 5000, methods: ['wechat', 'bank'] });
    expect(await code(5001)).toMatchObject({
      ok: false,
      error: { code: 'RULE', message: '单笔最高提现金额为 ¥50.00' },
    });
    expect(await code(2000, 'alipay')).toMatchObject({ ok: false, error: { code: 'RULE' } });
    await setWithdraw({ maxFen: null, methods: ['wechat', 'bank', 'alipay'] });
    expect(await code(before.availableFen + 1)).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(await code(0)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await code(10.5)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await balancesOf(mall, seller.userId)).toEqual(before);
  });

  it('refuses callers who are not active distributors', async () => {
    expect(await mall.refused('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, buyer.openid)).toBe(
      'FORBIDDEN',
    );
    expect(await mall.refused('withdraw', 'apply', { amountFen: 1000, method: 'wechat' })).toBe(
      'UNAUTHENTICATED',
    );
    expect(await mall.refused('withdraw', 'list', {})).toBe('UNAUTHENTICATED');
  });

  it('lists only the caller’s own withdrawals', async () => {
    const other = await distributor(mall, 'o-w-other');
    await settledSaleFixture(mall, { buyer, beneficiary: other, amountFen: 3000 });
    const mine = await mall.ok('withdraw', 'apply', { amountFen: 3000, method: 'wechat' }, other.openid);
    const otherList = await mall.ok('withdraw', 'list', {}, other.openid);
    expect(otherList.items.map((w: { withdrawalId: string }) => w.withdrawalId)).toEqual([mine.withdrawalId]);
    expect(otherList.total).toBe(1);
    const sellerList = await mall.ok('withdraw', 'list', { pageSize: 2 }, seller.openid);
    expect(sellerList.items).toHaveLength(2);
    expect(sellerList.total).toBe(3);
    expect(sellerList.items.every((w: { userId: string }) => w.userId === seller.userId)).toBe(true);
    expect(await mall.ok('withdraw', 'list', { status: 'paid' }, seller.openid)).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('allows withdrawals only on the allowed days of the month, in Beijing time, to the second', async () => {
    await setWithdraw({ days: [15] });
    const attempt = async (at: number) => {
      await mall.cloud.setClock(at);
      const reply = await mall.call(
        'withdraw',
        'apply',
        { amountFen: 1000, method: 'wechat' },
        seller.openid,
      );
      return reply.ok ? 'allowed' : reply.error.code;
    };
    // 23:59:59 on the 14th in Beijing is 15:59:59 UTC on the 14th.
    expect(await attempt(beijing(2026, 3, 14, 23, 59, 59))).toBe('RULE');
    // 00:00:00 on the 15th in Beijing is still the 14th in UTC (16:00): allowed.
    expect(await attempt(beijing(2026, 3, 15, 0, 0, 0))).toBe('allowed');
    expect(await attempt(beijing(2026, 3, 15, 23, 59, 59))).toBe('allowed');
    // 00:00:00 on the 16th in Beijing is 16:00 UTC on the 15th: refused.
    expect(await attempt(beijing(2026, 3, 16, 0, 0, 0))).toBe('RULE');
    const policy = await mall.ok('withdraw', 'policy', {}, seller.openid);
    expect(policy).toMatchObject({ days: [15], daysText: '每月 15 日', todayAllowed: false });
    const refused = await mall.call(
      'withdraw',
      'apply',
      { amountFen: 1000, method: 'wechat' },
      seller.openid,
    );
    expect(refused).toMatchObject({ ok: false, error: { message: '今天不能提现，可提现日期：每月 15 日' } });
    await setWithdraw({ days: [] });
  });
});
