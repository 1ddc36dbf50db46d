import {
  maskAccount,
  maskAccountNumber,
  maskName,
  payoutAccountFor,
  payoutAccountSchema,
} from '../../../cloudfunctions/common/stores/withdrawals';

const parse = (input: unknown) => payoutAccountSchema.parse(input);

describe('payout accounts', () => {
  it('needs nothing for WeChat, a holder, bank and card for bank, a holder and login for Alipay', () => {
    expect(payoutAccountFor('wechat', undefined)).toBeNull();
    expect(payoutAccountFor('wechat', parse({ name: '王小明' }))).toEqual({
      name: '王小明',
      bank: null,
      number: null,
    });
    expect(
      payoutAccountFor('bank', parse({ name: '王小明', bank: '招商银行', number: '6225 8801 2345 6789' })),
    ).toEqual({
      name: '王小明',
      bank: '招商银行',
      number: '6225880123456789',
    });
    expect(payoutAccountFor('alipay', parse({ name: 'Li Lei', number: 'li.lei@example.com' }))).toEqual({
      name: 'Li Lei',
      bank: null,
      number: 'li.lei@example.com',
    });
    expect(payoutAccountFor('alipay', parse({ name: '阿卜杜·热合曼', number: '13912345678' }))?.number).toBe(
      '13912345678',
    );
  });

  it.each([
    ['bank', undefined, '需要填写收款账户'],
    ['bank', { name: '王小明', number: '6225880123456789' }, '开户银行'],
    ['bank', { name: '王小明', bank: '招商银行', number: '62258801234' }, '12–19 位数字'],
    ['bank', { bank: '招商银行', number: '6225880123456789' }, '姓名'],
    ['alipay', { name: '王小明', number: '1391234' }, '手机号或邮箱'],
    ['alipay', { name: '王小明', bank: '招商银行', number: '13912345678' }, '无需填写开户银行'],
    ['wechat', { number: '13912345678' }, '无需填写账号'],
  ] as const)('refuses %s with %j', (method, input, message) => {
    expect(() => payoutAccountFor(method, input ? parse(input) : undefined)).toThrow(message);
  });

  it('refuses names that are not names and unknown fields', () => {
    expect(payoutAccountSchema.safeParse({ name: '王小明1' }).success).toBe(false);
    expect(payoutAccountSchema.safeParse({ name: '王' }).success).toBe(false);
    expect(payoutAccountSchema.safeParse({ name: '王小明', iban: 'x' }).success).toBe(false);
  });

  it('masks enough to recognise, not enough to misuse', () => {
    expect(maskAccountNumber('6225880123456789')).toBe('6225****6789');
    expect(maskAccountNumber('13912345678')).toBe('139****5678');
    expect(maskAccountNumber('li.lei@example.com')).toBe('l***@example.com');
    expect(maskAccountNumber('12345')).toBe('1****');
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('阿卜杜热合曼')).toBe('阿****曼');
    expect(maskAccount(null)).toBeNull();
    expect(maskAccount({ name: '王小明', bank: '招商银行', number: '6225880123456789' })).toEqual({
      name: '王*明',
      bank: '招商银行',
      number: '6225****6789',
    });
  });
});
