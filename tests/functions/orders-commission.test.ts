/**
 * Who earns what at payment: an inactive distributor in the middle (its level pays nothing, nothing moves
 * up), self-purchase on and off, `levels: 2`, product overrides (fixed amounts and rates), grade rates,
 * and bindings that lapsed (validDays) anywhere in the chain.
 *
 * Chain A ← B ← C ← D, buyer E bound to D; one product at ¥100.00 (10000 fen) unless said otherwise.
 */
import { type Mall, startMall } from './harness';
import {
  DAY_MS,
  type TestUser,
  buyer,
  chainOfFour,
  commissionsOf,
  paidOrder,
  product,
  setConfig,
  setDistributorStatus,
} from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('commission split at payment', () => {
  let mall: Mall;
  let a: TestUser;
  let b: TestUser;
  let c: TestUser;
  let d: TestUser;
  let e: TestUser;
  let hundred: string;
  const name = new Map<string, string>();

  beforeAll(async () => {
    mall = await startMall();
    [a, b, c, d] = await chainOfFour(mall, 'cm');
    e = await buyer(mall, 'cm-E', d.inviteCode ?? undefined);
    for (const [label, who] of Object.entries({ A: a, B: b, C: c, D: d, E: e })) name.set(who.userId, label);
    hundred = await product(mall, { priceFen: 10000, stock: 1000 });
  });
  afterAll(() => mall.stop());

  /** "level:beneficiary:amount" for every share of the order. */
  async function split(orderId: string): Promise<string[]> {
    return (await commissionsOf(mall, orderId)).map(
      (s) => `L${s.level}:${name.get(s.beneficiaryId)}:${s.amountFen}`,
    );
  }

  async function buy(who: TestUser, productId = hundred, quantity = 1): Promise<string[]> {
    return split(await paidOrder(mall, who, [{ productId, quantity }]));
  }

  it('pays nothing for an inactive level and moves nothing up', async () => {
    await setDistributorStatus(mall, c.userId, 'disabled');
    // D 10 % = 1000; C (level 2) disabled: its 500 is simply not paid; B stays level 3: 2 % = 200.
    expect(await buy(e)).toEqual(['L1:D:1000', 'L3:B:200']);
    await setDistributorStatus(mall, c.userId, 'active');
    expect(await buy(e)).toEqual(['L1:D:1000', 'L2:C:500', 'L3:B:200']);
  });

  it('pays a buying distributor itself as level 1 only with selfPurchase on', async () => {
    await setConfig(mall, { selfPurchase: false });
    expect(await buy(d)).toEqual(['L1:C:1000', 'L2:B:500', 'L3:A:200']);
    await setConfig(mall, { selfPurchase: true });
    expect(await buy(d)).toEqual(['L1:D:1000', 'L2:C:500', 'L3:B:200']);
    // A plain buyer is not a distributor: selfPurchase changes nothing for E.
    expect(await buy(e)).toEqual(['L1:D:1000', 'L2:C:500', 'L3:B:200']);
    await setConfig(mall, { selfPurchase: false });
  });

  it('stops at two levels with levels: 2', async () => {
    await setConfig(mall, { levels: 2, rates: ['0.10', '0.05'] });
    expect(await buy(e)).toEqual(['L1:D:1000', 'L2:C:500']);
    await setConfig(mall, {});
  });

  it('uses a product override before grade rates, and grade rates before the global ones', async () => {
    // ¥30.00 × 3 with fixed 300 / 100 fen per unit: D 900, C 300, level 3 not set: nothing.
    const fixed = await product(mall, {
      priceFen: 3000,
      commission: { mode: 'fixed', amountsFen: [300, 100] },
    });
    expect(await buy(e, fixed, 3)).toEqual(['L1:D:900', 'L2:C:300']);

    await setConfig(mall, {
      grades: [
        { gradeId: 'base', name: '普通分销商', rank: 0 },
        { gradeId: 'gold', name: '金牌分销商', rank: 1, rates: ['0.15', '0.05', '0.02'] },
      ],
    });
    await mall.db.collection('users').doc(d.userId).update({ gradeId: 'gold' });
    // D's grade pays 15 % at level 1: 1500; C and B keep the base grade's global rates.
    expect(await buy(e)).toEqual(['L1:D:1500', 'L2:C:500', 'L3:B:200']);
    // The product's own rates win over the grade: 20 / 10 / 5 % of 10000.
    const rated = await product(mall, {
      priceFen: 10000,
      commission: { mode: 'rate', rates: ['0.20', '0.10', '0.05'] },
    });
    expect(await buy(e, rated)).toEqual(['L1:D:2000', 'L2:C:1000', 'L3:B:500']);

    // The order keeps what the split was computed from, so that it can be recomputed (admin.audit).
    const orderId = await paidOrder(mall, e, [{ productId: rated, quantity: 1 }]);
    const snapshot = (await mall.doc<any>('orders', orderId)).commissionSnapshot;
    expect(snapshot).toMatchObject({
      buyer: { userId: e.userId, distributorStatus: 'none' },
      uplines: [
        { userId: d.userId, gradeId: 'gold' },
        { userId: c.userId, gradeId: 'base' },
        { userId: b.userId, gradeId: 'base' },
      ],
      config: { levels: 3, rates: ['0.10', '0.05', '0.02'], selfPurchase: false },
      lines: [
        {
          lineId: 'L1',
          paidFen: 10000,
          quantity: 1,
          override: { mode: 'rate', rates: ['0.20', '0.10', '0.05'] },
        },
      ],
    });
    await mall.db.collection('users').doc(d.userId).update({ gradeId: 'base' });
    await setConfig(mall, {});
  });

  it('stops the chain at any binding that has lapsed (validDays)', async () => {
    await setConfig(mall, { binding: { mode: 'first', validDays: 1 } });
    await mall.cloud.advanceClock(DAY_MS + 60_000);
    // E's own binding to D has lapsed: nobody earns.
    expect(await buy(e)).toEqual([]);
    // V binds to D now; D's binding to C (made at set-up) has lapsed: only D earns.
    const v = await buyer(mall, 'cm-V', d.inviteCode ?? undefined);
    name.set(v.userId, 'V');
    expect(await buy(v)).toEqual(['L1:D:1000']);
  });
});
