/**
 * Which field a VALIDATION message concerns, so a form shows it beside that field. The server names the
 * field either by its input path (zod: "参数错误: banners.1.image: …") or in words ("第 2 张轮播图…").
 */
import { messageOf } from '../../utils/errors';

/** field → what in a message points at it (an input path's first key, or words). */
export type FieldRules<F extends string> = Record<F, RegExp>;

export function fieldErrors<F extends string>(
  error: unknown,
  rules: FieldRules<F>,
): { field: F | null; message: string } {
  const message = messageOf(error);
  if ((error as { code?: string })?.code !== 'VALIDATION') return { field: null, message };
  const field = (Object.keys(rules) as F[]).find((f) => rules[f].test(message)) ?? null;
  return { field, message };
}
