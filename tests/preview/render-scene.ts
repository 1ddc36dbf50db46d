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

function imagesLoaded(root: Element): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser');
  for (const el of Array.from(root.querySelectorAll('wx-image'))) {
    const node = (el as unknown as { __wxElement?: unknown }).__wxElement;
    if (node) exparser.triggerEvent(node, 'load', { width: 400, height: 400 });
  }
}

export async function renderScene(scene: Scene) {
  // simulate adds each page's styles to <head> under the same `main--` prefix: start from none
  for (const style of Array.from(document.head.querySelectorAll('style'))) style.remove();
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
  // A phone downloads the pictures: every <image> reports `load`, so components that wait for it
  // (tdesign's t-image shows a spinner until then) show the picture.
  imagesLoaded(page.comp.dom as unknown as Element);
  await settle(page.simulate);
  if (scene.act) {
    await scene.act(instance);
    await settle(page.simulate);
  }
  return page;
}
