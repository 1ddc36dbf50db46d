/**
 * Renders a mini program page with miniprogram-simulate, tdesign components included. Each call starts
 * from a fresh module registry (miniprogram-simulate keeps global state per load), so mocks set with
 * jest.doMock before it apply.
 *
 * miniprogram-simulate resolves `usingComponents` only as relative or absolute paths: a package path
 * such as `tdesign-miniprogram/button/button` is silently left unregistered and renders as an empty tag
 * (../shared/prototypes/preview/NOTES.md). Here every such path is resolved through `miniprogram_npm`
 * the way WeChat does, a path that resolves nowhere fails the load, and `expectComponentsRendered`
 * fails a test when a component the page uses rendered nothing.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

type Simulate = typeof import('miniprogram-simulate');
/** The rendered page; `instance` is untyped because each page's methods differ. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rendered = import('j-component').RootComponent<any, any, any> & { instance: any };

export interface RenderedPage {
  comp: Rendered;
  simulate: Simulate;
  /** Tag name → the component file it was resolved to, for every custom component in the tree. */
  components: Map<string, string>;
  /** j-component id → tag name of every registered custom component (the page included). */
  registered: Map<string, string>;
  /** wx storage of this render. */
  storage: Map<string, unknown>;
}

/** WeChat's lookup: `<dir>/miniprogram_npm/<spec>(.json | /index.json)`, from the using file upwards. */
export function resolveNpmComponent(fromJson: string, spec: string): string | null {
  let dir = path.dirname(fromJson);
  while (dir.startsWith(MINIPROGRAM_ROOT)) {
    const candidate = path.join(dir, 'miniprogram_npm', spec);
    if (fs.existsSync(`${candidate}.json`)) return candidate;
    if (fs.existsSync(path.join(candidate, 'index.json'))) return path.join(candidate, 'index');
    dir = path.dirname(dir);
  }
  // a fixture outside the mini program (tests/pages/fixtures) uses the mini program's packages
  if (!fromJson.startsWith(MINIPROGRAM_ROOT)) {
    const candidate = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm', spec);
    if (fs.existsSync(`${candidate}.json`)) return candidate;
  }
  return null;
}

/** simulate's wx storage keeps nothing; pages keep the inviter and the cart there. One store per render. */
export function installStorage(initial: Record<string, unknown> = {}): Map<string, unknown> {
  const store = new Map<string, unknown>(Object.entries(initial));
  const w = wx as unknown as Record<string, unknown>;
  w.setStorageSync = (key: string, value: unknown) => void store.set(key, JSON.parse(JSON.stringify(value)));
  w.getStorageSync = (key: string) => (store.has(key) ? store.get(key) : '');
  w.removeStorageSync = (key: string) => void store.delete(key);
  w.clearStorageSync = () => store.clear();
  return store;
}

const isPathSpec = (spec: string) => spec.startsWith('.') || spec.startsWith('/');

/** Rewrites package paths of usingComponents to root-absolute ones; records every component met. */
function patchJsonReading(components: Map<string, string>): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('miniprogram-simulate/src/utils');
  const readJson = utils.readJson as (file: string) => { usingComponents?: Record<string, string> } | null;
  utils.readJson = (file: string) => {
    const json = readJson(file);
    const using = json?.usingComponents ?? {};
    for (const [tag, spec] of Object.entries(using)) {
      let target: string;
      if (spec.startsWith('plugin://')) throw new Error(`${file}: plugin component ${tag} cannot be tested`);
      if (isPathSpec(spec)) {
        target = spec.startsWith('/')
          ? path.join(MINIPROGRAM_ROOT, spec)
          : path.resolve(path.dirname(file), spec);
      } else {
        const found = resolveNpmComponent(file, spec);
        if (!found) {
          throw new Error(
            `${path.relative(MINIPROGRAM_ROOT, file)}: component <${tag}> "${spec}" is not in miniprogram_npm (run npm run build)`,
          );
        }
        target = found;
        using[tag] = path.relative(path.dirname(file), found);
      }
      if (!fs.existsSync(`${target}.json`)) {
        throw new Error(
          `${path.relative(MINIPROGRAM_ROOT, file)}: component <${tag}> "${spec}" does not exist`,
        );
      }
      if (!components.has(tag)) components.set(tag, target);
    }
    return json;
  };
}

/**
 * The WXML files WeChat would have for a page: the main package's and, for a subpackage page, its
 * subpackage's. simulate's official compiler takes every .wxml under the root at once, and each
 * subpackage holds its own copy of tdesign (scripts/pack-miniprogram-npm.ts): all of them together
 * would triple its time.
 */
