import fc from 'fast-check';
import {
  describeConfigChanges,
  DEFAULT_CONFIG,
  type MerchantConfig,
  baseGrade,
  configFromStored,
  configOrThrow,
  gradeOrBase,
  mergeConfig,
  validateConfig,
} from '../../../shared/config';
import { AppError } from '../../../shared/errors';
import { rateArb, ratesArb } from './arbitraries';

/** A deep copy of the defaults with some changes, for inputs that are meant to be wrong. */
function withChanges(change: (config: Record<string, unknown>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as Record<string, unknown>;
  change(copy);
  return copy;
}

function problemsOf(input: unknown): string[] {
  const result = validateConfig(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const GOLD = {
  gradeId: 'gold',
  name: '黄金分销商',
  rank: 1,
  rates: ['0.15', '0.08', '0.03'],
  upgrade: { settledSalesFen: 1_000_000 },
};

describe('DEFAULT_CONFIG', () => {
  it('is exactly the defaults of docs/configuration.md and valid', () => {
    expect(DEFAULT_CONFIG).toEqual({
      levels: 3,
      rates: ['0.10', '0.05', '0.02'],
      selfPurchase: false,
      binding: { mode: 'first', validDays: 0 },
      distributorMode: 'apply',
      grades: [{ gradeId: 'base', name: '普通分销商', rank: 0 }],
      order: { unpaidTimeoutMinutes: 30, autoConfirmDays: 7, returnWindowDays: 7 },
      withdraw: { minFen: 1000, feeRate: '0', days: [], methods: ['wechat', 'bank', 'alipay'] },
    });
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it('is frozen, so no caller can change the defaults for everyone', () => {
    expect(() => {
      (DEFAULT_CONFIG.withdraw.days as number[]).push(1);
    }).toThrow(TypeError);
  });
});

describe('validateConfig', () => {
  it('refuses more than three levels whatever arrives', () => {
    expect(problemsOf(withChanges((c) => (c.levels = 4)))).toEqual(['分销层级：必须是 1 到 3 之间的整数']);
    expect(problemsOf(withChanges((c) => (c.rates = ['0.1', '0.1', '0.1', '0.1'])))).toEqual([
      '佣金比例：最多 3 级',
    ]);
    expect(problemsOf(withChanges((c) => (c.levels = 2.5)))).toHaveLength(1);
    expect(problemsOf(withChanges((c) => (c.levels = 0)))).toHaveLength(1);
  });

  it('refuses rates that are not decimal strings in [0, 1)', () => {
    const problems = problemsOf(withChanges((c) => (c.rates = [0.1, '1', '0.12345'])));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^一级佣金比例：/);
    expect(problems[1]).toMatch(/^二级佣金比例：/);
    expect(problems[2]).toMatch(/^三级佣金比例：/);
  });

  it('refuses paid rates summing to 100 % or more, counting only the paid levels', () => {
    // 0.5 + 0.3 + 0.2 = 1.0
    expect(problemsOf(withChanges((c) => (c.rates = ['0.5', '0.3', '0.2'])))).toEqual([
      '三级佣金比例之和必须小于 100%（当前 100%）',
    ]);
    // with two levels only 0.5 + 0.3 = 0.8 counts
    expect(validateConfig(withChanges((c) => ((c.rates = ['0.5', '0.3', '0.2']), (c.levels = 2)))).ok).toBe(
      true,
    );
    // 0.6 + 0.4 = 1.0 with two levels paid
    expect(problemsOf(withChanges((c) => ((c.rates = ['0.6', '0.4', '0']), (c.levels = 2))))).toEqual([
      '两级佣金比例之和必须小于 100%（当前 100%）',
    ]);
    // two levels need at least two rates
    expect(problemsOf(withChanges((c) => ((c.rates = ['0.5']), (c.levels = 2))))).toEqual([
      '佣金比例需要填写 2 级（当前 1 级）',
    ]);
  });

  it('checks every grade and every mix of grades', () => {
    const gold = { ...GOLD, rates: ['0.6', '0.3', '0.1'] };
    expect(problemsOf(withChanges((c) => (c.grades = [...(c.grades as unknown[]), gold])))).toEqual([
      '等级 2「黄金分销商」的三级佣金比例之和必须小于 100%（当前 100%）',
    ]);
    // each table is fine alone (0.7 + 0.1 + 0.1 and 0.1 + 0.5 + 0.1), but a level-1 gold with a level-2
    // silver would take 0.7 + 0.5 + 0.1 = 130 % of the base
    const grades = [
      { gradeId: 'base', name: '普通', rank: 0 },
      { gradeId: 'gold', name: '黄金', rank: 2, rates: ['0.7', '0.1', '0.1'] },
      { gradeId: 'silver', name: '白银', rank: 1, rates: ['0.1', '0.5', '0.1'] },
    ];
    expect(problemsOf(withChanges((c) => (c.grades = grades)))).toEqual([
      '不同等级组合时，各级最高佣金比例之和必须小于 100%（当前 130%）',
    ]);
  });

  it('requires exactly one base grade and unique ids and ranks', () => {
    expect(problemsOf(withChanges((c) => (c.grades = [{ gradeId: 'a', name: 'A', rank: 1 }])))).toEqual([
      '必须有一个基础等级（级别为 0），新分销商从它开始',
    ]);
    const twoBases = [
      { gradeId: 'a', name: 'A', rank: 0 },
      { gradeId: 'a', name: 'B', rank: 0 },
    ];
    expect(problemsOf(withChanges((c) => (c.grades = twoBases)))).toEqual([
      '等级编号「a」重复',
      '等级级别 0 重复：每个等级的级别必须不同',
    ]);
    expect(problemsOf(withChanges((c) => (c.grades = [])))).toEqual(['分销商等级：至少需要一个基础等级']);
  });

  it('refuses an upgrade rule on the base grade and an empty one elsewhere', () => {
    const grades = [
      { gradeId: 'base', name: '普通', rank: 0, upgrade: { directDistributors: 1 } },
      { gradeId: 'gold', name: '黄金', rank: 1, upgrade: {} },
    ];
    expect(problemsOf(withChanges((c) => (c.grades = grades)))).toEqual([
      '等级 1「普通」是基础等级，不需要升级条件',
      '等级 2「黄金」的升级条件至少要设置一项',
    ]);
  });

  it('labels grade fields for the merchant', () => {
    const grades = [{ gradeId: 'base', name: '普通', rank: 0, rates: ['0.1', 'x'] }];
    expect(problemsOf(withChanges((c) => (c.grades = grades)))).toEqual([
      '等级 1「普通」的二级佣金比例：必须是 0 到 1 之间、最多 4 位小数的比例，如 "0.10" 表示 10%',
    ]);
  });

  it('labels a grade without a name by its position', () => {
    const grades = [{ gradeId: 'a b', rank: 0, extra: 1 }];
    expect(problemsOf(withChanges((c) => (c.grades = grades)))).toEqual([
      '第 1 个等级的编号：只能由 1–32 个字母、数字、_ 或 - 组成',
      '第 1 个等级的名称：未填写',
      '第 1 个等级中有不支持的设置项：extra',
    ]);
  });

  it('keeps day counts sane', () => {
    const problems = problemsOf(
      withChanges((c) => (c.order = { unpaidTimeoutMinutes: 1, autoConfirmDays: 0, returnWindowDays: 31 })),
    );
    expect(problems).toEqual([
      '未付款自动取消时间（分钟）：必须是 5–1440 之间的整数',
      '自动确认收货天数：必须是 1–30 之间的整数',
      '退换货期限（天）：必须是 0–30 之间的整数',
    ]);
    expect(problemsOf(withChanges((c) => (c.binding = { mode: 'sometimes', validDays: 3651 })))).toHaveLength(
      2,
    );
    expect(problemsOf(withChanges((c) => (c.distributorMode = 'paid')))).toHaveLength(1);
  });

  it('checks the withdrawal policy', () => {
    const policy = { minFen: 29, maxFen: 10, feeRate: '0.5', days: [0, 32], methods: [] };
    expect(problemsOf(withChanges((c) => (c.withdraw = policy)))).toEqual([
      '最低提现金额（分）：不能低于 30 分（微信转账下限 ¥0.30）',
      '最高提现金额（分）：必须是不低于 30 分的整数',
      '每月可提现日期（第 1 项）：必须是 1–31 之间的整数',
      '每月可提现日期（第 2 项）：必须是 1–31 之间的整数',
      '提现方式：至少选择一种',
    ]);
    const crossed = { minFen: 5000, maxFen: 3000, feeRate: '0', days: [1, 15, 1], methods: ['bank', 'bank'] };
    expect(problemsOf(withChanges((c) => (c.withdraw = crossed)))).toEqual([
      '最高提现金额（¥30.00）不能低于最低提现金额（¥50.00）',
      '每月可提现日期重复：1 日',
      '提现方式重复：银行卡',
    ]);
    expect(problemsOf(withChanges((c) => (c.withdraw = { ...policy, methods: ['paypal'] })))).toContain(
      '提现方式（第 1 项）：必须是 wechat、bank 或 alipay',
    );
  });

  it('refuses unknown keys, and explains why there is no recruiting bonus or entry fee', () => {
    expect(problemsOf(withChanges((c) => (c.recruitBonusFen = 500)))).toEqual([
      '有不支持的设置项：recruitBonusFen（本系统不支持拉人头奖励或入门费：佣金只来自真实商品销售）',
    ]);
    expect(
      problemsOf(withChanges((c) => ((c.withdraw as Record<string, unknown>).entryFeeFen = 9900))),
    ).toEqual([
      '提现设置中有不支持的设置项：entryFeeFen（本系统不支持拉人头奖励或入门费：佣金只来自真实商品销售）',
    ]);
    expect(problemsOf(withChanges((c) => (c.colour = 'red')))).toEqual(['有不支持的设置项：colour']);
  });

  it('reports a missing field as not filled in, and a non-object as a format error', () => {
    expect(problemsOf(withChanges((c) => delete c.selfPurchase))).toEqual(['分销商自购返佣：未填写']);
    expect(problemsOf(withChanges((c) => delete c.distributorMode))).toEqual(['成为分销商的方式：未填写']);
    expect(problemsOf('levels=3')).toEqual(['设置：格式错误']);
    expect(problemsOf(null)).toEqual(['设置：格式错误']);
  });
});

describe('mergeConfig', () => {
  it('merges objects deeply and replaces arrays', () => {
    const result = mergeConfig(DEFAULT_CONFIG, {
      withdraw: { days: [1, 15] },
      rates: ['0.2', '0.1', '0.05'],
    });
    const config = configOrThrow(result);
    expect(config.withdraw).toEqual({ ...DEFAULT_CONFIG.withdraw, days: [1, 15] });
    expect(config.rates).toEqual(['0.2', '0.1', '0.05']);
    expect(config.order).toEqual(DEFAULT_CONFIG.order);
  });

  it('removes a key given as null (JSON merge patch)', () => {
    const withMax = configOrThrow(mergeConfig(DEFAULT_CONFIG, { withdraw: { maxFen: 500_000 } }));
    expect(withMax.withdraw.maxFen).toBe(500_000);
    const withoutMax = configOrThrow(mergeConfig(withMax, { withdraw: { maxFen: null } }));
    expect(withoutMax.withdraw).not.toHaveProperty('maxFen');
    // a required setting cannot be removed
    expect(mergeConfig(DEFAULT_CONFIG, { levels: null })).toEqual({
      ok: false,
      problems: ['分销层级：未填写'],
      fields: [{ path: 'levels', message: '分销层级：未填写' }],
    });
  });

  it('names the field of every problem, for a form to show it beside that field', () => {
    const result = mergeConfig(DEFAULT_CONFIG, {
      rates: ['0.5', '0.3', '0.2'],
      withdraw: { minFen: 5000, maxFen: 2000, days: [1, 1] },
      grades: [
        { gradeId: 'base', name: '普通', rank: 0 },
        { gradeId: 'gold', name: '黄金', rank: 1, upgrade: {} },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['rates', 'withdraw.maxFen', 'withdraw.days', 'grades.1.upgrade']),
    );
    // shape problems (checked first) name their field too
    expect(mergeConfig(DEFAULT_CONFIG, { order: { autoConfirmDays: 0 } })).toMatchObject({
      fields: [{ path: 'order.autoConfirmDays', message: expect.stringContaining('自动确认收货天数') }],
    });
    expect(result.problems).toEqual(result.fields.map((f) => f.message));
    try {
      configOrThrow(result);
    } catch (e) {
      expect(e).toMatchObject({ code: 'VALIDATION', fields: result.fields });
    }
    expect.assertions(5);
  });

  it('validates the merged whole, not only the part', () => {
    // 0.5 alone is a fine rate, but 0.5 + 0.3 + 0.2 is not
    const result = mergeConfig(configOrThrow(mergeConfig(DEFAULT_CONFIG, { rates: ['0.1', '0.3', '0.2'] })), {
      rates: ['0.5', '0.3', '0.2'],
    });
    expect(result.ok).toBe(false);
    expect(() => configOrThrow(result)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('does not change the current config', () => {
    const current = configOrThrow(
      mergeConfig(DEFAULT_CONFIG, { grades: [{ gradeId: 'base', name: 'B', rank: 0 }] }),
    );
    const snapshot = JSON.stringify(current);
    mergeConfig(current, { grades: [{ gradeId: 'x', name: 'X', rank: 0 }], order: { autoConfirmDays: 3 } });
    expect(JSON.stringify(current)).toBe(snapshot);
  });

  it('refuses a __proto__ key instead of letting it replace a prototype', () => {
    const partial = JSON.parse(
      '{"__proto__": {"levels": 1}, "withdraw": {"__proto__": {"minFen": 1}}}',
    ) as unknown;
    const result = mergeConfig(DEFAULT_CONFIG, partial);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).levels).toBeUndefined();
  });

  it('refuses a partial that is not an object', () => {
    expect(mergeConfig(DEFAULT_CONFIG, [1, 2])).toEqual({
      ok: false,
      problems: ['设置格式错误：必须是一个对象'],
      fields: [{ path: '', message: '设置格式错误：必须是一个对象' }],
    });
  });

  it('merge then validate: a valid partial gives a valid whole that carries it (property)', () => {
    const partialArb = fc.record(
      {
        levels: fc.integer({ min: 1, max: 3 }),
        rates: ratesArb,
        selfPurchase: fc.boolean(),
        binding: fc.record(
          { mode: fc.constantFrom('first', 'latest'), validDays: fc.integer({ min: 0, max: 3650 }) },
          {
            requiredKeys: [],
          },
        ),
        order: fc.record(
          {
            unpaidTimeoutMinutes: fc.integer({ min: 5, max: 1440 }),
            autoConfirmDays: fc.integer({ min: 1, max: 30 }),
            returnWindowDays: fc.integer({ min: 0, max: 30 }),
          },
          { requiredKeys: [] },
        ),
        withdraw: fc.record(
          {
            minFen: fc.integer({ min: 30, max: 100_000 }),
            feeRate: rateArb(),
            days: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 5 }),
            methods: fc.uniqueArray(fc.constantFrom('wechat' as const, 'bank' as const, 'alipay' as const), {
              minLength: 1,
            }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(partialArb, (partial) => {
        const result = mergeConfig(DEFAULT_CONFIG, partial);
        if (!result.ok) return false;
        const again = validateConfig(result.config);
        const expected = {
          ...DEFAULT_CONFIG,
          ...partial,
          binding: { ...DEFAULT_CONFIG.binding, ...partial.binding },
          order: { ...DEFAULT_CONFIG.order, ...partial.order },
          withdraw: { ...DEFAULT_CONFIG.withdraw, ...partial.withdraw },
        };
        return again.ok && JSON.stringify(result.config) === JSON.stringify(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('merge then validate: whatever arrives, an accepted config has at most 3 levels (property)', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            levels: fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double()),
            rates: fc.array(rateArb(), { maxLength: 6 }),
          },
          { requiredKeys: [] },
        ),
        (partial) => {
          const result = mergeConfig(DEFAULT_CONFIG, partial);
          return !result.ok || (result.config.levels <= 3 && result.config.rates.length <= 3);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('configFromStored', () => {
  it('falls back to the defaults and fills settings added later', () => {
    expect(configFromStored(null)).toEqual(DEFAULT_CONFIG);
    const stored = { _id: 'merchant', levels: 2, withdraw: { minFen: 2000 } };
    const config: MerchantConfig = configFromStored(stored);
    expect(config.levels).toBe(2);
    expect(config.withdraw).toEqual({ ...DEFAULT_CONFIG.withdraw, minFen: 2000 });
  });

  it('treats an invalid stored config as a bug (plain Error → INTERNAL)', () => {
    let thrown: unknown;
    try {
      configFromStored({ levels: 9 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(AppError);
  });
});

describe('grade lookup', () => {
  it('finds a grade or falls back to the base grade', () => {
    const config = configOrThrow(mergeConfig(DEFAULT_CONFIG, { grades: [...DEFAULT_CONFIG.grades, GOLD] }));
    expect(baseGrade(config).gradeId).toBe('base');
    expect(gradeOrBase(config, 'gold').name).toBe('黄金分销商');
    expect(gradeOrBase(config, 'removed').gradeId).toBe('base');
    expect(gradeOrBase(config, null).gradeId).toBe('base');
  });
});

describe('describeConfigChanges', () => {
  it('names each changed setting with both values in words', () => {
    const before = configOrThrow(mergeConfig(DEFAULT_CONFIG, {}));
    const after = configOrThrow(
      mergeConfig(before, {
        rates: ['0.12', '0.05', '0.02'],
        selfPurchase: true,
        withdraw: { minFen: 5000, days: [1, 15], feeRate: '0.006' },
        grades: [
          { gradeId: 'base', name: '普通分销商', rank: 0 },
          {
            gradeId: 'gold',
            name: '黄金',
            rank: 1,
            rates: ['0.15', '0.06', '0.03'],
            upgrade: { directDistributors: 5 },
          },
        ],
      }),
    );
    const changes = describeConfigChanges(before, after);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'rates', label: '佣金比例', before: '10% / 5% / 2%', after: '12% / 5% / 2%' },
        { path: 'selfPurchase', label: '分销商自购返佣', before: '关闭', after: '开启' },
        { path: 'withdraw.minFen', label: '最低提现金额', before: '¥10.00', after: '¥50.00' },
        { path: 'withdraw.days', label: '每月可提现日期', before: '每天', after: '每月 1、15 日' },
        { path: 'withdraw.feeRate', label: '提现手续费率', before: '0%', after: '0.6%' },
        { path: 'grades.1', label: '等级 2「黄金」', before: '无', after: '黄金（级别 1）' },
      ]),
    );
    expect(changes).toHaveLength(6);
    expect(describeConfigChanges(after, after)).toEqual([]);
  });
});
