import fc from 'fast-check';
import {
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  SCENE_MAX_LENGTH,
  type Scene,
  decodeScene,
  encodeScene,
  generateInviteCode,
  normalizeInviteCode,
} from '../../../shared/invite-code';

const bytes = (...values: number[]) => Uint8Array.from(values);
const randomBytesArb = fc.uint8Array({ minLength: 8, maxLength: 8 });
const SCENE_CHARS = /^[0-9a-zA-Z!#$&'()*+,/:;=?@\-._~]*$/;

describe('invite codes', () => {
  it('uses no look-alike characters', () => {
    expect(INVITE_ALPHABET).toHaveLength(29);
    expect(INVITE_ALPHABET).not.toMatch(/[01OILUZ]/);
  });

  it('generates 8 characters from the randomness given, deterministically', () => {
    const code = generateInviteCode(bytes(1, 2, 3, 4, 5, 6, 7, 8));
    expect(code).toHaveLength(INVITE_CODE_LENGTH);
    expect(generateInviteCode(bytes(1, 2, 3, 4, 5, 6, 7, 8))).toBe(code);
    expect(generateInviteCode(bytes(0, 0, 0, 0, 0, 0, 0, 0))).toBe('22222222');
    expect(() => generateInviteCode(bytes(1, 2, 3))).toThrow();
  });

  it('normalizes case and whitespace, and refuses anything else', () => {
    const code = generateInviteCode(bytes(200, 17, 3, 99, 5, 6, 250, 8));
    expect(normalizeInviteCode(`  ${code.toLowerCase()}\n`)).toBe(code);
    expect(normalizeInviteCode(code.slice(0, 7))).toBeNull();
    expect(normalizeInviteCode(`${code}2`)).toBeNull();
    expect(normalizeInviteCode('0OIL1U2Z')).toBeNull();
    expect(normalizeInviteCode(12345678)).toBeNull();
    expect(normalizeInviteCode(null)).toBeNull();
  });

  it('round-trips and catches every single mistyped character and adjacent swap (property)', () => {
    fc.assert(
      fc.property(
        randomBytesArb,
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 28 }),
        (random, pos, shift) => {
          const code = generateInviteCode(random);
          const typo =
            code.slice(0, pos) +
            INVITE_ALPHABET[(INVITE_ALPHABET.indexOf(code[pos]) + shift) % 29] +
            code.slice(pos + 1);
          const swapAt = Math.min(pos, 6);
          const swapped = code.slice(0, swapAt) + code[swapAt + 1] + code[swapAt] + code.slice(swapAt + 2);
          return (
            normalizeInviteCode(code) === code &&
            normalizeInviteCode(code.toLowerCase()) === code &&
            normalizeInviteCode(typo) === null &&
            (swapped === code || normalizeInviteCode(swapped) === null)
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scenes', () => {
  const code = generateInviteCode(bytes(9, 8, 7, 6, 5, 4, 3, 2));

  it('encodes the page hint after the code', () => {
    expect(encodeScene({ inviteCode: code, page: { kind: 'home' } })).toBe(`${code}h`);
    expect(encodeScene({ inviteCode: code, page: { kind: 'shop' } })).toBe(`${code}s`);
    expect(encodeScene({ inviteCode: code, page: { kind: 'goods', productId: 'SKU-12' } })).toBe(
      `${code}gSKU-12`,
    );
  });

  it('packs a 32-digit hex id (CloudBase _id) into 22 characters', () => {
    const productId = '2ed3518f5e6a0e0e00a1b2c35b8e3f1c';
    const scene = encodeScene({ inviteCode: code, page: { kind: 'goods', productId } });
    expect(scene).toHaveLength(8 + 1 + 22);
    expect(scene[8]).toBe('G');
    expect(decodeScene(scene)).toEqual({ inviteCode: code, page: { kind: 'goods', productId } });
  });

  it('refuses what cannot fit or is not a valid code', () => {
    expect(() =>
      encodeScene({ inviteCode: code, page: { kind: 'goods', productId: 'x'.repeat(24) } }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => encodeScene({ inviteCode: code, page: { kind: 'goods', productId: '商品' } })).toThrow();
    expect(() => encodeScene({ inviteCode: 'NOTACODE', page: { kind: 'home' } })).toThrow();
  });

  it('decodes what the mini program receives, URL-encoded or not, and refuses foreign scenes', () => {
    expect(decodeScene(code)).toEqual({ inviteCode: code, page: { kind: 'home' } });
    expect(decodeScene(encodeURIComponent(`${code}gSKU-12`))).toEqual({
      inviteCode: code,
      page: { kind: 'goods', productId: 'SKU-12' },
    });
    expect(decodeScene(`${code}x`)).toBeNull();
    expect(decodeScene(`${code}hjunk`)).toBeNull();
    expect(decodeScene(`${code}G${'A'.repeat(21)}`)).toBeNull();
    // the last packed group carries 8 bits: "__" (4095) is not something packHex writes
    expect(decodeScene(`${code}G${'A'.repeat(20)}__`)).toBeNull();
    expect(decodeScene('id=123&from=ad')).toBeNull();
    expect(decodeScene('%E0%A4%A')).toBeNull();
    expect(decodeScene(undefined)).toBeNull();
  });

  it('round-trips within 32 allowed characters (property)', () => {
    const pageArb: fc.Arbitrary<Scene['page']> = fc.oneof(
      fc.constant({ kind: 'home' as const }),
      fc.constant({ kind: 'shop' as const }),
      fc.stringMatching(/^[0-9A-Za-z_-]{1,23}$/).map((productId) => ({ kind: 'goods' as const, productId })),
      fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => ({
        kind: 'goods' as const,
        productId: Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(''),
      })),
    );
    fc.assert(
      fc.property(randomBytesArb, pageArb, (random, page) => {
        const scene = { inviteCode: generateInviteCode(random), page };
        const encoded = encodeScene(scene);
        return (
          encoded.length <= SCENE_MAX_LENGTH &&
          SCENE_CHARS.test(encoded) &&
          JSON.stringify(decodeScene(encoded)) === JSON.stringify(scene)
        );
      }),
      { numRuns: 300 },
    );
  });
});
