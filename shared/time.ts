/**
 * Calendar arithmetic in Beijing time (UTC+8), the zone of every calendar rule of the mall (allowed
 * withdrawal days, daily statistics). Pure UTC arithmetic on epoch milliseconds: the result never depends
 * on the server's time zone (CloudBase runs in UTC+8, a developer's laptop or CI may not), and China has no
 * daylight saving time, so a fixed offset is exact.
 *
 * Durations of the order rules (auto-confirm after N days, ...) are plain multiples of DAY_MS from an
 * instant, not calendar days: "7 days after receipt" is 7 × 24 h after the receipt time.
 */
import { AppError } from './errors';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** A calendar date and time of day as read on a clock in Beijing. */
export interface BeijingParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** Instants are milliseconds since the epoch; anything else is a bug in the caller. */
export function assertInstant(ms: number, label = '时间'): void {
  if (!Number.isSafeInteger(ms)) throw new AppError('VALIDATION', `${label}无效`);
}

/** Shifting by +8 h and reading the UTC fields gives the Beijing wall clock on any server. */
function shifted(ms: number): Date {
  assertInstant(ms);
  return new Date(ms + BEIJING_OFFSET_MS);
}

export function beijingParts(ms: number): BeijingParts {
  const d = shifted(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Day of the month (1–31) in Beijing. */
export function beijingDayOfMonth(ms: number): number {
  return shifted(ms).getUTCDate();
}

/** Number of days (28–31) of the Beijing month containing `ms`. */
export function daysInBeijingMonth(ms: number): number {
  const d = shifted(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of the Beijing calendar day containing `ms` (the key of daily statistics). */
export function beijingDateKey(ms: number): string {
  const { year, month, day } = beijingParts(ms);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The instant at which the Beijing day containing `ms` began (00:00:00.000 in Beijing). */
export function startOfBeijingDay(ms: number): number {
  assertInstant(ms);
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start instant of the Beijing day named by a 'YYYY-MM-DD' key; null for anything that is not a real date. */
export function startOfBeijingDateKey(key: string): number | null {
  const match = DATE_KEY.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to March: a key that does not survive the round trip is not a date.
  if (beijingDateKey(utcMidnight) !== key) return null;
  return utcMidnight - BEIJING_OFFSET_MS;
}

/**
 * The `days` date keys ending with the Beijing day of `now`, oldest first – the x axis of a trend chart.
 */
export function recentBeijingDateKeys(now: number, days: number): string[] {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new AppError('VALIDATION', '天数必须是 1–366');
  const today = startOfBeijingDay(now);
  const keys: string[] = [];
  for (let i = days - 1; i >= 0; i -= 1) keys.push(beijingDateKey(today - i * DAY_MS));
  return keys;
}