function wxmlListFor(pagePath: string, rootPath: string): string[] {
  const roots = subpackageRootsOf(rootPath);
  const own = roots.find((root) => pagePath.startsWith(root));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(rootPath, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (roots.includes(`${rel}/`) && `${rel}/` !== own) continue;
        walk(rel);
      } else if (entry.name.endsWith('.wxml')) files.push(rel);
    }
  };
  walk('');
  return files;
}

function subpackageRootsOf(rootPath: string): string[] {
  const appJson = path.join(rootPath, 'app.json');
  if (!fs.existsSync(appJson)) return [];
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subpackages?: { root: string }[] };
  return (app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
}

/** Loads `pages/<domain>/<page>/index` and attaches it to a jsdom container. */
export function renderPage(
  pagePath: string,
  storage: Record<string, unknown> = {},
  rootPath = MINIPROGRAM_ROOT,
): RenderedPage {
  jest.resetModules();
  // The official WXML compiler's output keeps its op caches in an implicit global keyed by the generated
  // function's name: a compile of another set of files (another package) must not find the previous
  // one's. (The global itself stays: it also marks the one-time set-up of the compiled runtime.)
  const wxmlGlobal = (globalThis as { __WXML_GLOBAL__?: Record<string, unknown> }).__WXML_GLOBAL__;
  if (wxmlGlobal) {
    wxmlGlobal.ops_cached = {};
    wxmlGlobal.ops_set = {};
    wxmlGlobal.ops_init = {};
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate: Simulate = require('miniprogram-simulate');
  const store = installStorage(storage);
  const components = new Map<string, string>();
  patchJsonReading(components);
  const registered = new Map<string, string>();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jc = require('j-component');
  const register = jc.register;
  jc.register = (def: { tagName: string }) => {
    const id = register.call(jc, def);
    registered.set(id, def.tagName);
    return id;
  };
  const id = simulate.load(path.join(rootPath, pagePath), {
    rootPath,
    // the output of every WXML file of a package is over the compiler's default 1 MB buffer
    compilerOptions: { wxmlList: wxmlListFor(pagePath, rootPath), maxBuffer: 64 * 1024 * 1024 },
  } as unknown as Parameters<Simulate['load']>[1]);
  registered.delete(id);
  const comp = simulate.render(id) as unknown as Rendered;
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, simulate, components, registered, storage: store };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- exparser's node tree is untyped */
/**
 * Fails when a custom component in the page renders nothing – counts and returns the components checked.
 * Two ways a component comes out empty: its tag was never registered (the DOM holds a bare `<t-x></t-x>`),
 * or it was registered and its own template produced no element (an exparser Component whose shadow tree
 * has no element). `allowEmpty` lists tags that may be empty in the state under test (a closed popup …).
 */
export function expectComponentsRendered(page: RenderedPage, allowEmpty: string[] = []): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser');
  const empty: string[] = [];
  let checked = 0;
  const hasElement = (n: any): boolean =>
    (n.childNodes ?? []).some((c: any) => c instanceof exparser.Element && !(c instanceof exparser.TextNode));
  const walk = (n: any) => {
    if (!n) return;
    const tag = n instanceof exparser.Component ? page.registered.get(n.is) : undefined;
    if (tag && !allowEmpty.includes(tag)) {
      checked++;
      if (!n.shadowRoot || !hasElement(n.shadowRoot)) empty.push(tag);
    }
    if (n.shadowRoot instanceof exparser.Element) walk(n.shadowRoot);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk((page.comp as any)._exparserNode);
  const tags = [...page.components.keys()];
  for (const el of Array.from((page.comp.dom as unknown as Element).querySelectorAll('*'))) {
    if (tags.includes(el.localName) && el.children.length === 0 && !allowEmpty.includes(el.localName)) {
      empty.push(el.localName);
    }
  }
  if (empty.length) throw new Error(`components rendered nothing: <${[...new Set(empty)].join('>, <')}>`);
  return checked;
}

/** Taps a tdesign component (a virtual host has no element of its own): its first inner element gets the tap. */
export function tap(comp: Rendered, selector: string): void {
  const found: any = comp.querySelector(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  const inner = found.dom ? found : null;
  if (inner) {
    inner.dispatchEvent('tap');
    return;
  }
  const root: any = found._exparserNode?.shadowRoot;
  const first = root?.childNodes?.find((c: any) => c.$$);
  if (!first) throw new Error(`${selector} has no element to tap`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-exparser').triggerEvent(first, 'tap', {}, { bubbles: true, composed: true });
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Waits for pending promises and the re-render they cause. */
export async function settle(simulate: Simulate, ms = 0): Promise<void> {
  await simulate.sleep(ms);
  await simulate.sleep(0);
}

/** All text of the rendered page, whitespace folded. */
export function textOf(comp: Rendered): string {
  return (comp.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
