/**
 * The merchant's distributor list (status filter, keyword search with what the admin typed taken
 * literally, paging, balances) and setting grades.
 */
import { distributor, login, type Person, settledSaleFixture } from './fixtures';
import { ADMIN, type Mall, startMall } from './harness';

describe('admin distributor management', () => {
  let mall: Mall;
  let tea: Person;
  let fruit: Person;
  let applicant: Person;

  beforeAll(async () => {
    mall = await startMall();
    tea = await distributor(mall, 'o-ad-tea');
    await mall.ok('user', 'updateProfile', { nickname: '茶叶小王' }, tea.openid);
    await mall.ok('distributor', 'updateShop', { shopName: '西湖(龙井).*专卖' }, tea.openid);
    fruit = await distributor(mall, 'o-ad-fruit');
    await mall.ok('user', 'updateProfile', { nickname: '水果阿李' }, fruit.openid);
    applicant = await login(mall, 'o-ad-applicant');
    await mall.ok('distributor', 'apply', { realName: '赵六', phone: '13912345678' }, applicant.openid);
    await login(mall, 'o-ad-plain-buyer');
    await settledSaleFixture(mall, { buyer: applicant, beneficiary: tea, amountFen: 8800 });
  });
  afterAll(() => mall.stop());

  const ids = (list: { items: { userId: string }[] }) => list.items.map((i) => i.userId).sort();
  const search = (params: Record<string, unknown>) => mall.ok('admin', 'listDistributors', params, ADMIN);

  it('lists everyone who is or wants to be a distributor, by status, with balances and grade', async () => {
    const all = await search({});
    expect(ids(all)).toEqual([tea.userId, fruit.userId, applicant.userId].sort());
    expect(all.total).toBe(3);
    expect(ids(await search({ status: 'pending' }))).toEqual([applicant.userId]);
    expect(ids(await search({ status: 'active' }))).toEqual([tea.userId, fruit.userId].sort());
    const row = all.items.find((i: { userId: string }) => i.userId === tea.userId);
    expect(row).toMatchObject({
      nickname: '茶叶小王',
      shopName: '西湖(龙井).*专卖',
      inviteCode: tea.inviteCode,
      grade: { gradeId: 'base', name: '普通分销商' },
      balances: { availableFen: 8800, pendingFen: 0 },
      totalEarnedFen: 8800,
    });
    expect(
      all.items.find((i: { userId: string }) => i.userId === applicant.userId).application,
    ).toMatchObject({
      realName: '赵六',
      phone: '13912345678',
    });
    const page = await search({ pageSize: 2, page: 2 });
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    expect(await mall.refused('admin', 'listDistributors', { status: 'none' }, ADMIN)).toBe('VALIDATION');
  });

  it('searches nickname, shop name, invite code, real name and phone, case-insensitively', async () => {
    expect(ids(await search({ keyword: '小王' }))).toEqual([tea.userId]);
    expect(ids(await search({ keyword: '龙井' }))).toEqual([tea.userId]);
    expect(ids(await search({ keyword: (tea.inviteCode as string).toLowerCase() }))).toEqual([tea.userId]);
    expect(ids(await search({ keyword: '赵六' }))).toEqual([applicant.userId]);
    expect(ids(await search({ keyword: '1391234' }))).toEqual([applicant.userId]);
    expect(ids(await search({ keyword: '阿李', status: 'pending' }))).toEqual([]);
  });

  it('takes regular-expression characters literally', async () => {
    // ".*" would match everyone as a pattern; literally, only the shop whose name contains it.
    expect(ids(await search({ keyword: '.*' }))).toEqual([tea.userId]);
    expect(ids(await search({ keyword: '(龙井)' }))).toEqual([tea.userId]);
    expect(ids(await search({ keyword: '(' }))).toEqual([tea.userId]);
    expect((await search({ keyword: '[' })).total).toBe(0);
    expect((await search({ keyword: '\\' })).total).toBe(0);
    expect((await search({ keyword: '^' })).total).toBe(0);
  });

  it("shows one distributor: the list's row, its team and commissions as it sees them, its withdrawals", async () => {
    const [row] = (await search({ keyword: '茶叶小王' })).items;
    expect(await mall.ok('admin', 'getDistributor', { userId: tea.userId }, ADMIN)).toEqual(row);
    for (const level of [1, 2, 3]) {
      expect(await mall.ok('admin', 'distributorTeam', { userId: tea.userId, level }, ADMIN)).toEqual(
        await mall.ok('distributor', 'team', { level }, tea.openid),
      );
    }
    const commissions = await mall.ok('admin', 'distributorCommissions', { userId: tea.userId }, ADMIN);
    expect(commissions.total).toBeGreaterThan(0);
    expect(commissions).toEqual(await mall.ok('distributor', 'commissions', {}, tea.openid));
    expect(
      (await mall.ok('admin', 'distributorCommissions', { userId: tea.userId, status: 'reversed' }, ADMIN))
        .total,
    ).toBe(0);
    await mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, tea.openid);
    const own = await mall.ok('admin', 'listWithdrawals', { userId: tea.userId }, ADMIN);
    expect(own.total).toBe(1);
    expect(own.items[0]).toMatchObject({ userId: tea.userId, amountFen: 1000 });
    expect((await mall.ok('admin', 'listWithdrawals', { userId: fruit.userId }, ADMIN)).total).toBe(0);
    expect(await mall.refused('admin', 'getDistributor', { userId: 'nobody' }, ADMIN)).toBe('NOT_FOUND');
    expect(await mall.refused('admin', 'distributorTeam', { userId: tea.userId, level: 4 }, ADMIN)).toBe(
      'VALIDATION',
    );
  });

  it('rejects an application only with a reason the applicant will read', async () => {
    const reviewer = await login(mall, 'o-ad-reviewed');
    await mall.ok('distributor', 'apply', { realName: '钱七', phone: '13700001111' }, reviewer.openid);
    for (const params of [{}, { reason: '   ' }]) {
      const reply = await mall.call<unknown>(
        'admin',
        'reviewDistributor',
        { userId: reviewer.userId, approve: false, ...params },
        ADMIN,
      );
      expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(JSON.stringify(reply)).toMatch(/原因/);
    }
    expect((await mall.doc<{ distributorStatus: string }>('users', reviewer.userId))!.distributorStatus).toBe(
      'pending',
    );
    const rejected = await mall.ok(
      'admin',
      'reviewDistributor',
      { userId: reviewer.userId, approve: false, reason: '手机号无法联系' },
      ADMIN,
    );
    expect(rejected).toMatchObject({ distributorStatus: 'none', changed: true });
    expect(await mall.ok('distributor', 'center', {}, reviewer.openid)).toMatchObject({
      application: { approved: false, reason: '手机号无法联系' },
    });
  });

  it('sets a grade that exists, on distributors only', async () => {
    await mall.ok(
      'admin',
      'updateConfig',
      {
        config: {
          grades: [
            { gradeId: 'base', name: '普通分销商', rank: 0 },
            { gradeId: 'gold', name: '金牌分销商', rank: 1, rates: ['0.15', '0.05', '0.02'] },
          ],
        },
      },
      ADMIN,
    );
    expect(await mall.ok('admin', 'setGrade', { userId: tea.userId, gradeId: 'gold' }, ADMIN)).toEqual({
      userId: tea.userId,
      grade: { gradeId: 'gold', name: '金牌分销商' },
      changed: true,
    });
    expect((await mall.doc('users', tea.userId)).gradeId).toBe('gold');
    expect((await mall.ok('distributor', 'center', {}, tea.openid)).grade).toMatchObject({ gradeId: 'gold' });
    expect((await mall.ok('admin', 'setGrade', { userId: tea.userId, gradeId: 'gold' }, ADMIN)).changed).toBe(
      false,
    );
    // The merchant may also lower a grade.
    expect((await mall.ok('admin', 'setGrade', { userId: tea.userId, gradeId: 'base' }, ADMIN)).changed).toBe(
      true,
    );

    expect(await mall.refused('admin', 'setGrade', { userId: tea.userId, gradeId: 'diamond' }, ADMIN)).toBe(
      'VALIDATION',
    );
    expect(
      await mall.refused('admin', 'setGrade', { userId: applicant.userId, gradeId: 'gold' }, ADMIN),
    ).toBe('CONFLICT');
    expect(await mall.refused('admin', 'setGrade', { userId: 'nobody', gradeId: 'gold' }, ADMIN)).toBe(
      'NOT_FOUND',
    );
  });
});
