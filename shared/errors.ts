/**
 * The error codes of the API contract and the envelope every cloud function returns.
 * A function never throws to its caller: `toEnvelope` turns anything thrown into `{ ok: false, error }`.
 */
import type { ZodError } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a VALIDATION refusal and the input field it concerns (`withdraw.minFen`, `rates.1`). */
export interface FieldProblem {
  /**
   * The field's path in the action's input, dot-separated ('' = the input as a whole); for the merchant
   * configuration (admin.updateConfig) the path inside the configuration (`withdraw.minFen`).
   */
  path: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** VALIDATION only, when the problems can be told apart: a form shows each beside its field. */
  fields?: FieldProblem[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** A refusal the caller can act on. Anything else that is thrown is a bug and becomes `INTERNAL`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldProblem[];

  constructor(code: ErrorCode, message: string, fields?: FieldProblem[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fields && fields.length > 0) this.fields = fields;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, fields?: FieldProblem[]): Envelope<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}

/**
 * Turns a thrown value into the envelope. Unknown errors are logged with their stack (they are bugs)
 * and answered with a generic message so that internals never reach the client.
 */
export function toEnvelope(
  thrown: unknown,
  log: (...args: unknown[]) => void = console.error,
): Envelope<never> {
  if (isAppError(thrown)) return fail(thrown.code, thrown.message, thrown.fields);
  log('[INTERNAL]', thrown);
  return fail('INTERNAL', '系统繁忙，请稍后再试');
}

/** "items.0.quantity: 数量必须大于 0; address: 必填" – one line for every issue of a zod error. */
export function describeZodIssues(error: Pick<ZodError, 'issues'>): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** Bad input described by zod, as the VALIDATION error the caller receives (with each issue's field). */
export function validationError(error: Pick<ZodError, 'issues'>, prefix = '参数错误'): AppError {
  const fields = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return new AppError('VALIDATION', `${prefix}: ${describeZodIssues(error)}`, fields);
}

/**
 * The path of the first `__proto__` key anywhere in a request (JSON.parse makes it an ordinary own key,
 * but spreading or merging it elsewhere could reach a prototype), or null. Iterative: the depth of a
 * request cannot exhaust the stack.
 */
export function forbiddenKeyPath(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string };
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '__proto__') return at;
      stack.push({ value: (current as Record<string, unknown>)[key], path: at });
    }
  }
  return null;
}
