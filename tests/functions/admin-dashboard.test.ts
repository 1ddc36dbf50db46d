/**
 * admin.dashboard against a known history made through the real functions on three Beijing days:
 * distributors appointed, a distribution order and a plain order paid, the commission settled by the
 * timer, a withdrawal paid out. Also: the statistics' shards add up (with the documents of before the
 * sharding), and its cost does not grow with the number of orders.
 */
import { beijingDateKey, recentBeijingDateKeys } from '../../shared/time';
import {
  ADMIN,
  fireSettle,
  order,
  paidOrder,
  pay,
  product,
  shipAndReceive,
  beijing,
  distributor,
  login,
} from './fixtures';
import { migrateAll } from '../../scripts/migrate/steps';
import { type Mall, startMall } from './harness';

describe('admin.dashboard', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  it('shows the totals, the daily trend and the leaderboard of a known history', async () => {
    // Day 1 (2026-05-10, Beijing): A and B become distributors, E buys ¥100 through B's link.
    await mall.cloud.setClock(beijing(2026, 5, 10, 10));
    const a = await distributor(mall, 'o-dash-A');
    const b = await distributor(mall, 'o-dash-B', a.inviteCode as string);
    const e = await login(mall, 'o-dash-E', b.inviteCode as string);
    const productId = await product(mall, { title: '看板测试商品', priceFen: 10_000 });
    const first = await order(mall, e, [{ productId, quantity: 1 }]);
    await pay(mall, e, first);

    // Day 2 (just after midnight): F, who came by no link, buys ¥200; C becomes a distributor.
    await mall.cloud.setClock(beijing(2026, 5, 11, 0, 0, 5));
    const f = await login(mall, 'o-dash-F');
    await pay(mall, f, await order(mall, f, [{ productId, quantity: 2 }]));
    await distributor(mall, 'o-dash-C');
    const applicant = await login(mall, 'o-dash-G');
    await mall.ok('distributor', 'apply', {}, applicant.openid);

    // E receives; the return window (7 days) passes; the timer settles; B withdraws ¥10 on day 9.
    await shipAndReceive(mall, e, first);
    await mall.cloud.setClock(beijing(2026, 5, 19, 9));
    expect(await fireSettle(mall)).toMatchObject({ settled: 1 });
    // The settle timer's hook told B and A that their commission arrived (template id still a placeholder).
    const arrived = (await mall.cloud.outbox()).filter(
      (m) => m.templateId === 'TEMPLATE_ID_COMMISSION_ARRIVED',
    );
    expect(arrived.map((m) => [m.touser, m.functionName, m.data])).toEqual(
      expect.arrayContaining([
        [
          b.openid,
          'settle',
          expect.objectContaining({ amount1: { value: '¥10.00' }, thing2: { value: '看板测试商品' } }),
        ],
        [a.openid, 'settle', expect.objectContaining({ amount1: { value: '¥5.00' } })],
      ]),
    );
    expect(arrived).toHaveLength(2);
    const { withdrawalId } = await mall.ok(
      'withdraw',
      'apply',
      { amountFen: 1000, method: 'wechat' },
      b.openid,
    );
    const waiting = await mall.ok('admin', 'dashboard', { days: 10 }, ADMIN);
    expect(waiting.totals).toMatchObject({ withdrawalsWaiting: 1, withdrawalsWaitingFen: 1000 });
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId, approve: true }, ADMIN);
    await mall.ok('admin', 'markWithdrawalPaid', { withdrawalId, reference: 'BANK-1' }, ADMIN);

    const board = await mall.ok('admin', 'dashboard', { days: 10 }, ADMIN);
    expect(board.totals).toEqual({
      distributors: 3,
      newDistributorsToday: 0,
      pendingApplications: 1,
      users: 6,
      orders: 2,
      distributionOrders: 1,
      salesFen: 30_000,
      refundFen: 0,
      ordersToday: 0,
      salesTodayFen: 0,
      // B earned 10 % (1000), A 5 % (500); both settled; B withdrew its 1000.
      commissionPendingFen: 0,
      commissionSettledFen: 1500,
      commissionAvailableFen: 500,
      commissionFrozenFen: 0,
      commissionWithdrawnFen: 1000,
      withdrawalsWaiting: 0,
      withdrawalsWaitingFen: 0,
    });
    expect(board.series.map((d: { date: string }) => d.date)).toEqual([
      '2026-05-10',
      '2026-05-11',
      '2026-05-12',
      '2026-05-13',
      '2026-05-14',
      '2026-05-15',
      '2026-05-16',
      '2026-05-17',
      '2026-05-18',
      '2026-05-19',
    ]);
    const day = (date: string) => board.series.find((d: { date: string }) => d.date === date);
    expect(day('2026-05-10')).toMatchObject({
      orders: 1,
      distributionOrders: 1,
      salesFen: 10_000,
      commissionFen: 1500,
      newDistributors: 2,
    });
    expect(day('2026-05-11')).toMatchObject({
      orders: 1,
      distributionOrders: 0,
      salesFen: 20_000,
      commissionFen: 0,
      newDistributors: 1,
    });
    expect(day('2026-05-19')).toMatchObject({ orders: 0, salesFen: 0, withdrawnFen: 1000 });
    expect(day('2026-05-15')).toEqual({
      date: '2026-05-15',
      orders: 0,
      distributionOrders: 0,
      salesFen: 0,
      commissionFen: 0,
      newDistributors: 0,
      refundFen: 0,
      withdrawnFen: 0,
    });
    expect(
      board.topDistributors.map((t: { userId: string; totalEarnedFen: number; rank: number }) => [
        t.rank,
        t.userId,
        t.totalEarnedFen,
      ]),
    ).toEqual([
      [1, b.userId, 1000],
      [2, a.userId, 500],
    ]);
    expect(board.topDistributors[0]).toMatchObject({
      inviteCode: b.inviteCode,
      grade: '普通分销商',
      availableFen: 0,
    });
    expect((await mall.ok('admin', 'dashboard', {}, ADMIN)).series).toHaveLength(30);
    expect(await mall.refused('admin', 'dashboard', { days: 0 }, ADMIN)).toBe('VALIDATION');
    expect(await mall.refused('admin', 'dashboard', { days: 91 }, ADMIN)).toBe('VALIDATION');
  });

  it('adds up the shards of the statistics, over more day documents than one query returns', async () => {
    const own = await startMall();
    try {
      await own.cloud.setClock(beijing(2026, 6, 1, 12));
      const today = beijingDateKey(own.cloud.now());
      // Figures already in some shards: the totals' shard 3 and today's shard 5.
      own.cloud.runtime.database.insert('statsTotals', [
        { _id: 'all:3', users: 7, orders: 10, salesFen: 100_000, pendingFen: 0, updatedAt: 1 },
      ]);
      own.cloud.runtime.database.insert('statsDaily', [
        { _id: `${today}:5`, date: today, orders: 3, salesFen: 30_000, updatedAt: 1 },
      ]);
      // The 89 days before, busy: all 16 shards each – 1,424 documents, more than one query may return.
      const days = recentBeijingDateKeys(own.cloud.now(), 90).slice(0, -1);
      own.cloud.runtime.database.insert(
        'statsDaily',
        days.flatMap((date) =>
          Array.from({ length: 16 }, (_, k) => ({ _id: `${date}:${k}`, date, orders: 1, salesFen: 100 })),
        ),
      );
      // They are in the layout of earlier versions (a document per day and shard): the migration moves them
      // into the shard documents (scripts/migrate).
      await migrateAll(own.db, own.cloud.now(), () => undefined);
      const productId = await product(own, { title: '分片测试商品', priceFen: 1_000 });
      for (let i = 0; i < 6; i += 1) {
        const buyer = await login(own, `o-shard-${i}`);
        await paidOrder(own, buyer, [{ productId, quantity: 1 }]);
      }

      // Each payment bumped one shard of the totals and one of the day, picked by its order id.
      const totalsIds = (await own.find<{ _id: string }>('statsTotals')).map((d) => d._id);
      expect(totalsIds.every((id) => /^all:\d+$/.test(id))).toBe(true);
      expect(totalsIds.length).toBeGreaterThan(2);
      const dailyIds = (await own.find<{ _id: string }>('statsDaily', { date: today })).map((d) => d._id);
      expect(dailyIds.every((id) => id.startsWith(`${today}:`))).toBe(true);

      const board = await own.ok('admin', 'dashboard', { days: 1 }, ADMIN);
      expect(board.totals).toMatchObject({
        users: 7 + 6,
        orders: 10 + 6,
        salesFen: 100_000 + 6_000,
        ordersToday: 3 + 6,
        salesTodayFen: 30_000 + 6_000,
      });
      expect(board.series).toEqual([expect.objectContaining({ date: today, orders: 9, salesFen: 36_000 })]);
      const quarter = await own.ok('admin', 'dashboard', { days: 90 }, ADMIN);
      expect(quarter.series.map((d: { orders: number }) => d.orders)).toEqual([...Array(89).fill(16), 9]);
      expect(quarter.series[0]).toMatchObject({ date: days[0], salesFen: 1_600 });
      expect((await own.ok('admin', 'audit', {}, ADMIN)).ok).toBe(true);
    } finally {
      await own.stop();
    }
    // Its own mall, 1,425 documents to migrate: more than a quick test's time.
  }, 60_000);

  it('reads the same number of documents with 2 or 2,000 orders', async () => {
    const examined = async () => {
      const before = mall.cloud.runtime.database.stats().documentsExamined;
      await mall.ok('admin', 'dashboard', { days: 30 }, ADMIN);
      return mall.cloud.runtime.database.stats().documentsExamined - before;
    };
    const few = await examined();
    const now = mall.cloud.now();
    mall.cloud.runtime.database.insert(
      'orders',
      Array.from({ length: 2000 }, (_, i) => ({
        _id: `bulk-${i}`,
        outTradeNo: `bulk-${i}`,
        buyerId: 'bulk-buyer',
        status: 'completed',
        payableFen: 100,
        createdAt: now - i * 60_000,
      })),
    );
    expect(await examined()).toBe(few);
    expect(few).toBeLessThan(60);
  });
});
