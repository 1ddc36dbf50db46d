/**
 * The merchant's side of withdrawals: review, mark paid, and what repeats do – a double click, two admins
 * at once, a reject after an approval. Every transition is decided inside its transaction on the current
 * status: the outcome already in place answers `changed: false`, a contradicting one CONFLICT.
 */
import { balancesOf, distributor, login, type Person, reply, settledSaleFixture } from './fixtures';
import { ADMIN, type Mall, startMall, statsTotals } from './harness';

describe('admin withdrawals on the local CloudBase', () => {
  let mall: Mall;
  let seller: Person;

  beforeAll(async () => {
    mall = await startMall({
      poolSize: 4,
      functionEnv: {
        SUBSCRIBE_TEMPLATE_WITHDRAWAL: 'tmpl-withdrawal-result',
        PAYOUT_WECHAT_TRANSFER: 'local',
      },
    });
    seller = await distributor(mall, 'o-aw-seller');
    const buyer = await login(mall, 'o-aw-buyer');
    await settledSaleFixture(mall, { buyer, beneficiary: seller, amountFen: 50_000 });
  });
  afterAll(() => mall.stop());

  const apply = async (amountFen: number, extra: Record<string, unknown> = { method: 'wechat' }) =>
    (await mall.ok('withdraw', 'apply', { amountFen, ...extra }, seller.openid)).withdrawalId as string;
  const review = (withdrawalId: string, approve: boolean, reason?: string) =>
    reply(mall, 'admin', 'reviewWithdrawal', { withdrawalId, approve, ...(reason ? { reason } : {}) }, ADMIN);
  const markPaid = (withdrawalId: string, reference?: string) =>
    reply(mall, 'admin', 'markWithdrawalPaid', { withdrawalId, ...(reference ? { reference } : {}) }, ADMIN);

  it('approves and pays out: frozen → withdrawn, reference recorded, result message sent', async () => {
    const id = await apply(10_000, {
      method: 'bank',
      account: { name: '王小明', bank: '招商银行', number: '6225880123456789' },
    });
    const approved = await review(id, true);
    expect(approved).toMatchObject({ ok: true, data: { status: 'approved', changed: true } });
    expect(await balancesOf(mall, seller.userId)).toMatchObject({ availableFen: 40_000, frozenFen: 10_000 });

    const paid = await markPaid(id, 'CMB20261127001');
    expect(paid).toMatchObject({
      ok: true,
      data: {
        status: 'paid',
        reference: 'CMB20261127001',
        payout: { channel: 'manual', state: 'paid' },
        // The admin paying it out sees the whole account.
        account: { name: '王小明', bank: '招商银行', number: '6225880123456789' },
        changed: true,
      },
    });
    expect(await balancesOf(mall, seller.userId)).toEqual({
      pendingFen: 0,
      availableFen: 40_000,
      frozenFen: 0,
      withdrawnFen: 10_000,
    });
    expect(await mall.doc('ledger', `withdrawal_paid:${id}`)).toMatchObject({ amountFen: 10_000 });
    const doc = await mall.doc('withdrawals', id);
    expect(doc).toMatchObject({
      status: 'paid',
      paidBy: ADMIN,
      reviewedBy: ADMIN,
      paidAt: expect.any(Number),
    });

    const outbox = await mall.cloud.outbox();
    const message = outbox.find(
      (m) => m.templateId === 'tmpl-withdrawal-result' && m.touser === seller.openid,
    );
    expect(message).toMatchObject({
      functionName: 'admin',
      page: 'pages/distributor/withdrawals/index',
      data: { amount1: { value: '¥100.00' }, phrase2: { value: '已打款' } },
    });
    expect(await mall.find('messages', { userId: seller.userId, ok: true })).toHaveLength(1);
  });

  it('a double click on approve or paid changes nothing the second time', async () => {
    const id = await apply(2000);
    expect((await review(id, true)).data.changed).toBe(true);
    expect(await review(id, true)).toMatchObject({ ok: true, data: { status: 'approved', changed: false } });
    // Two admins paying at the same moment: one pays, the other sees it paid.
    const [a, b] = await Promise.all([markPaid(id), markPaid(id)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect([a.data.changed, b.data.changed].sort()).toEqual([false, true]);
    // A WeChat withdrawal went through the (local) merchant-transfer adapter, idempotent per withdrawal.
    expect(a.data.payout).toEqual({
      channel: 'wechat_transfer',
      state: 'paid',
      transferBillNo: `local-transfer-${id}`,
      packageInfo: null,
    });
    expect(a.data.reference).toBe(`local-transfer-${id}`);
    expect(await markPaid(id)).toMatchObject({ ok: true, data: { status: 'paid', changed: false } });
    expect(await mall.find('ledger', { withdrawalId: id })).toHaveLength(2); // frozen + paid, once each
    expect(await review(id, true)).toMatchObject({ ok: true, data: { status: 'paid', changed: false } });
  });

  it('rejecting returns the money; a reject after approval, or an approval after reject, is a conflict', async () => {
    const before = await balancesOf(mall, seller.userId);
    const rejected = await apply(3000);
    expect(await review(rejected, false, '账户信息有误')).toMatchObject({
      ok: true,
      data: { status: 'rejected', reason: '账户信息有误', changed: true },
    });
    expect(await balancesOf(mall, seller.userId)).toEqual(before);
    expect(await mall.doc('ledger', `withdrawal_released:${rejected}`)).toMatchObject({ amountFen: 3000 });
    expect(await review(rejected, false)).toMatchObject({
      ok: true,
      data: { status: 'rejected', changed: false },
    });
    expect(await review(rejected, true)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await markPaid(rejected)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await balancesOf(mall, seller.userId)).toEqual(before);

    const approved = await apply(1500);
    await review(approved, true);
    expect(await review(approved, false)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const pending = await apply(1500);
    expect(await markPaid(pending)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await mall.find('ledger', { withdrawalId: pending })).toHaveLength(1);

    const message = (await mall.cloud.outbox()).find(
      (m) => (m.data as { phrase2?: { value: string } }).phrase2?.value === '已驳回',
    );
    expect(message?.data).toMatchObject({ thing4: { value: '账户信息有误' }, amount1: { value: '¥30.00' } });
  });

  it('concurrent approve and reject of one withdrawal: exactly one wins, the money moves once', async () => {
    const before = await balancesOf(mall, seller.userId);
    const id = await apply(1000);
    const [approve, reject] = await Promise.all([review(id, true), review(id, false)]);
    const winners = [approve, reject].filter((r) => r.ok && r.data.changed);
    expect(winners).toHaveLength(1);
    const loser = [approve, reject].find((r) => !(r.ok && r.data.changed));
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const { status } = await mall.doc('withdrawals', id);
    const after = await balancesOf(mall, seller.userId);
    if (status === 'rejected') expect(after).toEqual(before);
    else expect(after.frozenFen).toBe(before.frozenFen + 1000);
  });

  it('lists withdrawals with masked accounts, filters by status, and shows one in full', async () => {
    const list = await mall.ok('admin', 'listWithdrawals', { status: 'paid' }, ADMIN);
    expect(list.total).toBe(2);
    const bank = list.items.find((w: { method: string }) => w.method === 'bank');
    expect(bank).toMatchObject({
      nickname: expect.any(String),
      account: { name: '王*明', number: '6225****6789' },
      statusName: '已打款',
    });
    const full = await mall.ok('admin', 'getWithdrawal', { withdrawalId: bank.withdrawalId }, ADMIN);
    expect(full.account.number).toBe('6225880123456789');
    // the applicant and their balances, for the merchant to decide with both in view
    expect(full.distributor).toMatchObject({ nickname: expect.any(String), distributorStatus: 'active' });
    expect(full.balances).toEqual(await balancesOf(mall, full.userId));
    expect(await mall.refused('admin', 'getWithdrawal', { withdrawalId: 'nope' }, ADMIN)).toBe('NOT_FOUND');
    expect(
      await mall.refused('admin', 'reviewWithdrawal', { withdrawalId: 'nope', approve: true }, ADMIN),
    ).toBe('NOT_FOUND');
    const pending = await mall.ok('admin', 'listWithdrawals', { status: 'pending' }, ADMIN);
    expect(pending.items.every((w: { status: string }) => w.status === 'pending')).toBe(true);
    expect((await statsTotals(mall)).withdrawalsWaiting).toBe(
      (await mall.find('withdrawals', { status: mall.db.command.in(['pending', 'approved']) })).length,
    );
    const audit = await mall.ok('admin', 'audit', {}, ADMIN);
    expect(audit.problems).toEqual([]);
  });

  it('a failed subscribe message never fails the action: it is logged', async () => {
    const id = await apply(1000);
    await review(id, true);
    // The seller never subscribed on a real phone; here the template id is refused when missing.
    await mall.db.collection('users').doc(seller.userId).update({ openid: '' });
    try {
      expect(await markPaid(id)).toMatchObject({ ok: true, data: { status: 'paid', changed: true } });
    } finally {
      await mall.db.collection('users').doc(seller.userId).update({ openid: seller.openid });
    }
    const failed = await mall.find('messages', { userId: seller.userId, ok: false });
    expect(failed).toHaveLength(1);
    expect(failed[0].error).toEqual(expect.any(String));
  });
});

describe('the cloud WeChat-transfer adapter (not yet connected)', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall({ functionEnv: { PAYOUT_WECHAT_TRANSFER: 'cloud' } });
  });
  afterAll(() => mall.stop());

  it('refuses a WeChat payout with what is missing and changes nothing; manual methods still work', async () => {
    const seller = await distributor(mall, 'o-cloud-seller');
    await settledSaleFixture(mall, {
      buyer: await login(mall, 'o-cloud-buyer'),
      beneficiary: seller,
      amountFen: 5000,
    });
    const wechat = await mall.ok('withdraw', 'apply', { amountFen: 2000, method: 'wechat' }, seller.openid);
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId: wechat.withdrawalId, approve: true }, ADMIN);
    const refused = await mall.call(
      'admin',
      'markWithdrawalPaid',
      { withdrawalId: wechat.withdrawalId },
      ADMIN,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'RULE', message: expect.stringContaining('商家转账') },
    });
    expect((await mall.doc('withdrawals', wechat.withdrawalId)).status).toBe('approved');
    expect(await balancesOf(mall, seller.userId)).toMatchObject({ frozenFen: 2000, withdrawnFen: 0 });

    const bank = await mall.ok(
      'withdraw',
      'apply',
      {
        amountFen: 2000,
        method: 'bank',
        account: { name: '李四', bank: '建设银行', number: '6217000010001234567' },
      },
      seller.openid,
    );
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId: bank.withdrawalId, approve: true }, ADMIN);
    const paid = await mall.ok(
      'admin',
      'markWithdrawalPaid',
      { withdrawalId: bank.withdrawalId, reference: 'CCB-1' },
      ADMIN,
    );
    expect(paid).toMatchObject({ status: 'paid', payout: { channel: 'manual' }, reference: 'CCB-1' });
  });
});
