/** One scene rendered with the page tests' harness: its services mocked, the page's own onLoad/onShow run. */
import path from 'node:path';
import { renderPage, settle } from '../pages/harness';
import { mockLogin, mockWx } from '../pages/mocks';
import { type Scene, mockServices } from './scene';

// WeChat: 750rpx is the screen's width (375 px on the phone we draw); simulate would take rpx as px.
// Mocked by path, so every fresh copy of simulate that renderPage loads gets it.
const SIMULATE_UTILS = path.resolve(__dirname, '../../node_modules/miniprogram-simulate/src/utils.js');
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
