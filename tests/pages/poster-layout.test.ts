/** The invitation poster's layout: what it shows, inside the poster, from the data distributor.poster answers. */
import {
  POSTER_WIDTH,
  type PosterContent,
  type PosterStep,
  posterLayout,
  wrapTitle,
} from '../../miniprogram/pages/distributor/poster/layout';

const shop: PosterContent = {
  shopName: '小王的好物店',
  inviteCode: 'AB12CD34',
  codeUrl: 'https://tmp/code.png',
  avatarUrl: 'https://tmp/avatar.png',
  product: null,
};
const texts = (steps: PosterStep[]) => steps.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
const images = (steps: PosterStep[]) => steps.flatMap((s) => (s.kind === 'image' ? [s] : []));

describe('posterLayout', () => {
  it("draws the shop's poster: round avatar, shop name, the code and the invite code", () => {
    const { steps, height } = posterLayout(shop);
    expect(texts(steps)).toEqual(expect.arrayContaining(['小王的好物店', '邀请码 AB12CD34']));
    expect(images(steps)).toEqual([
      expect.objectContaining({ src: 'https://tmp/avatar.png', round: true }),
      expect.objectContaining({ src: 'https://tmp/code.png', w: 200, h: 200 }),
    ]);
    for (const step of steps) {
      if (step.kind === 'text') continue;
      expect(step.x).toBeGreaterThanOrEqual(0);
      expect(step.x + step.w).toBeLessThanOrEqual(POSTER_WIDTH);
      expect(step.y + step.h).toBeLessThanOrEqual(height);
    }
  });

  it("draws a product's poster: its picture, title in two lines at most, price, the sharer and the code", () => {
    const { steps, height } = posterLayout({
      ...shop,
      product: {
        title: '明前龙井 250g 礼盒装 · 杭州西湖产区 特级 新茶上市',
        priceFen: 15800,
        imageUrl: 'https://tmp/p.png',
      },
    });
    const lines = texts(steps);
    expect(lines).toContain('¥158.00');
    expect(lines.slice(0, 2)).toEqual(['明前龙井 250g 礼盒装 · ', '杭州西湖产区 特级 新茶上市']);
    expect(images(steps).map((s) => s.src)).toEqual([
      'https://tmp/p.png',
      'https://tmp/avatar.png',
      'https://tmp/code.png',
    ]);
    const textYs = steps.flatMap((s) => (s.kind === 'text' ? [s.y] : []));
    expect(Math.max(...textYs)).toBeLessThan(height);
  });

  it('leaves a grey place where a picture is missing instead of failing', () => {
    const { steps } = posterLayout({
      ...shop,
      avatarUrl: null,
      product: { title: 't', priceFen: 1, imageUrl: null },
    });
    expect(images(steps).map((s) => s.src)).toEqual(['https://tmp/code.png']);
  });
});

describe('wrapTitle', () => {
  it('keeps short titles whole and cuts long ones with an ellipsis on the last line', () => {
    expect(wrapTitle('短标题', 17, 2)).toEqual(['短标题']);
    expect(wrapTitle('一二三四五六七八九十', 4, 2)).toEqual(['一二三四', '五六七…']);
    expect(wrapTitle('🍵🍵🍵🍵🍵', 4, 2)).toEqual(['🍵🍵🍵🍵', '🍵']);
  });
});
