/**
 * The withdrawal race that CRMEB loses (it reads the balance outside its transaction): twenty concurrent
 * applications against a balance that covers five. Eight worker processes run them truly in parallel.
 */
import { balancesOf, distributor, login, settledSaleFixture } from './fixtures';
import { ADMIN, type Mall, startMall, statsTotals } from './harness';

describe('concurrent withdrawal applications', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall({ poolSize: 8 });
  });
  afterAll(() => mall.stop());

  it('let exactly five of twenty through a balance for five, and never go negative', async () => {
    const seller = await distributor(mall, 'o-race-seller');
    const buyer = await login(mall, 'o-race-buyer');
    await settledSaleFixture(mall, { buyer, beneficiary: seller, amountFen: 5 * 1000 });

    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        mall.call('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, seller.openid),
      ),
    );
    const accepted = replies.filter((r) => r.ok);
    const refusals = replies.flatMap((r) => (r.ok ? [] : [r.error.code]));

    expect(accepted).toHaveLength(5);
    // The others are told the balance is too low (or, under extreme contention, to try again) – never INTERNAL.
    expect(refusals.every((code) => code === 'RULE' || code === 'CONFLICT')).toBe(true);
    expect(await balancesOf(mall, seller.userId)).toEqual({
      pendingFen: 0,
      availableFen: 0,
      frozenFen: 5000,
      withdrawnFen: 0,
    });
    const withdrawals = await mall.find('withdrawals', { userId: seller.userId });
    expect(withdrawals).toHaveLength(5);
    const frozen = await mall.find('ledger', { userId: seller.userId, kind: 'withdrawal_frozen' });
    expect(frozen.map((e) => e.withdrawalId).sort()).toEqual(withdrawals.map((w) => w._id).sort());
    expect((await statsTotals(mall)).withdrawalsWaiting).toBe(5);

    const audit = await mall.ok('admin', 'audit', {}, ADMIN);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
  });
});
