/**
 * Every page of app.json has a preview scene (npm run preview draws it), and every scene renders under
 * miniprogram-simulate with the page's own logic – no browser needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderScene } from '../preview/render-scene';
import { SCENES } from '../preview/scenes';
import { MINIPROGRAM_ROOT, textOf } from './harness';

const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
  pages: string[];
  subpackages: { root: string; pages: string[] }[];
};
const PAGES = [...app.pages, ...app.subpackages.flatMap((s) => s.pages.map((p) => `${s.root}${p}`))];

describe('page preview scenes', () => {
  it.each(PAGES)('%s has a scene', (page) => {
    expect(SCENES.some((s) => s.page === page)).toBe(true);
  });

  it.each(SCENES.map((s) => [`${s.page}.${s.state}`, s] as const))(
    '%s renders with its data',
    async (_name, scene) => {
      const page = await renderScene(scene);
      const text = textOf(page.comp);
      expect(text.length).toBeGreaterThan(0);
      // a service answer the scene forgot shows up as this message in the picture
      expect(text).not.toContain('预览数据缺少');
    },
  );
});
