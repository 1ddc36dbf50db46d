/**
 * Money and rates. Every amount that is stored or sent is an integer number of fen (分, ¥0.01); yuan
 * strings exist only at the edges (input boxes, display). Rates are decimal strings such as "0.10" and
 * are multiplied with decimal.js, because 0.1 × 3 in binary floating point is not 0.3 and a commission
 * that is off by one fen fails an audit. Every product of an amount and a rate rounds DOWN to the fen,
 * so a share can never exceed its base.
 */
import Decimal from 'decimal.js';
import { AppError } from './errors';

/** ¥10,000,000,000.00 – far above any order or balance, far below Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 1_000_000_000_000;

/** Its own Decimal constructor so that no other code's global Decimal settings can change our rounding. */
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_DOWN });

/** A non-negative integer amount of fen no larger than MAX_FEN. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_FEN;
}

/** Refuses anything that is not a valid amount: non-integers, negatives, NaN, Infinity, > MAX_FEN. */
export function assertFen(value: unknown, label: string): asserts value is number {
  if (!isFen(value)) {
    throw new AppError('VALIDATION', `${label}无效：必须是 0 到 ${formatYuan(MAX_FEN)} 之间的整数分`);
  }
}

const YUAN = /^[¥￥]?(\d{1,11})(?:\.(\d{1,2}))?$/;

/**
 * "12.30", "¥12.3", "￥12", " 12 " → fen. At most two decimals (a third one would be lost silently,
 * so it is refused), no sign, no thousands separators.
 */
export function parseYuan(input: string): number {
  const match = typeof input === 'string' ? YUAN.exec(input.trim()) : null;
  if (!match) throw new AppError('VALIDATION', `金额格式错误：${String(input)}（例：12.30）`);
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  assertFen(fen, '金额');
  return fen;
}

/** 1230 → "¥12.30", -100 → "-¥1.00". Negative amounts occur: a balance after a clawback. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new AppError('VALIDATION', `金额无效：${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}¥${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** A rate: a decimal string in [0, 1) with at most 4 decimals – "0", "0.1", "0.10", "0.0125". */
const RATE = /^0(?:\.\d{1,4})?$/;

export function isRate(value: unknown): value is string {
  return typeof value === 'string' && RATE.test(value);
}

/** Returns the rate string unchanged (its spelling is what gets snapshotted) or refuses it. */
export function parseRate(value: unknown, label = '比例'): string {
  if (!isRate(value)) {
    throw new AppError(
      'VALIDATION',
      `${label}格式错误：${String(value)}（应为 0 到 1 之间最多 4 位小数，如 "0.10"）`,
    );
  }
  return value;
}

/** floor(baseFen × rate): the share of a base at a rate, rounded down to the fen. */
export function applyRate(baseFen: number, rate: string): number {
  assertFen(baseFen, '金额');
  const r = new Dec(parseRate(rate));
  return new Dec(baseFen).times(r).floor().toNumber();
}

/** Exact sum of rates, as a decimal string ("0.10" + "0.05" → "0.15"). */
export function sumRates(rates: readonly string[]): string {
  return rates.reduce((acc, rate) => acc.plus(new Dec(parseRate(rate))), new Dec(0)).toString();
}

/** Whether the rates together stay strictly below 100 %, so that shares can never eat the whole base. */
export function ratesSumBelowOne(rates: readonly string[]): boolean {
  return new Dec(sumRates(rates)).lessThan(1);
}

/** "0.10" → "10%", "0.125" → "12.5%" – for messages and labels. Accepts any decimal string (sums may be ≥ 1). */
export function formatRatePercent(rate: string): string {
  return `${new Dec(rate).times(100).toString()}%`;
}

/** Sum of amounts, each checked: a NaN or a fraction in a sum would otherwise spread silently. */
export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    assertFen(value, '金额');
    total += value;
  }
  return total;
}
