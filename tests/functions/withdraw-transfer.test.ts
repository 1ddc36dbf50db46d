/**
 * Payouts by WeChat Pay's merchant transfer (商家转账) against the local stand-in of that API: signed
 * requests, signed answers, encrypted and signed notifications to transferNotify over HTTP access. The
 * test generates both key pairs (localcloud/platform/transfer/keys.ts).
 */
import crypto from 'node:crypto';
import { generateTransferKeys } from '../../localcloud/platform/transfer/keys';
import { TransferStandIn } from '../../localcloud/platform/transfer/standIn';
import { balancesOf, distributor, login, type Person, reply, settledSaleFixture } from './fixtures';
import { ADMIN, type Mall, startMall } from './harness';

const keys = generateTransferKeys();

describe('WeChat merchant transfer payouts on the local CloudBase', () => {
  let mall: Mall;
  let seller: Person;

  beforeAll(async () => {
    mall = await startMall({
      poolSize: 4,
      wechatTransfer: keys,
      functionEnv: {
        PAYOUT_WECHAT_TRANSFER: 'cloud',
        SUBSCRIBE_TEMPLATE_WITHDRAWAL: 'tmpl-withdrawal-result',
      },
    });
    seller = await distributor(mall, 'o-tr-seller');
    const buyer = await login(mall, 'o-tr-buyer');
    await settledSaleFixture(mall, { buyer, beneficiary: seller, amountFen: 50_000 });
  });
  afterAll(() => mall.stop());

  /** Applied, approved and sent to WeChat: the withdrawal waits for the distributor's confirmation. */
  async function transferOf(amountFen: number): Promise<string> {
    const { withdrawalId } = await mall.ok(
      'withdraw',
      'apply',
      { amountFen, method: 'wechat' },
      seller.openid,
    );
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId, approve: true }, ADMIN);
    const sent = await reply(mall, 'admin', 'markWithdrawalPaid', { withdrawalId }, ADMIN);
    expect(sent).toMatchObject({
      ok: true,
      data: {
        status: 'approved',
        changed: true,
        payout: {
          channel: 'wechat_transfer',
          state: 'waiting_user',
          outBillNo: withdrawalId,
          transferState: 'WAIT_USER_CONFIRM',
        },
      },
    });
    return withdrawalId;
  }
  const drive = (outBillNo: string, action: 'confirm' | 'fail' | 'cancel' | 'notify') =>
    mall.cloud.request<{ state: string; delivery: { status: number; body: string } }>(
      'POST',
      '/dev/transfer',
      {
        outBillNo,
        action,
      },
    );
  const ledgerOf = async (withdrawalId: string) =>
    (await mall.find('ledger', { withdrawalId })).map((e: { kind: string }) => e.kind).sort();

  it('success: the distributor gets what wx.requestMerchantTransfer needs, confirms, and the notification pays it', async () => {
    const before = await balancesOf(mall, seller.userId);
    const id = await transferOf(10_000);
    const bill = mall.cloud.runtime.transfer!.get(id)!;
    expect(bill).toMatchObject({ openid: seller.openid, amountFen: 10_000, state: 'WAIT_USER_CONFIRM' });

    const info = await mall.ok('withdraw', 'transferInfo', { withdrawalId: id }, seller.openid);
    expect(info).toEqual({
      withdrawalId: id,
      netFen: 10_000,
      mchId: keys.mchId,
      appId: keys.appId,
      package: bill.packageInfo,
    });
    // Only the applicant, only while waiting.
    const stranger = await login(mall, 'o-tr-stranger');
    expect(await mall.refused('withdraw', 'transferInfo', { withdrawalId: id }, stranger.openid)).toBe(
      'NOT_FOUND',
    );

    // A second click on 打款 asks WeChat about the same bill instead of paying again.
    const again = await reply(mall, 'admin', 'markWithdrawalPaid', { withdrawalId: id }, ADMIN);
    expect(again).toMatchObject({
      ok: true,
      data: { status: 'approved', payout: { state: 'waiting_user' } },
    });

    const confirmed = await drive(id, 'confirm');
    expect(confirmed.body).toMatchObject({ state: 'SUCCESS', delivery: { status: 200 } });
    expect(await mall.doc('withdrawals', id)).toMatchObject({
      status: 'paid',
      paidBy: 'wechat_transfer',
      reference: bill.transferBillNo,
      payout: { state: 'paid', transferState: 'SUCCESS', packageInfo: null },
    });
    expect(await ledgerOf(id)).toEqual(['withdrawal_frozen', 'withdrawal_paid']);
    const after = await balancesOf(mall, seller.userId);
    expect(after.withdrawnFen - before.withdrawnFen).toBe(10_000);
    expect(after.frozenFen).toBe(before.frozenFen);
    expect(await mall.refused('withdraw', 'transferInfo', { withdrawalId: id }, seller.openid)).toBe(
      'CONFLICT',
    );
    // Configured completely but for cloudPay's merchant: the self-checks name only WXPAY_SUB_MCH_ID.
    const selfChecks = mall.cloud.output().filter((l) => /\[self-check\] (admin|transferNotify):/.test(l));
    expect(selfChecks.length).toBeGreaterThanOrEqual(2);
    for (const line of selfChecks) {
      expect(line).not.toContain('微信商家转账缺少');
      if (line.includes('transferNotify:')) expect(line).toContain(': OK (');
      else expect(line).toContain('1 PROBLEM(S) – WXPAY_SUB_MCH_ID 未设置');
    }

    // WeChat Pay delivers the same notification again: nothing moves twice.
    expect((await drive(id, 'notify')).body.delivery.status).toBe(200);
    expect(await ledgerOf(id)).toEqual(['withdrawal_frozen', 'withdrawal_paid']);
    expect(await balancesOf(mall, seller.userId)).toEqual(after);
  });

  it.each(['fail', 'cancel'] as const)(
    '%s: the amount goes back to the distributor exactly once, also for replayed and concurrent notifications',
    async (action) => {
      const before = await balancesOf(mall, seller.userId);
      const id = await transferOf(5_000);
      expect(await balancesOf(mall, seller.userId)).toMatchObject({
        availableFen: before.availableFen - 5_000,
      });
      const first = await drive(id, action);
      expect(first.body).toMatchObject({
        state: action === 'fail' ? 'FAIL' : 'CANCELLED',
        delivery: { status: 200 },
      });
      const replies = await Promise.all([drive(id, 'notify'), drive(id, 'notify'), drive(id, 'notify')]);
      for (const r of replies) expect(r.status).toBe(200);
      // A concurrent twin may lose its transaction (answered 500, WeChat retries); a retry finds it done.
      expect((await drive(id, 'notify')).body.delivery.status).toBe(200);

      expect(await mall.doc('withdrawals', id)).toMatchObject({
        status: 'failed',
        payout: { state: 'returned', transferState: action === 'fail' ? 'FAIL' : 'CANCELLED' },
      });
      expect(await ledgerOf(id)).toEqual(['withdrawal_frozen', 'withdrawal_released']);
      expect(await balancesOf(mall, seller.userId)).toEqual(before);
      // One message, saying the transfer failed – not that the withdrawal was rejected.
      const messages = (await mall.cloud.outbox()).filter((m) => JSON.stringify(m.data).includes('打款失败'));
      expect(messages.length).toBe(action === 'fail' ? 1 : 2);
      // The admin's re-query agrees and changes nothing.
      expect(await reply(mall, 'admin', 'syncWithdrawalTransfer', { withdrawalId: id }, ADMIN)).toMatchObject(
        {
          ok: true,
          data: { status: 'failed', changed: false },
        },
      );
      // The audit finds balances, totals and every withdrawal's entries as its status implies.
      const audit = await mall.ok('admin', 'audit', { pages: 50 }, ADMIN);
      expect(audit).toMatchObject({ ok: true, complete: true, problems: [] });
    },
  );

  it('the admin re-query completes a transfer whose notification never arrived', async () => {
    const id = await transferOf(1_000);
    mall.cloud.runtime.transfer!.finish(id, 'confirm'); // WeChat knows; the notification is lost
    expect(await reply(mall, 'admin', 'syncWithdrawalTransfer', { withdrawalId: id }, ADMIN)).toMatchObject({
      ok: true,
      data: { status: 'paid', changed: true },
    });
    expect(await ledgerOf(id)).toEqual(['withdrawal_frozen', 'withdrawal_paid']);
  });

  it('the hourly poll settles transfers whose notification is overdue, both ways, exactly once', async () => {
    const paidId = await transferOf(1_500);
    const cancelledId = await transferOf(2_500);
    const before = await balancesOf(mall, seller.userId);
    mall.cloud.runtime.transfer!.finish(paidId, 'confirm'); // notifications lost
    mall.cloud.runtime.transfer!.finish(cancelledId, 'cancel');
    const poll = async () =>
      (
        await mall.cloud.request<{ asked: number; changed: number; failed: number }>(
          'POST',
          '/dev/timer/transferNotify',
        )
      ).body;

    // fresh bills are not asked about yet: their notification may still come
    expect(await poll()).toMatchObject({ changed: 0 });
    expect((await mall.doc<{ status: string }>('withdrawals', paidId))?.status).toBe('approved');

    await mall.cloud.request('POST', '/dev/clock', { advanceMs: 31 * 60 * 1000 });
    // (the scheduler's own hourly run may take part when the jump crosses the hour: hence statuses, not counts)
    expect(await poll()).toMatchObject({ failed: 0 });
    expect((await mall.doc<{ status: string }>('withdrawals', paidId))?.status).toBe('paid');
    expect((await mall.doc<{ status: string }>('withdrawals', cancelledId))?.status).toBe('failed');
    expect(await ledgerOf(paidId)).toEqual(['withdrawal_frozen', 'withdrawal_paid']);
    expect(await ledgerOf(cancelledId)).toEqual(['withdrawal_frozen', 'withdrawal_released']);
    const after = await balancesOf(mall, seller.userId);
    expect(after.withdrawnFen - before.withdrawnFen).toBe(1_500);
    expect(after.availableFen - before.availableFen).toBe(2_500);

    // the next run finds nothing open of these and moves no money
    await mall.cloud.request('POST', '/dev/clock', { advanceMs: 31 * 60 * 1000 });
    expect((await poll()).changed).toBe(0);
    expect(await balancesOf(mall, seller.userId)).toEqual(after);
  });

  it('refuses a forged notification: signed with another key, or tampered with', async () => {
    const id = await transferOf(2_000);
    const forger = new TransferStandIn(
      { ...generateTransferKeys(), platformKeyId: keys.platformKeyId, apiV3Key: keys.apiV3Key },
      mall.cloud.runtime.clock,
    );
    const bill = { ...mall.cloud.runtime.transfer!.get(id)!, state: 'SUCCESS' as const };
    const forged = forger.notification(bill);
    const post = (headers: Record<string, string>, body: string) =>
      mall.cloud.request('POST', '/http/transferNotify', body, headers);
    expect((await post(forged.headers, forged.body)).status).toBe(401);

    // A genuine notification whose body was changed no longer verifies either.
    const genuine = mall.cloud.runtime.transfer!.notification(bill);
    const tampered = JSON.stringify({ ...JSON.parse(genuine.body), id: crypto.randomUUID() });
    expect((await post(genuine.headers, tampered)).status).toBe(401);

    expect(await mall.doc('withdrawals', id)).toMatchObject({
      status: 'approved',
      payout: { state: 'waiting_user' },
    });
    expect(await ledgerOf(id)).toEqual(['withdrawal_frozen']);
  });
});
