import {
  charCount,
  escapeRegExp,
  hasInvisibleCharacters,
  mobileSchema,
  plainText,
} from '../../../cloudfunctions/common/platform/text';

describe('user-typed text', () => {
  const name = plainText({ label: '店铺名称', min: 2, max: 4 });
  const intro = plainText({ label: '简介', max: 10, multiline: true });

  it('trims, counts characters as people do, and keeps within the limits', () => {
    expect(name.parse('  好物小店  ')).toBe('好物小店');
    expect(charCount('🍵🍵🍵🍵')).toBe(4);
    expect(name.parse('🍵🍵🍵🍵')).toBe('🍵🍵🍵🍵');
    expect(name.safeParse('好物小店铺').error?.issues[0].message).toBe('店铺名称最多 4 个字');
    expect(name.safeParse(' 好 ').error?.issues[0].message).toBe('店铺名称至少 2 个字');
  });

  it('refuses control and invisible characters; line breaks only where allowed', () => {
    for (const bad of ['a\u0000b', 'ab\u202e', '\u200bab', 'a\u2066b', 'a\ufeffb', 'a\u0007b']) {
      expect(hasInvisibleCharacters(bad)).toBe(true);
      expect(name.safeParse(bad).success).toBe(false);
    }
    expect(name.safeParse('好\n物').success).toBe(false);
    expect(intro.parse('第一行\r\n第二行')).toBe('第一行\r\n第二行');
    // A zero-width joiner inside an emoji sequence is fine.
    expect(hasInvisibleCharacters('👨\u200d👩\u200d👧')).toBe(false);
  });

  it('normalises mainland mobile numbers', () => {
    expect(mobileSchema.parse('138-0013 8000')).toBe('13800138000');
    expect(mobileSchema.safeParse('12800138000').success).toBe(false);
    expect(mobileSchema.safeParse('1380013800').success).toBe(false);
  });

  it('escapes every regular-expression metacharacter', () => {
    const typed = 'a.b*c+(d)[e]{f}^g$h|i?j\\k/l-m';
    expect(new RegExp(escapeRegExp(typed)).test(typed)).toBe(true);
    expect(new RegExp(escapeRegExp('.*')).test('anything')).toBe(false);
  });
});
