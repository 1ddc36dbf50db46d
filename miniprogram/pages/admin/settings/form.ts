/**
 * The settings form and the merchant configuration, both ways. The form holds what a person types –
 * rates in percent, amounts in yuan, counts as text – and `configOf` turns it into the configuration
 * exactly (string arithmetic, never floats), or names the fields it cannot read. Server problems come
 * back as VALIDATION `fields` with configuration paths; `errorKey` says beside which form field each goes.
 */
import type { MerchantConfig } from '../../../services/admin/config';
import { parseYuan } from '../../../shared/index';
import { fenToYuanText, percentToRate, rateToPercent } from '../amounts';

export { fenToYuanText, percentToRate, rateToPercent };

export const METHODS = ['wechat', 'bank', 'alipay'] as const;
type Method = (typeof METHODS)[number];
type Grade = MerchantConfig['grades'][number];

export interface GradeForm {
  gradeId: string;
  name: string;
  rank: string;
  base: boolean;
  ownRates: boolean;
  rates: string[];
  settledSales: string;
  commissionEarned: string;
  directDistributors: string;
}

export interface SettingsForm {
  levels: number;
  rates: string[];
  selfPurchase: boolean;
  bindingMode: MerchantConfig['binding']['mode'];
  validDays: string;
  distributorMode: MerchantConfig['distributorMode'];
  grades: GradeForm[];
  unpaidTimeoutMinutes: string;
  autoConfirmDays: string;
  returnWindowDays: string;
  minYuan: string;
  maxYuan: string;
  feePercent: string;
  days: number[];
  methods: Record<Method, boolean>;
}

export type FormErrors = Record<string, string>;

const percents = (rates: readonly string[] | undefined): string[] =>
  [0, 1, 2].map((i) => (rates?.[i] !== undefined ? rateToPercent(rates[i]) : ''));

function gradeForm(grade: Grade): GradeForm {
  return {
    gradeId: grade.gradeId,
    name: grade.name,
    rank: String(grade.rank),
    base: grade.rank === 0,
    ownRates: Boolean(grade.rates),
    rates: percents(grade.rates),
    settledSales: fenToYuanText(grade.upgrade?.settledSalesFen),
    commissionEarned: fenToYuanText(grade.upgrade?.commissionEarnedFen),
    directDistributors: grade.upgrade?.directDistributors?.toString() ?? '',
  };
}

export function formOf(config: MerchantConfig): SettingsForm {
  return {
    levels: config.levels,
    rates: percents(config.rates),
    selfPurchase: config.selfPurchase,
    bindingMode: config.binding.mode,
    validDays: String(config.binding.validDays),
    distributorMode: config.distributorMode,
    grades: config.grades.map(gradeForm),
    unpaidTimeoutMinutes: String(config.order.unpaidTimeoutMinutes),
    autoConfirmDays: String(config.order.autoConfirmDays),
    returnWindowDays: String(config.order.returnWindowDays),
    minYuan: fenToYuanText(config.withdraw.minFen),
    maxYuan: fenToYuanText(config.withdraw.maxFen),
    feePercent: rateToPercent(config.withdraw.feeRate),
    days: [...config.withdraw.days],
    methods: {
      wechat: false,
      bank: false,
      alipay: false,
      ...Object.fromEntries(config.withdraw.methods.map((m) => [m, true])),
    },
  };
}

export function newGrade(grades: readonly GradeForm[]): GradeForm {
  const rank = Math.max(0, ...grades.map((g) => Number(g.rank) || 0)) + 1;
  return {
    gradeId: `grade${rank}`,
    name: '',
    rank: String(rank),
    base: false,
    ownRates: false,
    rates: ['', '', ''],
    settledSales: '',
    commissionEarned: '',
    directDistributors: '',
  };
}

/** Reads the form; every field it cannot read is named in `errors` (keys as errorKey gives). */
export function configOf(form: SettingsForm): { config: Record<string, unknown>; errors: FormErrors } {
  const errors: FormErrors = {};
  const int = (text: string, key: string): number => {
    if (/^\d{1,7}$/.test(text.trim())) return Number(text.trim());
    errors[key] = '请填写整数';
    return NaN;
  };
  const rates = (list: readonly string[], key: string): string[] =>
    list.slice(0, form.levels).map((p) => {
      const rate = percentToRate(p);
      if (rate === null) errors[key] = '每级佣金比例请填写 0–99.99 之间的百分数，最多两位小数';
      return rate ?? '';
    });
  const yuan = (text: string, key: string): number | undefined => {
    if (!text.trim()) return undefined;
    try {
      return parseYuan(text.trim());
    } catch (e) {
      errors[key] = (e as Error).message;
      return undefined;
    }
  };
  const grades = form.grades.map((g, i) => {
    const key = `grades.${i}`;
    const upgrade = {
      ...(yuan(g.settledSales, key) !== undefined ? { settledSalesFen: yuan(g.settledSales, key) } : {}),
      ...(yuan(g.commissionEarned, key) !== undefined
        ? { commissionEarnedFen: yuan(g.commissionEarned, key) }
        : {}),
      ...(g.directDistributors.trim() ? { directDistributors: int(g.directDistributors, key) } : {}),
    };
    return {
      gradeId: g.gradeId.trim(),
      name: g.name.trim(),
      rank: int(g.rank, key),
      ...(g.ownRates ? { rates: rates(g.rates, key) } : {}),
      ...(!g.base && Object.keys(upgrade).length > 0 ? { upgrade } : {}),
    };
  });
  const minFen = yuan(form.minYuan, 'withdraw.minFen');
  if (!form.minYuan.trim()) errors['withdraw.minFen'] = '请填写最低提现金额';
  const maxFen = yuan(form.maxYuan, 'withdraw.maxFen');
  const feeRate = percentToRate(form.feePercent || '0');
  if (feeRate === null) errors['withdraw.feeRate'] = '请填写 0–99.99 之间的百分数，最多两位小数';
  const config = {
    levels: form.levels,
    rates: rates(form.rates, 'rates'),
    selfPurchase: form.selfPurchase,
    binding: { mode: form.bindingMode, validDays: int(form.validDays, 'binding.validDays') },
    distributorMode: form.distributorMode,
    grades,
    order: {
      unpaidTimeoutMinutes: int(form.unpaidTimeoutMinutes, 'order.unpaidTimeoutMinutes'),
      autoConfirmDays: int(form.autoConfirmDays, 'order.autoConfirmDays'),
      returnWindowDays: int(form.returnWindowDays, 'order.returnWindowDays'),
    },
    withdraw: {
      minFen,
      // null removes a maximum that was set (the update is a merge patch)
      maxFen: maxFen ?? null,
      feeRate: feeRate ?? '',
      days: [...form.days].sort((a, b) => a - b),
      methods: METHODS.filter((m) => form.methods[m]),
    },
  };
  return { config, errors };
}

/** Beside which form field a problem with this configuration path is shown. */
export function errorKey(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'rates') return 'rates';
  if (parts[0] === 'grades')
    return parts.length > 1 && /^\d+$/.test(parts[1]) ? `grades.${parts[1]}` : 'grades';
  if (parts[0] === 'binding') return parts[1] === 'validDays' ? 'binding.validDays' : 'binding.mode';
  if (parts[0] === 'order' || parts[0] === 'withdraw') return parts.slice(0, 2).join('.');
  return parts[0] || '';
}

/** The server's problems by form field; several on one field are joined. */
export function errorsOf(fields: readonly { path: string; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const { path, message } of fields) {
    const key = errorKey(path);
    errors[key] = errors[key] ? `${errors[key]}；${message}` : message;
  }
  return errors;
}
