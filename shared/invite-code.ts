/**
 * Invite codes and mini-program-code scenes.
 *
 * An invite code is 8 characters: 7 random ones and a check character, from a 29-character alphabet
 * without the look-alikes 0/O, 1/I/L, U and Z (Z reads as 2). Codes are case-safe (typed lowercase, they
 * still match) and a mistyped character or two swapped neighbours are caught by the check character:
 * weights 1..7 modulo the prime 29 change the sum for every single substitution and every adjacent swap.
 * 29^7 ≈ 1.7 × 10^10 codes: the caller stores codes under a unique index and draws again on a clash.
 *
 * A scene (`wxacode.getUnlimited`, at most 32 visible characters) is the code, a page hint and, for a
 * product, its key: "K7M3QX2Ah" home, "K7M3QX2As" the distributor's shop, "K7M3QX2AgSKU-12" a product.
 * A product key may be up to 23 characters of [0-9A-Za-z_-]; a 32-digit lowercase hex id (CloudBase's
 * default `_id`) is packed into 22 characters with the hint "G". Everything used is in the scene's
 * allowed set and needs no URL encoding. No BigInt or Buffer: this module also runs in the mini program.
 */
import { AppError } from './errors';

export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXY';
const BASE = INVITE_ALPHABET.length; // 29, a prime
const PAYLOAD_LENGTH = 7;
export const INVITE_CODE_LENGTH = PAYLOAD_LENGTH + 1;
/** Bytes of randomness `generateInviteCode` needs (64 bits for 7 × log2(29) ≈ 34 bits: negligible bias). */
export const INVITE_RANDOM_BYTES = 8;

function checkChar(payload: readonly number[]): string {
  const sum = payload.reduce((acc, digit, i) => acc + (i + 1) * digit, 0);
  return INVITE_ALPHABET[sum % BASE];
}

/** Divides a big-endian byte string by `divisor` in place and returns the remainder. */
function divmodBytes(bytes: number[], divisor: number): number {
  let remainder = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const value = remainder * 256 + bytes[i];
    bytes[i] = Math.floor(value / divisor);
    remainder = value % divisor;
  }
  return remainder;
}

/** A new code from caller-supplied randomness (crypto.randomBytes(8) on the server). */
export function generateInviteCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < INVITE_RANDOM_BYTES) {
    throw new AppError('VALIDATION', `generateInviteCode needs ${INVITE_RANDOM_BYTES} random bytes`);
  }
  const number = Array.from(randomBytes.subarray(0, INVITE_RANDOM_BYTES));
  const payload: number[] = [];
  for (let i = 0; i < PAYLOAD_LENGTH; i += 1) payload.push(divmodBytes(number, BASE));
  return payload.map((d) => INVITE_ALPHABET[d]).join('') + checkChar(payload);
}

/** Trimmed and uppercased, then checked (alphabet and check character): the code, or null. */
export function normalizeInviteCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const code = input.trim().toUpperCase();
  if (code.length !== INVITE_CODE_LENGTH) return null;
  const digits: number[] = [];
  for (const char of code.slice(0, PAYLOAD_LENGTH)) {
    const digit = INVITE_ALPHABET.indexOf(char);
    if (digit < 0) return null;
    digits.push(digit);
  }
  return checkChar(digits) === code[PAYLOAD_LENGTH] ? code : null;
}

// ---------------------------------------------------------------------------------------------------
// Scenes

export const SCENE_MAX_LENGTH = 32;
export const SCENE_PRODUCT_KEY_MAX = SCENE_MAX_LENGTH - INVITE_CODE_LENGTH - 1; // 23
const PRODUCT_KEY = new RegExp(`^[0-9A-Za-z_-]{1,${SCENE_PRODUCT_KEY_MAX}}$`);
const HEX_ID = /^[0-9a-f]{32}$/;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type ScenePage = { kind: 'home' } | { kind: 'shop' } | { kind: 'goods'; productId: string };

export interface Scene {
  inviteCode: string;
  page: ScenePage;
}

/** 32 hex digits → 22 base64url characters: 10 groups of 3 hex digits (2 chars each), then 2 hex digits. */
function packHex(hex: string): string {
  let out = '';
  for (let i = 0; i < 32; i += 3) {
    const value = parseInt(hex.slice(i, i + 3), 16);
    out += B64URL[value >> 6] + B64URL[value & 63];
  }
  return out;
}

function unpackHex(packed: string): string | null {
  if (packed.length !== 22) return null;
  let hex = '';
  for (let i = 0; i < 22; i += 2) {
    const hi = B64URL.indexOf(packed[i]);
    const lo = B64URL.indexOf(packed[i + 1]);
    if (hi < 0 || lo < 0) return null;
    const value = (hi << 6) | lo;
    const digits = i < 20 ? 3 : 2;
    // The last group holds 8 bits: anything larger is not what packHex wrote.
    if (digits === 2 && value > 0xff) return null;
    hex += value.toString(16).padStart(digits, '0');
  }
  return hex;
}

/** The scene for a poster's mini program code. Refuses a product key that cannot fit. */
export function encodeScene(scene: Scene): string {
  const code = normalizeInviteCode(scene.inviteCode);
  if (!code) throw new AppError('VALIDATION', `邀请码无效：${String(scene.inviteCode)}`);
  const { page } = scene;
  switch (page.kind) {
    case 'home':
      return `${code}h`;
    case 'shop':
      return `${code}s`;
    case 'goods':
      if (HEX_ID.test(page.productId)) return `${code}G${packHex(page.productId)}`;
      if (PRODUCT_KEY.test(page.productId)) return `${code}g${page.productId}`;
      throw new AppError(
        'VALIDATION',
        `商品编号无法放入小程序码：最多 ${SCENE_PRODUCT_KEY_MAX} 个字母、数字、_ 或 -（或 32 位十六进制编号）`,
      );
  }
}

/**
 * The code and page of a scene as the mini program receives it (`options.scene`, URL-encoded or not);
 * null for anything that is not one of ours. A bare code means the home page.
 */
export function decodeScene(input: unknown): Scene | null {
  if (typeof input !== 'string') return null;
  let scene = input;
  if (scene.includes('%')) {
    try {
      scene = decodeURIComponent(scene);
    } catch {
      return null;
    }
  }
  if (scene.length > SCENE_MAX_LENGTH) return null;
  const inviteCode = normalizeInviteCode(scene.slice(0, INVITE_CODE_LENGTH));
  if (!inviteCode) return null;
  const hint = scene.charAt(INVITE_CODE_LENGTH);
  const key = scene.slice(INVITE_CODE_LENGTH + 1);
  if ((hint === '' || hint === 'h') && key === '') return { inviteCode, page: { kind: 'home' } };
  if (hint === 's' && key === '') return { inviteCode, page: { kind: 'shop' } };
  if (hint === 'g' && PRODUCT_KEY.test(key)) return { inviteCode, page: { kind: 'goods', productId: key } };
  if (hint === 'G') {
    const productId = unpackHex(key);
    return productId ? { inviteCode, page: { kind: 'goods', productId } } : null;
  }
  return null;
}
