/**
 * Mini program codes, locally: a real PNG QR code instead of WeChat's round code. It encodes a URL-like
 * text that names the page and the scene (`localcloud://wxacode/<page>?scene=<scene>`), so that a test –
 * or a phone's scanner – can see what the code would open.
 */
import QRCode from 'qrcode';

export const WXACODE_SCHEME = 'localcloud://wxacode/';

/** The text inside the code of `getUnlimited({ scene, page })`. */
export function unlimitedCodeText(page: string, scene: string): string {
  return `${WXACODE_SCHEME}${page}?scene=${encodeURIComponent(scene)}`;
}

/** The text inside the code of `get({ path })` / `createQRCode({ path })`: the path with its query. */
export function pathCodeText(pagePath: string): string {
  return `${WXACODE_SCHEME}${pagePath}`;
}

export interface CodeStyle {
  /** Image width in pixels (WeChat: 280–1280, default 430). */
  width?: unknown;
  /** `{ r, g, b }` of the dark modules. */
  line_color?: unknown;
  /** Transparent background. */
  is_hyaline?: unknown;
}

function clampWidth(width: unknown): number {
  const value = typeof width === 'number' && Number.isFinite(width) ? Math.round(width) : 430;
  return Math.min(1280, Math.max(280, value));
}

function hexColor(color: unknown): string {
  const c = (color ?? {}) as { r?: unknown; g?: unknown; b?: unknown };
  const channel = (v: unknown): string =>
    Math.min(255, Math.max(0, Number(v) || 0))
      .toString(16)
      .padStart(2, '0');
  return `#${channel(c.r)}${channel(c.g)}${channel(c.b)}ff`;
}

export function renderCode(text: string, style: CodeStyle): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    width: clampWidth(style.width),
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: hexColor(style.line_color), light: style.is_hyaline === true ? '#00000000' : '#ffffffff' },
  });
}
