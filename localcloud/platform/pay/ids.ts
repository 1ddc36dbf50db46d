/** Identifiers shaped like WeChat Pay's, and its Beijing-time timestamps. */
import crypto from 'node:crypto';

const BEIJING_OFFSET_MS = 8 * 3600_000;

export function digits(count: number): string {
  let out = '';
  while (out.length < count) out += crypto.randomInt(0, 1_000_000_000).toString().padStart(9, '0');
  return out.slice(0, count);
}

export function nonce(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** `yyyyMMddHHmmss` in Beijing time, as in `time_end`. */
export function beijingStamp(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** 28 digits, as WeChat Pay's transaction ids (4200… for WeChat balance payments). */
export function transactionId(ms: number): string {
  return `4200${digits(6)}${beijingStamp(ms).slice(0, 8)}${digits(10)}`;
}

export function prepayId(ms: number): string {
  return `wx${beijingStamp(ms)}${crypto.randomBytes(9).toString('hex')}`;
}

export function refundId(): string {
  return `50${digits(27)}`;
}
