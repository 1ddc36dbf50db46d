/**
 * What the invitation poster shows and where, as a list of drawing steps – pure, so a test can read the
 * poster without a canvas, and the page's painter (index.ts) only executes the steps on Canvas 2D.
 * Two posters: the shop's (avatar, shop name, slogan, a large code) and a product's (its picture, title
 * and price, then the sharer's avatar and shop beside the code). Sizes in poster points (300 wide).
 */
import { formatYuan } from '../../../shared/index';

export const POSTER_WIDTH = 300;

export type PosterStep =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'image'; src: string; x: number; y: number; w: number; h: number; round?: boolean }
  | {
      kind: 'text';
      text: string;
      x: number;
      y: number;
      font: string;
      color: string;
      align: 'left' | 'center';
    };

export interface PosterContent {
  shopName: string;
  inviteCode: string;
  codeUrl: string;
  avatarUrl: string | null;
  product: { title: string; priceFen: number; imageUrl: string | null } | null;
}

export interface PosterLayout {
  height: number;
  steps: PosterStep[];
}

const INK = '#1f1f1f';
const MUTED = '#8c8c8c';
const PRICE = '#fa4126';

/** Splits a title into at most `lines` lines of about `perLine` characters, the last one ending in "…". */
export function wrapTitle(title: string, perLine: number, lines: number): string[] {
  const chars = [...title];
  const out: string[] = [];
  for (let i = 0; i < lines && chars.length > 0; i++) {
    const last = i === lines - 1;
    const take = chars.splice(0, perLine);
    out.push(last && chars.length > 0 ? `${take.slice(0, perLine - 1).join('')}…` : take.join(''));
  }
  return out;
}

function avatarSteps(avatarUrl: string | null, x: number, y: number, size: number): PosterStep[] {
  return avatarUrl
    ? [{ kind: 'image', src: avatarUrl, x, y, w: size, h: size, round: true }]
    : [{ kind: 'rect', x, y, w: size, h: size, color: '#f3f3f3' }];
}

function shopPoster(c: PosterContent): PosterLayout {
  const mid = POSTER_WIDTH / 2;
  return {
    height: 440,
    steps: [
      { kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: 440, color: '#ffffff' },
      { kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: 6, color: PRICE },
      ...avatarSteps(c.avatarUrl, mid - 32, 28, 64),
      {
        kind: 'text',
        text: c.shopName,
        x: mid,
        y: 122,
        font: 'bold 20px sans-serif',
        color: INK,
        align: 'center',
      },
      {
        kind: 'text',
        text: '好物分享给你，长按识别小程序码进店看看',
        x: mid,
        y: 150,
        font: '13px sans-serif',
        color: '#595959',
        align: 'center',
      },
      { kind: 'image', src: c.codeUrl, x: mid - 100, y: 172, w: 200, h: 200 },
      {
        kind: 'text',
        text: `邀请码 ${c.inviteCode}`,
        x: mid,
        y: 400,
        font: '13px sans-serif',
        color: MUTED,
        align: 'center',
      },
    ],
  };
}

function productPoster(c: PosterContent, product: NonNullable<PosterContent['product']>): PosterLayout {
  // 16 characters of 16 px fit the 260-point picture width
  const title = wrapTitle(product.title, 16, 2);
  const titleSteps: PosterStep[] = title.map((line, i) => ({
    kind: 'text',
    text: line,
    x: 20,
    y: 306 + i * 22,
    font: 'bold 16px sans-serif',
    color: INK,
    align: 'left',
  }));
  const priceY = 306 + title.length * 22 + 8;
  const footY = priceY + 24;
  const height = footY + 124;
  return {
    height,
    steps: [
      { kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: height, color: '#ffffff' },
      product.imageUrl
        ? { kind: 'image', src: product.imageUrl, x: 20, y: 20, w: 260, h: 260 }
        : { kind: 'rect', x: 20, y: 20, w: 260, h: 260, color: '#f3f3f3' },
      ...titleSteps,
      {
        kind: 'text',
        text: formatYuan(product.priceFen),
        x: 20,
        y: priceY,
        font: 'bold 20px sans-serif',
        color: PRICE,
        align: 'left',
      },
      { kind: 'rect', x: 20, y: footY, w: 260, h: 1, color: '#eeeeee' },
      ...avatarSteps(c.avatarUrl, 20, footY + 20, 40),
      {
        kind: 'text',
        text: c.shopName,
        x: 70,
        y: footY + 36,
        font: '14px sans-serif',
        color: INK,
        align: 'left',
      },
      {
        kind: 'text',
        text: '分享给你一件好物',
        x: 70,
        y: footY + 56,
        font: '12px sans-serif',
        color: MUTED,
        align: 'left',
      },
      {
        kind: 'text',
        text: `邀请码 ${c.inviteCode}`,
        x: 20,
        y: footY + 88,
        font: '12px sans-serif',
        color: MUTED,
        align: 'left',
      },
      { kind: 'image', src: c.codeUrl, x: 196, y: footY + 12, w: 84, h: 84 },
      {
        kind: 'text',
        text: '长按识别',
        x: 238,
        y: footY + 108,
        font: '11px sans-serif',
        color: MUTED,
        align: 'center',
      },
    ],
  };
}

export function posterLayout(content: PosterContent): PosterLayout {
  return content.product ? productPoster(content, content.product) : shopPoster(content);
}
