/**
 * admin.audit on a real history – a two-level sale, settled, partly refunded after settlement
 * (clawback), a withdrawal paid out – is clean; then each kind of corruption written behind the
 * functions' back is caught and described in words a merchant understands.
 */
import {
  ADMIN,
  DAY_MS,
  fireSettle,
  order,
  pay,
  product,
  shipAndReceive,
  distributor,
  login,
  type Person,
} from './fixtures';
import { type Mall, startMall } from './harness';

interface Problem {
  type: string;
  message: string;
  userId?: string;
  orderId?: string;
  commissionId?: string;
  withdrawalId?: string;
}

describe('admin.audit', () => {
  let mall: Mall;
  let a: Person;
  let b: Person;
  let orderId: string;
  let withdrawalId: string;

  const audit = async () =>
    mall.ok<{ ok: boolean; problems: Problem[]; checked: Record<string, number> }>(
      'admin',
      'audit',
      {},
      ADMIN,
    );

  /** Changes a document for the duration of `check`, then puts it back. */
  async function corrupt(
    collection: string,
    id: string,
    patch: Record<string, unknown>,
    check: () => Promise<void>,
  ) {
    const original = await mall.doc(collection, id);
    const { _id, ...rest } = original;
    await mall.db.collection(collection).doc(id).update(patch);
    try {
      await check();
    } finally {
      await mall.db.collection(collection).doc(_id).set(rest);
    }
  }

  beforeAll(async () => {
    mall = await startMall();
    a = await distributor(mall, 'o-audit-A');
    b = await distributor(mall, 'o-audit-B', a.inviteCode as string);
    await mall.ok('user', 'updateProfile', { nickname: '小B' }, b.openid);
    const e = await login(mall, 'o-audit-E', b.inviteCode as string);
    const productId = await product(mall, { title: '对账测试茶', priceFen: 10_000 });
    orderId = await order(mall, e, [{ productId, quantity: 2 }]);
    await pay(mall, e, orderId);
    await shipAndReceive(mall, e, orderId);
    await mall.cloud.advanceClock(8 * DAY_MS);
    await fireSettle(mall);
    // ¥50 of ¥200 refunded after settlement: B's 10 % loses ¥5, A's 5 % loses ¥2.50 (clawback).
    await mall.ok('admin', 'refundOrder', { orderId, amountFen: 5000, reason: '部分退货' }, ADMIN);
    ({ withdrawalId } = await mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, b.openid));
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId, approve: true }, ADMIN);
    await mall.ok('admin', 'markWithdrawalPaid', { withdrawalId }, ADMIN);
  });
  afterAll(() => mall.stop());

  it('finds nothing wrong with what the functions wrote', async () => {
    expect((await mall.doc('accounts', b.userId)).availableFen).toBe(2000 - 500 - 1000);
    const result = await audit();
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checked).toMatchObject({ orders: 1, commissions: 2, withdrawals: 1 });
    expect(result.checked.ledgerEntries).toBe(2 + 2 + 2 + 2);
  });

  it('catches a balance written behind the ledger’s back, naming the distributor', async () => {
    await corrupt('accounts', b.userId, { availableFen: 999_999 }, async () => {
      const { ok, problems } = await audit();
      expect(ok).toBe(false);
      expect(problems).toContainEqual({
        type: 'balance',
        userId: b.userId,
        message: `分销商「小B」（${b.userId}，邀请码 ${b.inviteCode}）的可提现余额 ¥9999.99 与流水计算值 ¥5.00 不符`,
      });
      expect(problems.find((p) => p.type === 'account')?.message).toContain('累计佣金');
      expect(problems.find((p) => p.type === 'totals')?.message).toMatch(
        /^商城汇总的可提现余额 ¥\d+\.\d\d 与各分销商账户合计 ¥\d+\.\d\d 不符$/,
      );
    });
    expect((await audit()).ok).toBe(true);
  });

  it('catches a commission whose amount no longer matches the split, the refunds or the ledger', async () => {
    // One record per level, its single line inside: corrupt the line and the record's total alike.
    const commissionId = `${orderId}-L1`;
    await corrupt('commissions', commissionId, { amountFen: 1, 'lines.0.amountFen': 1 }, async () => {
      const { problems } = await audit();
      const messages = problems.filter((p) => p.commissionId === commissionId).map((p) => p.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          `订单 ${orderId} 第 1 件商品「对账测试茶」的一级佣金扣除退款后应为 ¥15.00，记录为 ¥0.01`,
          `订单 ${orderId} 的一级佣金记录为 ¥0.01，流水合计为 ¥15.00`,
        ]),
      );
    });
    await corrupt(
      'commissions',
      commissionId,
      { originalAmountFen: 3000, 'lines.0.originalAmountFen': 3000, beneficiaryId: a.userId },
      async () => {
        const { problems } = await audit();
        const messages = problems.filter((p) => p.commissionId === commissionId).map((p) => p.message);
        expect(messages).toContain(
          `订单 ${orderId} 第 1 件商品「对账测试茶」的一级佣金按下单时的快照应为 ¥20.00，记录为 ¥30.00`,
        );
        expect(messages.some((m) => m.includes('发给了错误的分销商'))).toBe(true);
      },
    );
    await corrupt('commissions', commissionId, { status: 'pending' }, async () => {
      const { problems } = await audit();
      expect(problems.map((p) => p.message)).toContain(
        `订单 ${orderId} 的一级佣金显示待结算，但已有结算流水`,
      );
    });
    expect((await audit()).ok).toBe(true);
  });

  it('catches a withdrawal whose status its ledger entries do not support', async () => {
    await corrupt('withdrawals', withdrawalId, { status: 'rejected' }, async () => {
      const { problems } = await audit();
      expect(problems.filter((p) => p.withdrawalId === withdrawalId).map((p) => p.message)).toEqual([
        `提现申请 ${withdrawalId}（¥10.00，状态 rejected）缺少退回流水`,
        `提现申请 ${withdrawalId}（¥10.00，状态 rejected）不应有打款流水`,
      ]);
    });
  });

  it('catches an order snapshot that no longer adds up', async () => {
    await corrupt('orders', orderId, { commissionFen: 1 }, async () => {
      const { problems } = await audit();
      expect(problems).toContainEqual(
        expect.objectContaining({
          type: 'split',
          orderId,
          message: `订单 ${orderId} 记录的佣金总额 ¥0.01 与快照计算值 ¥30.00 不符`,
        }),
      );
    });
  });
});
