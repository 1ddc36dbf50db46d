import { z } from 'zod';
import {
  AppError,
  ERROR_CODES,
  describeZodIssues,
  fail,
  isAppError,
  ok,
  toEnvelope,
  validationError,
} from '../../../shared/errors';

describe('envelopes', () => {
  it('wraps data and failures', () => {
    expect(ok({ orderId: 'o1' })).toEqual({ ok: true, data: { orderId: 'o1' } });
    expect(fail('RULE', '最低提现金额为 ¥10.00')).toEqual({
      ok: false,
      error: { code: 'RULE', message: '最低提现金额为 ¥10.00' },
    });
  });

  it('maps an AppError to its own code and message without logging', () => {
    const log = jest.fn();
    for (const code of ERROR_CODES) {
      expect(toEnvelope(new AppError(code, '原因'), log)).toEqual({
        ok: false,
        error: { code, message: '原因' },
      });
    }
    expect(log).not.toHaveBeenCalled();
  });

  it('maps anything else to INTERNAL with a generic message, and logs it', () => {
    const log = jest.fn();
    const bug = new TypeError("Cannot read properties of undefined (reading 'priceFen')");
    expect(toEnvelope(bug, log)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' },
    });
    expect(log).toHaveBeenCalledWith('[INTERNAL]', bug);
    expect(toEnvelope('a string', log).ok).toBe(false);
    expect(isAppError(bug)).toBe(false);
    expect(isAppError(new AppError('NOT_FOUND', '订单不存在'))).toBe(true);
  });
});

describe('zod helpers', () => {
  const schema = z.object({
    items: z.array(z.object({ quantity: z.number().int().min(1, '数量至少为 1') })),
  });

  it('describes every issue with its path', () => {
    const parsed = schema.safeParse({ items: [{ quantity: 1 }, { quantity: 0 }] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeZodIssues(parsed.error)).toBe('items.1.quantity: 数量至少为 1');
    const error = validationError(parsed.error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('参数错误: items.1.quantity: 数量至少为 1');
  });

  it('names the field of each issue, and the envelope carries them', () => {
    const schema = z.object({
      address: z.object({ phone: z.string({ error: '请填写手机号' }) }),
      n: z.number(),
    });
    const parsed = schema.safeParse({ address: {}, n: 'x' });
    if (parsed.success) throw new Error('expected a failure');
    const error = validationError(parsed.error);
    expect(error.fields).toEqual([
      { path: 'address.phone', message: '请填写手机号' },
      { path: 'n', message: expect.any(String) },
    ]);
    expect(toEnvelope(error)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: error.message, fields: error.fields },
    });
    // other refusals keep the plain shape
    expect(toEnvelope(new AppError('RULE', '不行'))).toEqual({
      ok: false,
      error: { code: 'RULE', message: '不行' },
    });
  });
});
