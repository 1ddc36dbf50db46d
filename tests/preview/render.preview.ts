/**
 * `npm run preview`, step 1 (run by jest with scripts/preview/jest.config.js): every scene rendered
 * with the page tests' harness – its own onLoad/onShow against the scene's service answers – and written
 * as static HTML + CSS to build/preview/html/<page>.<state>.json for the browser step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderScene } from './render-scene';
import { SCENES } from './scenes';
import { serialize } from './serialize';

const OUT = path.resolve(__dirname, '../../build/preview/html');
const only = process.env.PREVIEW_ONLY ?? '';

const picked = SCENES.filter((s) => `${s.page}.${s.state}`.includes(only));

describe('page previews', () => {
  beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));
  it.each(picked.map((s) => [`${s.page}.${s.state}`, s] as const))('%s', async (name, scene) => {
    const page = await renderScene(scene);
    const shot = serialize(page.comp.dom as unknown as Element);
    fs.writeFileSync(
      path.join(OUT, `${name.replace(/\//g, '_')}.json`),
      JSON.stringify({ scene: name, page: scene.page, ...shot }),
    );
  });
});
