/**
 * admin.getConfig / updateConfig / configHistory: partial updates merged and validated as a whole, an
 * invalid change refused with every problem and nothing saved, every saved change in the history.
 */
import { reply as call } from './fixtures';
import { DEFAULT_CONFIG } from '../../shared/config';
import { ADMIN, type Mall, startMall } from './harness';

describe('merchant configuration', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  const update = (config: Record<string, unknown>) => call(mall, 'admin', 'updateConfig', { config }, ADMIN);
  const historyCount = async () => (await mall.ok('admin', 'configHistory', {}, ADMIN)).total as number;

  it('starts from the defaults of the API contract', async () => {
    expect(await mall.ok('admin', 'getConfig', {}, ADMIN)).toEqual(DEFAULT_CONFIG);
    expect(await historyCount()).toBe(0);
  });

  it('merges a partial change, validates the whole, saves it with who and when', async () => {
    const before = mall.cloud.now();
    const reply = await update({
      rates: ['0.12', '0.06', '0.02'],
      withdraw: { days: [1, 15], maxFen: 500_000 },
    });
    expect(reply.ok).toBe(true);
    const expected = {
      ...DEFAULT_CONFIG,
      rates: ['0.12', '0.06', '0.02'],
      withdraw: { ...DEFAULT_CONFIG.withdraw, days: [1, 15], maxFen: 500_000 },
    };
    expect(reply.data).toEqual(expected);
    expect(await mall.ok('admin', 'getConfig', {}, ADMIN)).toEqual(expected);
    const stored = await mall.doc('config', 'mall');
    expect(stored._meta).toEqual({ updatedAt: expect.any(Number), updatedBy: ADMIN });
    expect(stored._meta.updatedAt).toBeGreaterThanOrEqual(before);

    const history = await mall.ok('admin', 'configHistory', {}, ADMIN);
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({
      changedBy: ADMIN,
      patch: { rates: ['0.12', '0.06', '0.02'], withdraw: { days: [1, 15], maxFen: 500_000 } },
      before: DEFAULT_CONFIG,
      after: expected,
      // what the merchant reads in the history
      changes: [
        { path: 'rates', label: '佣金比例', before: '10% / 5% / 2%', after: '12% / 6% / 2%' },
        { path: 'withdraw.days', label: '每月可提现日期', before: '每天', after: '每月 1、15 日' },
        { path: 'withdraw.maxFen', label: '最高提现金额', before: '未设置', after: '¥5000.00' },
      ],
    });
    expect(history.current).toEqual({ updatedAt: stored._meta.updatedAt, updatedBy: ADMIN });

    // null removes an optional setting (JSON merge patch).
    expect((await update({ withdraw: { maxFen: null } })).data?.withdraw).not.toHaveProperty('maxFen');
    expect(await historyCount()).toBe(2);
  });

  it('refuses an invalid change with every problem in words, and saves nothing', async () => {
    const before = await mall.ok('admin', 'getConfig', {}, ADMIN);
    const stored = await mall.doc('config', 'mall');
    const count = await historyCount();

    const reply = await update({
      levels: 4,
      rates: ['0.60', '0.30', '0.20'],
      withdraw: { minFen: 10 },
      recruitBonusFen: 500,
    });
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('VALIDATION');
    expect(reply.error?.message).toContain('分销层级');
    expect(reply.error?.message).toContain('最低提现金额');
    expect(reply.error?.message).toContain('recruitBonusFen');
    expect(reply.error?.message).toContain('拉人头');
    // each problem also names its field, for the settings page to show it there
    expect(reply.error?.fields).toEqual(
      expect.arrayContaining([
        { path: 'levels', message: expect.stringContaining('分销层级') },
        { path: 'withdraw.minFen', message: expect.stringContaining('最低提现金额') },
      ]),
    );

    const sum = await update({ rates: ['0.60', '0.30', '0.20'] });
    expect(sum).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(sum.error?.message).toContain('100%');
    expect(await update({ grades: [{ gradeId: 'gold', name: '金牌', rank: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await mall.refused('admin', 'updateConfig', { config: 'levels=1' }, ADMIN)).toBe('VALIDATION');
    expect(await mall.refused('admin', 'updateConfig', {}, ADMIN)).toBe('VALIDATION');

    expect(await mall.ok('admin', 'getConfig', {}, ADMIN)).toEqual(before);
    expect(await mall.doc('config', 'mall')).toEqual(stored);
    expect(await historyCount()).toBe(count);
  });

  it('keeps no history for a change that changes nothing', async () => {
    const count = await historyCount();
    const current = await mall.ok('admin', 'getConfig', {}, ADMIN);
    expect((await update({ levels: current.levels, order: current.order })).ok).toBe(true);
    expect(await historyCount()).toBe(count);
  });

  it('two admins saving at once keep both changes', async () => {
    const count = await historyCount();
    const [a, b] = await Promise.all([
      update({ order: { autoConfirmDays: 10 } }),
      update({ withdraw: { feeRate: '0.01' } }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const config = await mall.ok('admin', 'getConfig', {}, ADMIN);
    expect(config.order.autoConfirmDays).toBe(10);
    expect(config.withdraw.feeRate).toBe('0.01');
    expect(await historyCount()).toBe(count + 2);
  });
});
