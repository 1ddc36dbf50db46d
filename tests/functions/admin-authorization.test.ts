/**
 * The authorization matrix of the admin function: EVERY action (found in the sources, so a new action
 * cannot slip past this test) refuses a logged-in non-admin with FORBIDDEN and a call without OPENID with
 * UNAUTHENTICATED – before its input is even looked at – and works for an admin: from ADMIN_OPENIDS, or
 * granted at run time (until revoked). Identity in the payload is never believed.
 */
import { distributor, login, type Person, settledSaleFixture } from './fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, type Mall, startMall } from './harness';

const ADMIN_DIR = path.resolve(__dirname, '../../cloudfunctions/admin');

/** Action names as declared in the admin modules: `  name: action(`. */
function declaredAdminActions(): string[] {
  return fs
    .readdirSync(ADMIN_DIR)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(path.join(ADMIN_DIR, f), 'utf8').matchAll(/^ {2}(\w+): action\(/gm)])
    .map((m) => m[1])
    .sort();
}

describe('admin authorization matrix', () => {
  let mall: Mall;
  let member: Person;
  let seller: Person;
  let withdrawalId: string;

  beforeAll(async () => {
    mall = await startMall();
    member = await login(mall, 'o-authz-member');
    seller = await distributor(mall, 'o-authz-seller');
    await settledSaleFixture(mall, { buyer: member, beneficiary: seller, amountFen: 5000 });
    withdrawalId = (await mall.ok('withdraw', 'apply', { amountFen: 2000, method: 'wechat' }, seller.openid))
      .withdrawalId;
  });
  afterAll(() => mall.stop());

  /**
   * For each action, params an admin may send and what the admin gets: 'ok', or the refusal code a
   * well-formed request about something that does not exist gets (the issue-5 actions are exercised
   * in their own tests; here it matters only that the guard let the admin through).
   */
  const asAdmin = (): Record<string, { params: Record<string, unknown>; expect: 'ok' | string }> => ({
    getConfig: { params: {}, expect: 'ok' },
    updateConfig: { params: { config: { withdraw: { minFen: 1000 } } }, expect: 'ok' },
    configHistory: { params: {}, expect: 'ok' },
    dashboard: { params: { days: 7 }, expect: 'ok' },
    listDistributors: { params: {}, expect: 'ok' },
    getDistributor: { params: { userId: seller.userId }, expect: 'ok' },
    distributorTeam: { params: { userId: seller.userId, level: 1 }, expect: 'ok' },
    distributorCommissions: { params: { userId: seller.userId }, expect: 'ok' },
    reviewDistributor: { params: { userId: 'no-such-user', approve: true }, expect: 'NOT_FOUND' },
    setDistributorStatus: { params: { userId: seller.userId, status: 'active' }, expect: 'ok' },
    setGrade: { params: { userId: seller.userId, gradeId: 'base' }, expect: 'ok' },
    grantAdmin: { params: { userId: member.userId }, expect: 'ok' },
    revokeAdmin: { params: { userId: member.userId }, expect: 'ok' },
    listWithdrawals: { params: {}, expect: 'ok' },
    getWithdrawal: { params: { withdrawalId }, expect: 'ok' },
    reviewWithdrawal: { params: { withdrawalId, approve: true }, expect: 'ok' },
    markWithdrawalPaid: { params: { withdrawalId }, expect: 'ok' },
    // Paid by hand, so there is no WeChat transfer to ask about.
    syncWithdrawalTransfer: { params: { withdrawalId }, expect: 'CONFLICT' },
    audit: { params: {}, expect: 'ok' },
    listOrders: { params: {}, expect: 'ok' },
    getOrder: { params: { orderId: 'no-such-order' }, expect: 'NOT_FOUND' },
    ship: {
      params: { orderId: 'no-such-order', carrier: '顺丰', trackingNo: 'SF123456789' },
      expect: 'NOT_FOUND',
    },
    resolveRefund: { params: { orderId: 'no-such-order', approve: true }, expect: 'NOT_FOUND' },
    refundOrder: {
      params: { orderId: 'no-such-order', amountFen: 100, reason: '测试' },
      expect: 'NOT_FOUND',
    },
    upsertProduct: { params: { title: '授权测试商品', priceFen: 100, stock: 1 }, expect: 'ok' },
    listProducts: { params: {}, expect: 'ok' },
    getProduct: { params: { productId: 'no-such-product' }, expect: 'NOT_FOUND' },
    getDecoration: { params: {}, expect: 'ok' },
    updateDecoration: { params: { banners: [], featured: [] }, expect: 'ok' },
    listMaterials: { params: {}, expect: 'ok' },
    upsertMaterial: { params: { title: '授权测试', text: '文案', images: [], aim: 'sell' }, expect: 'ok' },
    setMaterialStatus: { params: { materialId: '0'.repeat(32), status: 'retired' }, expect: 'NOT_FOUND' },
  });

  it('covers every action the admin function declares', () => {
    expect(Object.keys(asAdmin()).sort()).toEqual(declaredAdminActions());
  });

  it.each(declaredAdminActions())(
    '%s: FORBIDDEN for a non-admin, UNAUTHENTICATED without OPENID',
    async (name) => {
      const { params } = asAdmin()[name];
      // A forged identity in the payload changes nothing.
      const forged = { ...params, openid: ADMIN, userInfo: { openId: ADMIN } };
      expect(await mall.refused('admin', name, forged, member.openid)).toBe('FORBIDDEN');
      expect(await mall.refused('admin', name, {}, member.openid)).toBe('FORBIDDEN');
      expect(await mall.refused('admin', name, forged, 'o-stranger-never-logged-in')).toBe('FORBIDDEN');
      expect(await mall.refused('admin', name, params, null)).toBe('UNAUTHENTICATED');
    },
  );

  it('lets an admin run every action (in the order above: review before paying)', async () => {
    const table = asAdmin();
    for (const name of Object.keys(table)) {
      const { params, expect: expected } = table[name];
      const reply = await mall.call('admin', name, params, ADMIN);
      const outcome = reply.ok ? 'ok' : reply.error.code;
      expect(`${name}: ${outcome}`).toBe(`${name}: ${expected}`);
    }
    expect((await mall.doc('withdrawals', withdrawalId)).status).toBe('paid');
  });

  it('an admin granted at run time can act until revoked; env admins cannot be revoked here', async () => {
    const helper = await login(mall, 'o-authz-helper');
    await mall.ok('admin', 'grantAdmin', { userId: helper.userId }, ADMIN);
    expect((await mall.ok('user', 'login', {}, helper.openid)).isAdmin).toBe(true);
    expect(await mall.ok('admin', 'getConfig', {}, helper.openid)).toMatchObject({ levels: 3 });
    expect((await mall.doc('admins', helper.openid)).grantedBy).toBe(ADMIN);

    const envAdmin = await login(mall, ADMIN);
    expect(await mall.refused('admin', 'revokeAdmin', { userId: envAdmin.userId }, helper.openid)).toBe(
      'RULE',
    );
    await mall.ok('admin', 'revokeAdmin', { userId: helper.userId }, ADMIN);
    expect(await mall.refused('admin', 'getConfig', {}, helper.openid)).toBe('FORBIDDEN');
  });

  it('an unknown action is refused before anything else', async () => {
    expect(await mall.refused('admin', 'dropDatabase', {}, member.openid)).toBe('VALIDATION');
  });
});
