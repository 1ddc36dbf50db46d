/**
 * The merchant's configuration: its schema (zod), its defaults (docs/configuration.md), validation with messages a
 * merchant understands, and the merge of a partial update. Everything that reads the config may rely on a
 * validated one: `levels` is 1–3 and the rates it pays sum to less than 100 % in every combination of
 * grades, so a commission can never eat the whole base.
 *
 * There is deliberately no setting for a recruiting bonus or an entry fee: paying for recruits or charging
 * to join is what China's anti-pyramid-selling rules forbid. Objects are strict – an unknown key is
 * refused, never silently ignored – so such a setting cannot be smuggled in either.
 */
import { z } from 'zod';
import { DISTRIBUTOR_MODES } from './distributor';
import { AppError, type FieldProblem } from './errors';
import { WITHDRAW_METHODS, type WithdrawMethod, withdrawMethodName } from './withdraw-method';
import { MAX_FEN, formatRatePercent, formatYuan, isRate, ratesSumBelowOne, sumRates } from './money';

export { WITHDRAW_METHODS, type WithdrawMethod, withdrawMethodName };

/** Three levels at most, whatever the configuration says (anti-pyramid-selling rules). */
export const MAX_LEVELS = 3;
/** WeChat cannot transfer less than ¥0.30, so a lower withdrawal minimum could never be paid out. */
export const MIN_WITHDRAW_FEN = 30;
export const MAX_GRADES = 20;

export const BINDING_MODES = ['first', 'latest'] as const;
export type BindingMode = (typeof BINDING_MODES)[number];

const LEVEL_NAMES = ['一级', '二级', '三级'];
const LEVEL_COUNTS = ['一', '两', '三'];

// ---------------------------------------------------------------------------------------------------
// Schema. Every check carries its own Chinese message; `describeProblem` prefixes the field's label.

