/**
 * Text that users type and other users see (shop names, intros, names on a withdrawal account): trimmed,
 * measured in characters as a person counts them (an emoji is one), and free of control and invisible
 * characters – a bidi override or a zero-width space in a shop name can make it read as something else
 * or slip past moderation.
 */
import { z } from 'zod';

/** C0/C1 controls, zero-width spaces, bidi embeddings/overrides/isolates, line/paragraph separators, BOM. */
const INVISIBLE = /[\p{Cc}\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** Characters as a person counts them (code points: an emoji is one, not two UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

export function hasInvisibleCharacters(text: string, allowNewlines = false): boolean {
  return INVISIBLE.test(allowNewlines ? text.replace(/\r?\n/g, '') : text);
}

export interface PlainTextOptions {
  label: string;
  min?: number;
  max: number;
  /** Line breaks allowed (an intro); never in a name. */
  multiline?: boolean;
}

/** A zod string: trimmed, `min`–`max` characters, no control or invisible characters. */
export function plainText({ label, min = 0, max, multiline = false }: PlainTextOptions) {
  return z
    .string({ error: `${label}必须是文字` })
    .transform((value) => value.trim())
    .refine((value) => !hasInvisibleCharacters(value, multiline), {
      error: multiline
        ? `${label}不能包含控制字符或不可见字符`
        : `${label}不能包含换行、控制字符或不可见字符`,
    })
    .refine((value) => charCount(value) >= min, {
      error: min <= 1 ? `${label}不能为空` : `${label}至少 ${min} 个字`,
    })
    .refine((value) => charCount(value) <= max, { error: `${label}最多 ${max} 个字` });
}

/** Mainland mobile number: 11 digits starting 13–19. */
export const MOBILE = /^1[3-9]\d{9}$/;

export const mobileSchema = z
  .string({ error: '手机号必须是文字' })
  .transform((value) => value.replace(/[\s-]/g, ''))
  .refine((value) => MOBILE.test(value), { error: '手机号格式错误（11 位大陆手机号）' });

/** For regular expressions built from what an admin typed (keyword search): every metacharacter literal. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
