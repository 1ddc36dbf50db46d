/**
 * scripts/migrate on a store written by the earlier versions of the functions: a settled two-line sale
 * with its commission records per line and level, ledger entries keyed by them, users with random ids,
 * an account without its status copy and the statistics of a day in the old layout. After the migration
 * the audit finds the money consistent, the functions work on the migrated store (the distributor logs
 * in by its OPENID and withdraws), and a second run changes nothing.
 */
import { DEFAULT_CONFIG } from '../../shared/config';
import { beijingDateKey } from '../../shared/time';
import { userIdOf } from '../../shared/user-id';
import { migrateAll } from '../../scripts/migrate/steps';
import { ADMIN, commissionsOf } from './fixtures';
import { type Mall, startMall, statsDaily, statsTotals } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- documents of an earlier version */

describe('migrating a store of an earlier version', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  it('moves every document to the current model, keeps the money consistent, and is idempotent', async () => {
    const now = mall.cloud.now();
    const day = beijingDateKey(now);
    const a = { _id: 'a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0', openid: 'o-legacy-A' };
    const e = { _id: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0', openid: 'o-legacy-E' };
    const orderId = '2026010112000012345678';
    const user = (u: { _id: string; openid: string }, extra: Record<string, unknown>) => ({
      ...u,
      nickname: '微信用户',
      avatarUrl: '',
      createdAt: now,
      uplines: [],
      inviterId: null,
      boundAt: null,
      bindingSource: null,
      distributorStatus: 'none',
      distributorSince: null,
      gradeId: 'base',
      ...extra,
    });
    const db = mall.cloud.runtime.database;
    db.insert('users', [
      user(a, { distributorStatus: 'active', distributorSince: now, inviteCode: 'K7M3QX2AB' }),
      user(e, { inviterId: a._id, uplines: [a._id], boundAt: now, bindingSource: 'share_link' }),
    ]);
    // ¥100 + ¥60 paid, A earns 10 % of each line at level 1: 1000 + 600, settled.
    const lines = [
      { lineId: 'L1', productId: 'p1', title: '旧茶', paidFen: 10_000 },
      { lineId: 'L2', productId: 'p2', title: '旧壶', paidFen: 6_000 },
    ];
    db.insert('orders', [
      {
        _id: orderId,
        outTradeNo: orderId,
        buyerId: e._id,
        buyerOpenid: e.openid,
        items: lines.map((l) => ({
          ...l,
          priceFen: l.paidFen,
          quantity: 1,
          refundedFen: 0,
          cover: '',
          commission: null,
        })),
        payableFen: 16_000,
        refundedFen: 0,
        status: 'completed',
        statusBeforeRefund: null,
        inviterId: a._id,
        createdAt: now,
        paidAt: now,
        completedAt: now,
        commissionFen: 1_600,
        commissionSnapshot: {
          buyer: { userId: e._id, distributorStatus: 'none', gradeId: 'base' },
          uplines: [{ userId: a._id, distributorStatus: 'active', gradeId: 'base' }],
          config: {
            levels: 3,
            rates: ['0.10', '0.05', '0.02'],
            selfPurchase: false,
            grades: DEFAULT_CONFIG.grades,
          },
          lines: lines.map((l) => ({
            lineId: l.lineId,
            productId: l.productId,
            quantity: 1,
            paidFen: l.paidFen,
            override: null,
          })),
          at: now,
        },
      },
    ]);
    db.insert(
      'commissions',
      lines.map((l) => ({
        _id: `${orderId}-${l.lineId}-L1`,
        orderId,
        lineId: l.lineId,
        productId: l.productId,
        productTitle: l.title,
        level: 1,
        beneficiaryId: a._id,
        buyerId: e._id,
        baseFen: l.paidFen,
        rate: '0.10',
        fixedPerUnitFen: null,
        originalAmountFen: l.paidFen / 10,
        amountFen: l.paidFen / 10,
        status: 'settled',
        clawbackFen: 0,
        createdAt: now,
        settledAt: now,
        reversedAt: null,
      })),
    );
    db.insert(
      'ledger',
      lines.flatMap((l) =>
        (['commission_pending', 'commission_settled'] as const).map((kind, i) => ({
          _id: `${kind}:${orderId}-${l.lineId}-L1`,
          kind,
          userId: a._id,
          amountFen: l.paidFen / 10,
          orderId,
          commissionId: `${orderId}-${l.lineId}-L1`,
          createdAt: now + i,
        })),
      ),
    );
    db.insert('accounts', [
      {
        _id: a._id,
        pendingFen: 0,
        availableFen: 1_600,
        frozenFen: 0,
        withdrawnFen: 0,
        totalEarnedFen: 1_600,
        settledSalesFen: 16_000,
        commissionEarnedFen: 1_600,
        directDistributors: 0,
        team: { level1: 1, level2: 0, level3: 0 },
        updatedAt: now,
      },
    ]);
    db.insert('statsTotals', [
      { _id: 'all:0', users: 2, distributors: 1, orders: 1, salesFen: 16_000, availableFen: 1_600 },
    ]);
    db.insert('statsDaily', [
      { _id: `${day}:0`, date: day, orders: 1, salesFen: 16_000, commissionFen: 1_600 },
    ]);

    const results = await migrateAll(mall.db, now, () => undefined);
    expect(Object.fromEntries(results.map((r) => [r.step, r.changed]))).toEqual({
      commissions: 1,
      stats: 1,
      accounts: 1,
      // The references in accounts, ledger (4), commissions (1), orders (1), the two users themselves.
      users: 9,
    });

    const newA = userIdOf(a.openid);
    const newE = userIdOf(e.openid);
    expect(await mall.doc('users', a._id)).toBeNull();
    expect(await mall.doc<any>('users', newE)).toMatchObject({ inviterId: newA, uplines: [newA] });
    expect(await mall.doc<any>('accounts', newA)).toMatchObject({
      availableFen: 1_600,
      distributorStatus: 'active',
    });
    const record = await mall.doc<any>('commissions', `${orderId}-L1`);
    expect(record).toMatchObject({
      level: 1,
      beneficiaryId: newA,
      buyerId: newE,
      amountFen: 1_600,
      status: 'settled',
    });
    expect(record.lines.map((l: any) => [l.lineId, l.amountFen])).toEqual([
      ['L1', 1_000],
      ['L2', 600],
    ]);
    expect(
      (await commissionsOf(mall, orderId)).map((c) => `${c.lineId}-L${c.level}:${c.amountFen}:${c.status}`),
    ).toEqual(['L1-L1:1000:settled', 'L2-L1:600:settled']);
    expect(new Set((await mall.find<any>('ledger', { orderId })).map((l) => l.commissionId))).toEqual(
      new Set([`${orderId}-L1`]),
    );
    expect((await mall.doc<any>('orders', orderId)).commissions).toEqual([
      {
        commissionId: `${orderId}-L1`,
        level: 1,
        beneficiaryId: newA,
        amountFen: 1_600,
        status: 'settled',
        liveLineIds: ['L1', 'L2'],
      },
    ]);
    expect(await statsDaily(mall, day)).toMatchObject({ orders: 1, salesFen: 16_000, commissionFen: 1_600 });
    expect(await statsTotals(mall)).toMatchObject({ users: 2, orders: 1, availableFen: 1_600 });
    const audit = await mall.ok('admin', 'audit', {}, ADMIN);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);

    // The functions work on it: A logs in by its OPENID as the same user, and withdraws.
    expect(await mall.ok('user', 'login', {}, a.openid)).toMatchObject({
      userId: newA,
      distributorStatus: 'active',
    });
    const withdrawal = await mall.ok('withdraw', 'apply', { amountFen: 1_000, method: 'wechat' }, a.openid);
    expect(withdrawal.status).toBe('pending');
    expect((await mall.ok('admin', 'audit', {}, ADMIN)).ok).toBe(true);

    // A second run finds nothing left to do.
    const again = await migrateAll(mall.db, now, () => undefined);
    expect(again.map((r) => r.changed)).toEqual([0, 0, 0, 0]);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