function intBetween(min: number, max: number, message: string) {
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

const fenAtLeast = (min: number, message: string) => intBetween(min, MAX_FEN, message);

/** A rate: decimal string in [0, 1) with at most 4 decimals. */
export const rateSchema = z
  .string({ error: '必须是 0 到 1 之间的小数，如 "0.10"' })
  .refine(isRate, { error: '必须是 0 到 1 之间、最多 4 位小数的比例，如 "0.10" 表示 10%' });

const ratesSchema = z
  .array(rateSchema, { error: '必须是比例列表，如 ["0.10","0.05","0.02"]' })
  .min(1, { error: '至少填写一级' })
  .max(MAX_LEVELS, { error: `最多 ${MAX_LEVELS} 级` });

const gradeUpgradeSchema = z.strictObject(
  {
    settledSalesFen: fenAtLeast(0, '必须是不小于 0 的整数（分）').optional(),
    commissionEarnedFen: fenAtLeast(0, '必须是不小于 0 的整数（分）').optional(),
    directDistributors: intBetween(0, 1_000_000, '必须是不小于 0 的整数').optional(),
  },
  { error: '格式错误' },
);

export const gradeSchema = z.strictObject(
  {
    gradeId: z
      .string({ error: '必须填写' })
      .regex(/^[A-Za-z0-9_-]{1,32}$/, { error: '只能由 1–32 个字母、数字、_ 或 - 组成' }),
    name: z
      .string({ error: '必须填写' })
      .refine((name) => name.trim().length > 0 && name.length <= 20, { error: '必须是 1–20 个字' }),
    rank: intBetween(0, 99, '必须是 0–99 之间的整数（0 为基础等级）'),
    rates: ratesSchema.optional(),
    upgrade: gradeUpgradeSchema.optional(),
  },
  { error: '格式错误' },
);

export const merchantConfigSchema = z.strictObject(
  {
    levels: intBetween(1, MAX_LEVELS, `必须是 1 到 ${MAX_LEVELS} 之间的整数`),
    rates: ratesSchema,
    selfPurchase: z.boolean({ error: '必须是开启（true）或关闭（false）' }),
    binding: z.strictObject(
      {
        mode: z.enum(BINDING_MODES, { error: '必须是 first（首次绑定）或 latest（最新链接）' }),
        validDays: intBetween(0, 3650, '必须是 0–3650 之间的整数（0 为永久）'),
      },
      { error: '格式错误' },
    ),
    distributorMode: z.enum(DISTRIBUTOR_MODES, {
      error: '必须是 open（所有人）、apply（申请审核）或 appointed（商家指定）',
    }),
    grades: z
      .array(gradeSchema, { error: '必须是等级列表' })
      .min(1, { error: '至少需要一个基础等级' })
      .max(MAX_GRADES, { error: `最多 ${MAX_GRADES} 个等级` }),
    order: z.strictObject(
      {
        unpaidTimeoutMinutes: intBetween(5, 1440, '必须是 5–1440 之间的整数'),
        autoConfirmDays: intBetween(1, 30, '必须是 1–30 之间的整数'),
        returnWindowDays: intBetween(0, 30, '必须是 0–30 之间的整数'),
      },
      { error: '格式错误' },
    ),
    withdraw: z.strictObject(
      {
        minFen: fenAtLeast(MIN_WITHDRAW_FEN, `不能低于 ${MIN_WITHDRAW_FEN} 分（微信转账下限 ¥0.30）`),
        maxFen: fenAtLeast(MIN_WITHDRAW_FEN, `必须是不低于 ${MIN_WITHDRAW_FEN} 分的整数`).optional(),
        feeRate: rateSchema,
        days: z
          .array(intBetween(1, 31, '必须是 1–31 之间的整数'), { error: '必须是日期列表，如 [1, 15]' })
          .max(31, { error: '最多 31 天' }),
        methods: z
          .array(z.enum(WITHDRAW_METHODS, { error: '必须是 wechat、bank 或 alipay' }), {
            error: '必须是提现方式列表',
          })
          .min(1, { error: '至少选择一种' }),
      },
      { error: '格式错误' },
    ),
  },
  { error: '格式错误' },
);

export type MerchantConfig = z.infer<typeof merchantConfigSchema>;
export type Grade = z.infer<typeof gradeSchema>;
export type GradeUpgrade = z.infer<typeof gradeUpgradeSchema>;
export type WithdrawPolicy = MerchantConfig['withdraw'];
export type OrderPolicy = MerchantConfig['order'];
export type BindingPolicy = MerchantConfig['binding'];

/** Refused: every problem in words, and each with the field it concerns (`path` as in FieldProblem). */
export type ConfigResult =
  { ok: true; config: MerchantConfig } | { ok: false; problems: string[]; fields: FieldProblem[] };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The defaults (docs/configuration.md), frozen: copy (or `mergeConfig`) before changing anything. */
export const DEFAULT_CONFIG: MerchantConfig = deepFreeze({
  levels: 3,
  rates: ['0.10', '0.05', '0.02'],
  selfPurchase: false,
  binding: { mode: 'first', validDays: 0 },
  distributorMode: 'apply',
  grades: [{ gradeId: 'base', name: '普通分销商', rank: 0 }],
  order: { unpaidTimeoutMinutes: 30, autoConfirmDays: 7, returnWindowDays: 7 },
  withdraw: { minFen: 1000, feeRate: '0', days: [], methods: ['wechat', 'bank', 'alipay'] },
});

// ---------------------------------------------------------------------------------------------------
// Messages

const FIELD_LABELS: Record<string, string> = {
  levels: '分销层级',
  rates: '佣金比例',
  selfPurchase: '分销商自购返佣',
  binding: '客户绑定设置',
  'binding.mode': '客户绑定方式',
  'binding.validDays': '绑定有效期（天）',
  distributorMode: '成为分销商的方式',
  grades: '分销商等级',
  order: '订单设置',
  'order.unpaidTimeoutMinutes': '未付款自动取消时间（分钟）',
  'order.autoConfirmDays': '自动确认收货天数',
  'order.returnWindowDays': '退换货期限（天）',
  withdraw: '提现设置',
  'withdraw.minFen': '最低提现金额（分）',
  'withdraw.maxFen': '最高提现金额（分）',
  'withdraw.feeRate': '提现手续费率',
  'withdraw.days': '每月可提现日期',
  'withdraw.methods': '提现方式',
};

const GRADE_FIELD_LABELS: Record<string, string> = {
  gradeId: '编号',
  name: '名称',
  rank: '级别',
  rates: '佣金比例',
  upgrade: '升级条件',
  'upgrade.settledSalesFen': '升级条件·已结算销售额（分）',
  'upgrade.commissionEarnedFen': '升级条件·累计佣金（分）',
  'upgrade.directDistributors': '升级条件·直推分销商人数',
};

/** Names that suggest a recruiting bonus or an entry fee get an explanation besides "unknown". */
const FORBIDDEN_KEY = /recruit|bonus|entry|join|signup|register|registration|membership|headcount/i;

export type ConfigPath = readonly PropertyKey[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(root: unknown, path: ConfigPath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function levelName(index: unknown): string {
  return typeof index === 'number' && index < LEVEL_NAMES.length
    ? LEVEL_NAMES[index]
    : `第 ${String(index)} 项`;
}

function gradeLabel(index: number, input: unknown): string {
  const name = valueAt(input, ['grades', index, 'name']);
  return typeof name === 'string' && name.trim() ? `等级 ${index + 1}「${name}」` : `第 ${index + 1} 个等级`;
}

/** A field's label for a merchant: ['grades', 1, 'rates', 0] → "等级 2「黄金」的一级佣金比例". */
export function configFieldLabel(path: ConfigPath, input: unknown): string {
  if (path.length === 0) return '设置';
  const [head, ...rest] = path;
  if (head === 'rates' && rest.length === 1) return `${levelName(rest[0])}佣金比例`;
  if (head === 'grades' && typeof rest[0] === 'number') {
    const [index, ...field] = rest;
    const grade = gradeLabel(index, input);
    if (field.length === 0) return grade;
    if (field[0] === 'rates' && field.length === 2) return `${grade}的${levelName(field[1])}佣金比例`;
    return `${grade}的${GRADE_FIELD_LABELS[field.join('.')] ?? field.join('.')}`;
  }
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const parent = path.slice(0, -1).join('.');
    return `${FIELD_LABELS[parent] ?? parent}（第 ${last + 1} 项）`;
  }
  const key = path.join('.');
  return FIELD_LABELS[key] ?? key;
}

function describeProblem(issue: z.core.$ZodIssue, input: unknown): string {
  const label = configFieldLabel(issue.path, input);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join('、');
    const where = issue.path.length === 0 ? '' : `${label}中`;
    const why = issue.keys.some((key) => FORBIDDEN_KEY.test(key))
      ? '（本系统不支持拉人头奖励或入门费：佣金只来自真实商品销售）'
      : '';
    return `${where}有不支持的设置项：${keys}${why}`;
  }
  if (valueAt(input, issue.path) === undefined) return `${label}：未填写`;
  return `${label}：${issue.message}`;
}

// ---------------------------------------------------------------------------------------------------
// Rules that span several fields (run once the shape is right)

function sumProblem(what: string, rates: readonly string[], levels: number): string | null {
  const paid = rates.slice(0, levels);
  if (ratesSumBelowOne(paid)) return null;
  const sum = sumRates(paid);
  return `${what}${LEVEL_COUNTS[levels - 1]}级佣金比例之和必须小于 100%（当前 ${formatRatePercent(sum)}）`;
}

function ratesProblems(config: MerchantConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { levels } = config;
  const tables: { what: string; rates: string[]; path: string }[] = [
    { what: '', rates: config.rates, path: 'rates' },
  ];
  config.grades.forEach((grade, i) => {
    if (grade.rates)
      tables.push({ what: `${gradeLabel(i, config)}的`, rates: grade.rates, path: `grades.${i}.rates` });
  });
  for (const { what, rates, path } of tables) {
    if (rates.length < levels) {
      problems.push({ path, message: `${what}佣金比例需要填写 ${levels} 级（当前 ${rates.length} 级）` });
      continue;
    }
    const problem = sumProblem(what, rates, levels);
    if (problem) problems.push({ path, message: problem });
  }
  if (problems.length > 0 || tables.length === 1) return problems;
  // The levels of one order may be paid to distributors of different grades: the highest rate of each
  // level, whoever carries it, must still leave part of the base to the merchant.
  const highest = Array.from({ length: levels }, (_, level) =>
    // Validated rates have at most 4 decimals: comparing them as numbers is exact.
    tables.map((t) => t.rates[level]).reduce((a, b) => (Number(a) >= Number(b) ? a : b)),
  );
  if (!ratesSumBelowOne(highest)) {
    const sum = sumRates(highest);
    problems.push({
      path: 'grades',
      message: `不同等级组合时，各级最高佣金比例之和必须小于 100%（当前 ${formatRatePercent(sum)}）`,
    });
  }
  return problems;
}

function duplicates<T>(values: readonly T[]): T[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

function gradeProblems(config: MerchantConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const id of new Set(duplicates(config.grades.map((g) => g.gradeId)))) {
    problems.push({ path: 'grades', message: `等级编号「${id}」重复` });
  }
  for (const rank of new Set(duplicates(config.grades.map((g) => g.rank)))) {
    problems.push({ path: 'grades', message: `等级级别 ${rank} 重复：每个等级的级别必须不同` });
  }
  const base = config.grades.filter((g) => g.rank === 0);
  if (base.length === 0) {
    problems.push({ path: 'grades', message: '必须有一个基础等级（级别为 0），新分销商从它开始' });
  }
  config.grades.forEach((grade, i) => {
    if (grade.rank === 0 && grade.upgrade) {
      problems.push({
        path: `grades.${i}.upgrade`,
        message: `${gradeLabel(i, config)}是基础等级，不需要升级条件`,
      });
    }
    if (grade.upgrade && Object.values(grade.upgrade).every((v) => v === undefined)) {
      problems.push({
        path: `grades.${i}.upgrade`,
        message: `${gradeLabel(i, config)}的升级条件至少要设置一项`,
      });
    }
  });
  return problems;
}

function withdrawProblems(config: MerchantConfig): FieldProblem[] {
  const { withdraw } = config;
  const problems: FieldProblem[] = [];
  if (withdraw.maxFen !== undefined && withdraw.maxFen < withdraw.minFen) {
    problems.push({
      path: 'withdraw.maxFen',
      message: `最高提现金额（${formatYuan(withdraw.maxFen)}）不能低于最低提现金额（${formatYuan(withdraw.minFen)}）`,
    });
  }
  const days = [...new Set(duplicates(withdraw.days))];
  if (days.length > 0)
    problems.push({ path: 'withdraw.days', message: `每月可提现日期重复：${days.join('、')} 日` });
  const methods = [...new Set(duplicates(withdraw.methods))];
  if (methods.length > 0) {
    problems.push({
      path: 'withdraw.methods',
      message: `提现方式重复：${methods.map(withdrawMethodName).join('、')}`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Public API

const zhCN = z.locales.zhCN().localeError;

function refused(fields: FieldProblem[]): ConfigResult {
  return { ok: false, problems: fields.map((f) => f.message), fields };
}

/** Validates a whole config. All problems at once, so the merchant can fix them in one go. */
export function validateConfig(input: unknown): ConfigResult {
  const parsed = merchantConfigSchema.safeParse(input, { error: zhCN });
  if (!parsed.success) {
    return refused(
      parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: describeProblem(i, input),
      })),
    );
  }
  const config = parsed.data;
  const problems = [...ratesProblems(config), ...gradeProblems(config), ...withdrawProblems(config)];
  return problems.length > 0 ? refused(problems) : { ok: true, config };
}

/**
 * JSON merge patch (RFC 7396): objects merge key by key, arrays and values replace, `null` removes a key
 * (the way to drop `withdraw.maxFen` or a grade's `rates`). Keys are copied as own properties, so a
 * `__proto__` key stays an (unknown, refused) key instead of replacing a prototype.
 */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const merged: Record<string, unknown> = {};
  if (isRecord(target)) {
    for (const [key, value] of Object.entries(target)) defineOwn(merged, key, value);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else
      defineOwn(
        merged,
        key,
        mergePatch(Object.prototype.hasOwnProperty.call(merged, key) ? merged[key] : undefined, value),
      );
  }
  return merged;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `admin.updateConfig`: the partial update merged into the current config and validated as a whole. */
export function mergeConfig(current: MerchantConfig, partial: unknown): ConfigResult {
  if (!isRecord(partial)) return refused([{ path: '', message: '设置格式错误：必须是一个对象' }]);
  return validateConfig(mergePatch(current, partial));
}

/** The config or a VALIDATION error listing every problem (for `updateConfig`). */
export function configOrThrow(result: ConfigResult): MerchantConfig {
  if (result.ok) return result.config;
  throw new AppError('VALIDATION', result.problems.join('；'), result.fields);
}

/**
 * The effective config from what is stored (null: nothing stored yet). The stored document is merged over
 * the defaults so that a setting added in a later version gets its default; top-level keys starting with
 * `_` (database metadata such as `_id`) are ignored. A stored config that no longer validates is a bug,
 * not bad input: it throws a plain Error (→ INTERNAL, logged).
 */
export function configFromStored(stored: unknown): MerchantConfig {
  if (stored === null || stored === undefined) return configOrThrow(validateConfig(DEFAULT_CONFIG));
  const own = isRecord(stored)
    ? Object.fromEntries(Object.entries(stored).filter(([key]) => !key.startsWith('_')))
    : stored;
  const result = mergeConfig(DEFAULT_CONFIG, own);
  if (!result.ok) throw new Error(`stored config is invalid: ${result.problems.join('; ')}`);
  return result.config;
}

// ---------------------------------------------------------------------------------------------------
// What a change changed, in words (the configuration history)

const MODE_WORDS: Record<string, string> = {
  first: '首次绑定（先到先得）',
  latest: '最新链接（以最后一次分享为准）',
  open: '所有人可成为分销商',
  apply: '申请后由商家审核',
  appointed: '仅商家指定',
};

function shownValue(path: readonly string[], value: unknown): string {
  if (value === undefined) return '未设置';
  const key = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  if (typeof value === 'boolean') return value ? '开启' : '关闭';
  if (typeof value === 'number' && /Fen$/.test(key)) return formatYuan(value);
  if (typeof value === 'string' && (key === 'feeRate' || parent === 'rates') && isRate(value)) {
    return formatRatePercent(value);
  }
  if (key === 'rates' && Array.isArray(value))
    return value.map((r) => formatRatePercent(String(r))).join(' / ');
  if (key === 'days' && Array.isArray(value)) return value.length ? `每月 ${value.join('、')} 日` : '每天';
  if (key === 'methods' && Array.isArray(value)) {
    return value.map((m) => withdrawMethodName(m as WithdrawMethod) ?? String(m)).join('、');
  }
  if (typeof value === 'string') return MODE_WORDS[value] ?? value;
  return JSON.stringify(value);
}

export interface ConfigChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

/**
 * The settings one version changed against the other, each with its merchant-facing label and both
 * values in words: rates as percentages, amounts in yuan. Lists of values (rates, days, methods) count
 * as one setting; a grade's fields one by one.
 */
export function describeConfigChanges(before: unknown, after: unknown): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const atomic = (path: readonly string[]) => {
    const key = path[path.length - 1];
    return key === 'rates' || key === 'days' || key === 'methods';
  };
  const walk = (path: string[], a: unknown, b: unknown) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const bothRecords = isRecord(a) && isRecord(b);
    const bothGrades = path.length === 1 && path[0] === 'grades' && Array.isArray(a) && Array.isArray(b);
    if (bothRecords && !atomic(path)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk([...path, key], a[key], b[key]);
      return;
    }
    if (bothGrades) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk([...path, String(i)], a[i], b[i]);
      return;
    }
    const configPath = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // amounts are shown in yuan here, so the label's "（分）" would mislead
    const label = configFieldLabel(configPath, b === undefined ? before : after).replace('（分）', '');
    const grade = (value: unknown) =>
      isRecord(value) ? `${String(value.name)}（级别 ${String(value.rank)}）` : '无';
    const wholeGrade = path[0] === 'grades' && path.length === 2;
    changes.push({
      path: path.join('.'),
      label,
      before: wholeGrade ? grade(a) : shownValue(path, a),
      after: wholeGrade ? grade(b) : shownValue(path, b),
    });
  };
  walk([], before, after);
  return changes;
}

/** The base grade (rank 0) everyone starts at. A validated config has exactly one. */
export function baseGrade(config: Pick<MerchantConfig, 'grades'>): Grade {
  const base = config.grades.find((g) => g.rank === 0);
  if (!base) throw new Error('config has no base grade');
  return base;
}

/** The grade with this id, or the base grade when the id is unknown (e.g. a grade the merchant removed). */
export function gradeOrBase(
  config: Pick<MerchantConfig, 'grades'>,
  gradeId: string | null | undefined,
): Grade {
  return config.grades.find((g) => g.gradeId === gradeId) ?? baseGrade(config);
}
