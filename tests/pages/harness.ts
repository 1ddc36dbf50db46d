/**
 * Renders a mini program page with miniprogram-simulate. Each call starts from a fresh module registry
 * (miniprogram-simulate keeps global state per load), so mocks set with jest.doMock before it apply.
 */
import path from 'node:path';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

type Simulate = typeof import('miniprogram-simulate');
/** The rendered page; `instance` is untyped because each page's methods differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rendered = import('j-component').RootComponent<any, any, any> & { instance: any };

export interface RenderedPage {
  comp: Rendered;
  simulate: Simulate;
}

/** Loads `pages/<domain>/<page>/index` and attaches it to a jsdom container. */
export function renderPage(pagePath: string): RenderedPage {
  jest.resetModules();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate: Simulate = require('miniprogram-simulate');
  const id = simulate.load(path.join(MINIPROGRAM_ROOT, pagePath), { rootPath: MINIPROGRAM_ROOT });
  const comp = simulate.render(id) as unknown as Rendered;
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, simulate };
}

/** Waits for pending promises and the re-render they cause. */
export async function settle(simulate: Simulate, ms = 0): Promise<void> {
  await simulate.sleep(ms);
}

/** All text of the rendered page, whitespace folded. */
export function textOf(comp: Rendered): string {
  return (comp.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
