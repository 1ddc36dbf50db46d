/**
 * user.login and the binding policy: first touch vs latest link vs validDays, refusals (self, inactive
 * inviter, cycles across the whole chain), the history of bindings with their source, and the tree kept
 * in step – `uplines` of the moved subtree and the team counts of the old and new uplines.
 */
import { type Mall, startMall, statsTotals } from './harness';
import { ADMIN, DAY_MS, account, distributor, login, setConfig, setDistributorStatus } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('user.login and binding', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall({ poolSize: 4 });
  });
  afterAll(() => mall.stop());

  const user = (userId: string) => mall.doc<any>('users', userId);
  const team = async (userId: string) => (await account(mall, userId)).team;

  it('creates the user from the OPENID of the call, once, and answers the contract', async () => {
    const totalsBefore = (await statsTotals(mall)).users ?? 0;
    // Five first logins at once still make one user.
    const logins = await Promise.all(Array.from({ length: 5 }, () => login(mall, 'ub-new')));
    expect(new Set(logins.map((l) => l.userId)).size).toBe(1);
    expect(await mall.find('users', { openid: 'ub-new' })).toHaveLength(1);
    expect((await statsTotals(mall)).users - totalsBefore).toBe(1);
    expect(logins[0]).toMatchObject({
      userId: expect.any(String),
      inviterId: null,
      isAdmin: false,
      distributorStatus: 'none',
      inviteCode: null,
      binding: null,
    });
    // A userInfo in the payload is never the identity.
    const forged = await mall.ok('user', 'login', { userInfo: { openId: 'ub-new' } }, 'ub-other');
    expect(forged.userId).not.toBe(logins[0].userId);

    expect((await login(mall, ADMIN)).isAdmin).toBe(true);
    const seller = await distributor(mall, 'ub-seller');
    expect(await login(mall, 'ub-seller')).toMatchObject({
      distributorStatus: 'active',
      inviteCode: seller.inviteCode,
    });
  });

  it('refuses bad input with VALIDATION and a caller without OPENID with UNAUTHENTICATED', async () => {
    expect(await mall.refused('user', 'login', { inviteCode: 12345678 }, 'ub-bad')).toBe('VALIDATION');
    expect(await mall.refused('user', 'login', { source: 'order' }, 'ub-bad')).toBe('VALIDATION');
    expect(await mall.find('users', { openid: 'ub-bad' })).toHaveLength(0);
    expect(await mall.refused('user', 'login', {})).toBe('UNAUTHENTICATED');
    // A code that is no one's is not an error: the login goes on, unbound.
    const unknown = await login(mall, 'ub-bad', 'ZZZZZZZZ');
    expect(unknown).toMatchObject({ inviterId: null, binding: { action: 'keep', reason: 'no_inviter' } });
  });

  it('keeps the first binding by default; refuses self and inactive inviters', async () => {
    await setConfig(mall, { binding: { mode: 'first', validDays: 0 } });
    const a = await distributor(mall, 'ub-first-A');
    const b = await distributor(mall, 'ub-first-B');
    const e = await login(mall, 'ub-first-E', a.inviteCode ?? undefined, 'poster');
    expect(e).toMatchObject({ inviterId: a.userId, binding: { action: 'bind', reason: 'first_binding' } });
    const again = await login(mall, 'ub-first-E', b.inviteCode ?? undefined);
    expect(again).toMatchObject({ inviterId: a.userId, binding: { action: 'keep', reason: 'first_wins' } });
    expect(await mall.find<any>('bindings', { userId: e.userId })).toEqual([
      expect.objectContaining({
        inviterId: a.userId,
        previousInviterId: null,
        action: 'bind',
        source: 'poster',
      }),
    ]);
    expect(await user(e.userId)).toMatchObject({ uplines: [a.userId], bindingSource: 'poster' });
    expect(await team(a.userId)).toEqual({ level1: 1, level2: 0, level3: 0 });

    const self = await login(mall, 'ub-first-A', a.inviteCode ?? undefined);
    expect(self.binding).toMatchObject({ action: 'keep', reason: 'self' });
    await setDistributorStatus(mall, b.userId, 'disabled');
    const toDisabled = await login(mall, 'ub-first-F', b.inviteCode ?? undefined);
    expect(toDisabled).toMatchObject({ inviterId: null, binding: { reason: 'inviter_not_active' } });
  });

  it('refuses a cycle anywhere up the chain, not only two hops', async () => {
    await setConfig(mall, { binding: { mode: 'latest', validDays: 0 } });
    const a = await distributor(mall, 'ub-cyc-A');
    const c = await distributor(mall, 'ub-cyc-C', a.inviteCode ?? undefined);
    const d = await distributor(mall, 'ub-cyc-D', c.inviteCode ?? undefined);
    const f = await distributor(mall, 'ub-cyc-F', d.inviteCode ?? undefined);
    // A is F's third ancestor (F → D → C → A): A under F would close a loop of four.
    const closing = await login(mall, 'ub-cyc-A', f.inviteCode ?? undefined);
    expect(closing).toMatchObject({ inviterId: null, binding: { action: 'keep', reason: 'cycle' } });
    expect((await user(a.userId)).inviterId).toBeNull();
    // Even in latest mode, C cannot move under its own grandchild F.
    const under = await login(mall, 'ub-cyc-C', f.inviteCode ?? undefined);
    expect(under).toMatchObject({ inviterId: a.userId, binding: { reason: 'cycle' } });

    // Two users binding under each other at the same moment: at most one of them can succeed.
    const p = await distributor(mall, 'ub-cyc-P');
    const q = await distributor(mall, 'ub-cyc-Q');
    const [pq, qp] = await Promise.all([
      login(mall, 'ub-cyc-P', q.inviteCode ?? undefined),
      login(mall, 'ub-cyc-Q', p.inviteCode ?? undefined),
    ]);
    expect([pq.binding.action, qp.binding.action].sort()).toEqual(['bind', 'keep']);
    const [pDoc, qDoc] = [await user(p.userId), await user(q.userId)];
    expect(pDoc.inviterId === q.userId && qDoc.inviterId === p.userId).toBe(false);
  });

  it('rebinds to the latest link in latest mode, moving the subtree with its uplines and team counts', async () => {
    await setConfig(mall, { binding: { mode: 'latest', validDays: 0 } });
    const a = await distributor(mall, 'ub-lat-A');
    const k = await distributor(mall, 'ub-lat-K');
    const b = await distributor(mall, 'ub-lat-B', k.inviteCode ?? undefined);
    // A ← G ← H ← I
    const g = await distributor(mall, 'ub-lat-G', a.inviteCode ?? undefined);
    const h = await distributor(mall, 'ub-lat-H', g.inviteCode ?? undefined);
    const i = await login(mall, 'ub-lat-I', h.inviteCode ?? undefined);
    expect(await user(i.userId)).toMatchObject({ uplines: [h.userId, g.userId, a.userId] });
    expect(await team(a.userId)).toEqual({ level1: 1, level2: 1, level3: 1 });
    expect(await team(g.userId)).toEqual({ level1: 1, level2: 1, level3: 0 });
    const directBefore = [
      (await account(mall, a.userId)).directDistributors,
      (await account(mall, b.userId)).directDistributors,
    ];

    // G follows B's link: K ← B ← G ← H ← I.
    const moved = await login(mall, 'ub-lat-G', b.inviteCode ?? undefined, 'poster');
    expect(moved).toMatchObject({
      inviterId: b.userId,
      binding: { action: 'rebind', reason: 'latest_wins' },
    });
    expect((await user(g.userId)).uplines).toEqual([b.userId, k.userId]);
    expect((await user(h.userId)).uplines).toEqual([g.userId, b.userId, k.userId]);
    expect((await user(i.userId)).uplines).toEqual([h.userId, g.userId, b.userId]);
    expect(await team(a.userId)).toEqual({ level1: 0, level2: 0, level3: 0 });
    expect(await team(b.userId)).toEqual({ level1: 1, level2: 1, level3: 1 });
    // K had B at level 1; now G, H come in at levels 2 and 3 (I is K's fourth level: not counted).
    expect(await team(k.userId)).toEqual({ level1: 1, level2: 1, level3: 1 });
    expect(await team(g.userId)).toEqual({ level1: 1, level2: 1, level3: 0 });
    // G is an active distributor: it now counts as B's direct distributor instead of A's.
    expect([
      (await account(mall, a.userId)).directDistributors,
      (await account(mall, b.userId)).directDistributors,
    ]).toEqual([directBefore[0] - 1, directBefore[1] + 1]);
    const history = (await mall.find<any>('bindings', { userId: g.userId })).sort((x, y) => x.at - y.at);
    expect(history.map((r) => [r.action, r.inviterId, r.previousInviterId, r.source])).toEqual([
      ['bind', a.userId, null, 'share_link'],
      ['rebind', b.userId, a.userId, 'poster'],
    ]);
  });

  it('lets a binding lapse after validDays: shown as unbound, and any link binds again', async () => {
    await setConfig(mall, { binding: { mode: 'first', validDays: 1 } });
    const p = await distributor(mall, 'ub-valid-P');
    const q = await distributor(mall, 'ub-valid-Q');
    const r = await login(mall, 'ub-valid-R', p.inviteCode ?? undefined);
    expect(r.inviterId).toBe(p.userId);
    expect((await login(mall, 'ub-valid-R', q.inviteCode ?? undefined)).binding.reason).toBe('first_wins');

    await mall.cloud.advanceClock(DAY_MS + 60_000);
    expect((await login(mall, 'ub-valid-R')).inviterId).toBeNull();
    const rebound = await login(mall, 'ub-valid-R', q.inviteCode ?? undefined);
    expect(rebound).toMatchObject({ inviterId: q.userId, binding: { action: 'rebind', reason: 'expired' } });
    expect(await team(p.userId)).toEqual({ level1: 0, level2: 0, level3: 0 });
    expect(await team(q.userId)).toEqual({ level1: 1, level2: 0, level3: 0 });
  });
});
