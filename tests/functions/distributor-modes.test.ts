/**
 * Becoming a distributor in each distributorMode, the admin's review, disabling and re-enabling, and
 * what goes with it: invite codes, the inviter's count of direct distributors (and the upgrade it
 * earns), the statistics, and that a disabled distributor keeps its money but cannot withdraw.
 */
import { balancesOf, distributor, login, settledSaleFixture } from './fixtures';
import { normalizeInviteCode } from '../../shared/invite-code';
import { beijingDateKey } from '../../shared/time';
import { ADMIN, type Mall, startMall, statsDaily, statsTotals } from './harness';

describe('distributor modes on the local CloudBase', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  const setMode = (distributorMode: string) =>
    mall.ok('admin', 'updateConfig', { config: { distributorMode } }, ADMIN);

  it('apply mode: pending, rejected with a reason, applies again, approved with an invite code', async () => {
    const me = await login(mall, 'o-apply-1');
    expect(
      await mall.ok('distributor', 'apply', { realName: '王小明', phone: '138 0013 8000' }, me.openid),
    ).toEqual({
      distributorStatus: 'pending',
      inviteCode: null,
    });
    const pending = await mall.doc('users', me.userId);
    expect(pending.application).toMatchObject({ realName: '王小明', phone: '13800138000', approved: null });
    expect(pending.inviteCode).toBeUndefined();
    // Applying twice while pending is refused with a reason the user understands.
    expect(await mall.refused('distributor', 'apply', {}, me.openid)).toBe('CONFLICT');

    const rejected = await mall.ok(
      'admin',
      'reviewDistributor',
      { userId: me.userId, approve: false, reason: '资料不完整' },
      ADMIN,
    );
    expect(rejected).toMatchObject({ distributorStatus: 'none', changed: true });
    const center = await mall.ok('distributor', 'center', {}, me.openid);
    expect(center).toMatchObject({
      distributorStatus: 'none',
      inviteCode: null,
      application: { approved: false, reason: '资料不完整' },
    });
    // The same rejection again changes nothing; approving a rejected (non-pending) user is a conflict.
    expect(
      await mall.ok(
        'admin',
        'reviewDistributor',
        { userId: me.userId, approve: false, reason: '资料不完整' },
        ADMIN,
      ),
    ).toMatchObject({ changed: false });
    expect(
      await mall.refused('admin', 'reviewDistributor', { userId: me.userId, approve: true }, ADMIN),
    ).toBe('CONFLICT');

    expect((await mall.ok('distributor', 'apply', {}, me.openid)).distributorStatus).toBe('pending');
    const approved = await mall.ok('admin', 'reviewDistributor', { userId: me.userId, approve: true }, ADMIN);
    expect(approved).toMatchObject({ distributorStatus: 'active', gradeId: 'base', changed: true });
    expect(normalizeInviteCode(approved.inviteCode)).toBe(approved.inviteCode);
    const user = await mall.doc('users', me.userId);
    expect(user).toMatchObject({
      distributorStatus: 'active',
      inviteCode: approved.inviteCode,
      gradeId: 'base',
    });
    expect(user.distributorSince).toEqual(expect.any(Number));
    expect(user.application).toMatchObject({ approved: true, reviewedBy: ADMIN });

    // A double click on approve: same answer, nothing written twice.
    const again = await mall.ok('admin', 'reviewDistributor', { userId: me.userId, approve: true }, ADMIN);
    expect(again).toMatchObject({
      distributorStatus: 'active',
      inviteCode: approved.inviteCode,
      changed: false,
    });
    expect((await mall.ok('user', 'login', {}, me.openid)).inviteCode).toBe(approved.inviteCode);
  });

  it('refuses bad application details and changes nothing', async () => {
    const me = await login(mall, 'o-apply-bad');
    expect(await mall.refused('distributor', 'apply', { phone: '12345' }, me.openid)).toBe('VALIDATION');
    expect(await mall.refused('distributor', 'apply', { realName: '王\u202e明' }, me.openid)).toBe(
      'VALIDATION',
    );
    expect(await mall.refused('distributor', 'apply', {}, 'o-never-logged-in')).toBe('UNAUTHENTICATED');
    expect(await mall.refused('distributor', 'apply', {})).toBe('UNAUTHENTICATED');
    expect((await mall.doc('users', me.userId)).distributorStatus).toBe('none');
  });

  it('open mode: applying activates at once; appointed mode: only the admin makes distributors', async () => {
    const open = await login(mall, 'o-open-1'); // logged in before the switch: not a distributor yet
    await setMode('open');
    const applied = await mall.ok('distributor', 'apply', {}, open.openid);
    expect(applied.distributorStatus).toBe('active');
    expect(normalizeInviteCode(applied.inviteCode)).toBe(applied.inviteCode);
    // In open mode everyone is a distributor from the first login, and counts for its inviter.
    const newcomer = await mall.ok('user', 'login', { inviteCode: applied.inviteCode }, 'o-open-newcomer');
    expect(newcomer).toMatchObject({ distributorStatus: 'active', inviterId: open.userId });
    expect(normalizeInviteCode(newcomer.inviteCode)).toBe(newcomer.inviteCode);
    expect((await mall.doc('accounts', open.userId)).directDistributors).toBe(1);
    expect((await mall.ok('user', 'login', {}, 'o-open-newcomer')).inviteCode).toBe(newcomer.inviteCode);

    await setMode('appointed');
    const appointed = await login(mall, 'o-appointed-1');
    expect(await mall.refused('distributor', 'apply', {}, appointed.openid)).toBe('FORBIDDEN');
    expect((await mall.doc('users', appointed.userId)).distributorStatus).toBe('none');
    const made = await mall.ok(
      'admin',
      'setDistributorStatus',
      { userId: appointed.userId, status: 'active' },
      ADMIN,
    );
    expect(made).toMatchObject({ distributorStatus: 'active', changed: true });
    await setMode('apply');
  });

  it('counts active direct distributors for the inviter, upgrades it, and keeps the code on re-enabling', async () => {
    await mall.ok(
      'admin',
      'updateConfig',
      {
        config: {
          grades: [
            { gradeId: 'base', name: '普通分销商', rank: 0 },
            { gradeId: 'silver', name: '白银分销商', rank: 1, upgrade: { directDistributors: 1 } },
          ],
        },
      },
      ADMIN,
    );
    const distributorsBefore = (await statsTotals(mall)).distributors ?? 0;
    const today = beijingDateKey(mall.cloud.now());
    const dailyBefore = (await statsDaily(mall, today)).newDistributors ?? 0;

    const leader = await distributor(mall, 'o-leader');
    const member = await login(mall, 'o-member', leader.inviteCode as string);
    expect((await mall.doc('users', member.userId)).inviterId).toBe(leader.userId);
    expect((await mall.ok('distributor', 'center', {}, leader.openid)).nextGrade).toMatchObject({
      gradeId: 'silver',
      thresholds: [{ metric: 'directDistributors', current: 0, target: 1, met: false }],
    });

    const activated = await mall.ok(
      'admin',
      'setDistributorStatus',
      { userId: member.userId, status: 'active' },
      ADMIN,
    );
    expect((await mall.doc('accounts', leader.userId)).directDistributors).toBe(1);
    expect((await mall.doc('users', leader.userId)).gradeId).toBe('silver');
    const leaderCenter = await mall.ok('distributor', 'center', {}, leader.openid);
    expect(leaderCenter.grade).toEqual({ gradeId: 'silver', name: '白银分销商', rank: 1 });
    expect(leaderCenter.nextGrade).toBeNull();
    expect(leaderCenter.team).toEqual({ level1: 1, level2: 0, level3: 0 });

    const disabled = await mall.ok(
      'admin',
      'setDistributorStatus',
      { userId: member.userId, status: 'disabled', reason: '违规推广' },
      ADMIN,
    );
    expect(disabled).toMatchObject({ distributorStatus: 'disabled', changed: true });
    expect((await mall.doc('accounts', leader.userId)).directDistributors).toBe(0);
    // No automatic downgrade.
    expect((await mall.doc('users', leader.userId)).gradeId).toBe('silver');
    expect(
      await mall.ok('admin', 'setDistributorStatus', { userId: member.userId, status: 'disabled' }, ADMIN),
    ).toMatchObject({ changed: false });
    // A disabled distributor cannot apply its way back in.
    expect(await mall.refused('distributor', 'apply', {}, member.openid)).toBe('FORBIDDEN');

    const again = await mall.ok(
      'admin',
      'setDistributorStatus',
      { userId: member.userId, status: 'active' },
      ADMIN,
    );
    expect(again.inviteCode).toBe(activated.inviteCode);
    expect(again.distributorSince).toBe(activated.distributorSince);
    expect((await mall.doc('accounts', leader.userId)).directDistributors).toBe(1);

    // Two first activations today (leader, member); the re-activation is not new.
    expect((await statsTotals(mall)).distributors).toBe(distributorsBefore + 2);
    expect((await statsDaily(mall, today)).newDistributors).toBe(dailyBefore + 2);
  });

  it('a disabled distributor keeps its balance but cannot withdraw', async () => {
    const seller = await distributor(mall, 'o-disabled-seller');
    const buyer = await login(mall, 'o-disabled-buyer');
    await settledSaleFixture(mall, { buyer, beneficiary: seller, amountFen: 5000 });
    const before = await mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, seller.openid);
    const approved = await mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, seller.openid);
    await mall.ok('admin', 'reviewWithdrawal', { withdrawalId: approved.withdrawalId, approve: true }, ADMIN);
    await mall.ok('admin', 'setDistributorStatus', { userId: seller.userId, status: 'disabled' }, ADMIN);
    expect(
      await mall.refused('admin', 'markWithdrawalPaid', { withdrawalId: approved.withdrawalId }, ADMIN),
    ).toBe('RULE');

    // An application made before it was disabled can be rejected (money back), not approved.
    const { withdrawalId } = before;
    expect(await mall.refused('admin', 'reviewWithdrawal', { withdrawalId, approve: true }, ADMIN)).toBe(
      'RULE',
    );
    const rejected = await mall.ok('admin', 'reviewWithdrawal', { withdrawalId, approve: false }, ADMIN);
    expect(rejected).toMatchObject({ status: 'rejected', changed: true });

    expect(
      await mall.refused('withdraw', 'apply', { amountFen: 2000, method: 'wechat' }, seller.openid),
    ).toBe('FORBIDDEN');
    // It keeps what it earned: ¥40 available, ¥10 still frozen in the approved (unpaid) withdrawal.
    expect(await balancesOf(mall, seller.userId)).toEqual({
      pendingFen: 0,
      availableFen: 4000,
      frozenFen: 1000,
      withdrawnFen: 0,
    });
    const center = await mall.ok('distributor', 'center', {}, seller.openid);
    expect(center).toMatchObject({ distributorStatus: 'disabled', inviteCode: null, totalEarnedFen: 5000 });
    expect(await mall.refused('distributor', 'poster', {}, seller.openid)).toBe('FORBIDDEN');
    expect(await mall.refused('distributor', 'updateShop', { shopName: '新店名' }, seller.openid)).toBe(
      'FORBIDDEN',
    );
  });

  it('gives every distributor its own invite code', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => distributor(mall, `o-many-${i}`)));
    const codes = people.map((p) => p.inviteCode);
    expect(codes.every((c) => c !== null && normalizeInviteCode(c) === c)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
