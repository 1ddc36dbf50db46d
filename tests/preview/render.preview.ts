/**
 * `npm run preview`, step 1 (run by jest with scripts/preview/jest.config.js): every scene rendered
 * with the page tests' harness – its own onLoad/onShow against the scene's service answers – and written
 * as static HTML + CSS to build/preview/html/<page>.<state>.json for the browser step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderPage, settle } from '../pages/harness';
import { mockLogin, mockWx } from '../pages/mocks';
import { SCENES } from './scenes';
import { type Scene, mockServices } from './scene';
import { serialize } from './serialize';

const OUT = path.resolve(__dirname, '../../build/preview/html');
const only = process.env.PREVIEW_ONLY ?? '';

// WeChat: 750rpx is the screen's width (375 px on the phone we draw); simulate would take rpx as px.
// Mocked by path, so every fresh copy of simulate that renderPage loads gets it.
const SIMULATE_UTILS = require.resolve('miniprogram-simulate/src/utils');
jest.doMock(SIMULATE_UTILS, () => ({
  ...jest.requireActual(SIMULATE_UTILS),
  transformRpx: (css: string) =>
    css.replace(/(-?\d*\.?\d+)rpx/gi, (_m: string, n: string) => `${(Number(n) * 375) / 750}px`),
}));

export async function renderScene(scene: Scene) {
  mockServices(scene);
  if (!scene.services.user?.login) mockLogin();
  const page = renderPage(scene.page, scene.storage ?? {});
  mockWx();
  Object.assign(wx, {
    getPrivacySetting: (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false }),
    setNavigationBarTitle: () => undefined,
  });
  const instance = page.comp.instance;
  instance.onLoad?.(scene.query ?? {});
  instance.onShow?.();
  await settle(page.simulate);
  if (scene.act) {
    await scene.act(instance);
    await settle(page.simulate);
  }
  return page;
}

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
