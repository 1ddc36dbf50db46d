/**
 * The deployable artifacts of `npm run build` (run before jest by `npm test`): every function folder
 * holds a self-contained index.js exporting main, a package.json for cloud-side install and a valid
 * WeChat config.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  FUNCTIONS_OUT,
  FUNCTIONS_SRC,
  ROOT,
  RUNTIME_MANIFEST,
  functionConfigSchema,
  listFunctions,
  parseRuntimeManifest,
  readRuntimes,
} from '../../scripts/function-config';
import { FunctionCatalog } from '../../localcloud/runner/catalog';

const names = listFunctions();

describe('built cloud functions', () => {
  it('exist for every function source folder', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(fs.existsSync(path.join(FUNCTIONS_SRC, name, 'index.ts'))).toBe(true);
      expect(fs.existsSync(path.join(FUNCTIONS_OUT, name, 'index.js'))).toBe(true);
    }
  });

  it.each(names)('%s exports main and needs nothing but wx-server-sdk', (name) => {
    const dir = path.join(FUNCTIONS_OUT, name);
    const source = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    const required = new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const external = [...required].filter((m) => !m.startsWith('node:') && !isBuiltin(m));
    expect(external).toEqual(['wx-server-sdk']);

    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, 'index.js'));
    expect(typeof mod.main).toBe('function');
  });

  it.each(names)('%s has a valid config.json', (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_OUT, name, 'config.json'), 'utf8'));
    expect(functionConfigSchema.safeParse(config).success).toBe(true);
  });

  it('bundles the WeChat Pay transfer client only where transfers are made or completed', () => {
    // It is most of those bundles' size: every other function's cold start stays small.
    const withClient = names.filter((name) =>
      fs
        .readFileSync(path.join(FUNCTIONS_OUT, name, 'index.js'), 'utf8')
        .includes('node_modules/wechatpay-axios-plugin/'),
    );
    expect(withClient).toEqual(['admin', 'transferNotify']);
  });

  it('writes a cloudbaserc.json that lists every function', () => {
    const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'cloudbaserc.json'), 'utf8'));
    expect(rc.functions.map((f: { name: string }) => f.name)).toEqual(names);
  });
});

describe('timeout and memory: one declaration (functions.runtime.json) for both deploy paths', () => {
  const rc = (): Array<{ name: string; timeout: number; memorySize: number }> =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'cloudbaserc.json'), 'utf8')).functions;

  it('gives the declared functions their values and the others CloudBase defaults (3 s, 256 MB)', () => {
    const runtimes = readRuntimes();
    expect(runtimes.payNotify).toEqual({ timeout: 20, memorySize: 256 });
    expect(runtimes.settle).toEqual({ timeout: 60, memorySize: 256 });
    expect(runtimes.admin).toEqual({ timeout: 20, memorySize: 256 });
    expect(runtimes.order).toEqual({ timeout: 10, memorySize: 256 });
    const declared = Object.keys(JSON.parse(fs.readFileSync(RUNTIME_MANIFEST, 'utf8')));
    for (const name of names.filter((n) => !declared.includes(n))) {
      expect(runtimes[name]).toEqual({ timeout: 3, memorySize: 256 });
    }
  });

  it.each(names)(
    '%s: the built folder and cloudbaserc.json carry the same values, and the runner reads them',
    (name) => {
      const expected = readRuntimes()[name];
      const built = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_OUT, name, 'runtime.json'), 'utf8'));
      expect(built).toEqual(expected);
      expect(rc().find((f) => f.name === name)).toMatchObject(expected);
      const info = new FunctionCatalog(FUNCTIONS_OUT).get(name);
      expect(info).toMatchObject({ timeoutMs: expected.timeout * 1000, memoryMb: expected.memorySize });
    },
  );

  it.each([
    ['a function that does not exist', { setle: { timeout: 60 } }, /setle is not a function/],
    ['a timeout above the CLI limit of 60 s', { settle: { timeout: 61 } }, /timeout/],
    ['a timeout of 0', { settle: { timeout: 0 } }, /timeout/],
    ['a fractional timeout', { settle: { timeout: 1.5 } }, /timeout/],
    ['a memory size CloudBase does not offer', { settle: { memorySize: 300 } }, /memorySize/],
    ['an unknown key', { settle: { timeoutMs: 60_000 } }, /timeoutMs/],
    ['an array', [], /must be an object/],
  ])('refuses %s', (_label, manifest, message) => {
    expect(() => parseRuntimeManifest(manifest, names)).toThrow(message);
  });
});

describe('function config validation', () => {
  const valid = { permissions: { openapi: ['wxacode.getUnlimited'] } };
  const withTrigger = (name: string, config: string) => ({
    ...valid,
    triggers: [{ name, type: 'timer', config }],
  });

  it('accepts a 7-field timer with a proper name', () => {
    expect(functionConfigSchema.safeParse(withTrigger('settleTimer', '0 */10 * * * * *')).success).toBe(true);
  });

  it.each([
    ['a 6-field cron', withTrigger('t', '0 */10 * * * *')],
    ['an out-of-range field', withTrigger('t', '0 61 * * * * *')],
    ['a trigger name starting with a digit', withTrigger('1timer', '0 0 * * * * *')],
    ['a trigger name with a space', withTrigger('my timer', '0 0 * * * * *')],
    ['an unknown openapi', { permissions: { openapi: ['pay.transfer'] } }],
    ['an unknown key', { ...valid, timeout: 3 }],
    [
      'two triggers',
      {
        ...valid,
        triggers: [
          ...withTrigger('a', '0 0 * * * * *').triggers,
          ...withTrigger('b', '0 0 * * * * *').triggers,
        ],
      },
    ],
  ])('refuses %s', (_label, config) => {
    expect(functionConfigSchema.safeParse(config).success).toBe(false);
  });
});

describe('user.ping through the built bundle', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('answers the caller OPENID from the call context, and UNAUTHENTICATED without one', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require(path.join(FUNCTIONS_OUT, 'user', 'index.js'));
    expect(await main({ action: 'ping' }, {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.any(String) },
    });

    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'o-buyer-1';
    process.env.WX_APPID = 'wx-test-app';
    // The payload's userInfo is what a client could forge: it must not be the identity.
    const reply = await main({ action: 'ping', userInfo: { openId: 'forged' } }, {});
    expect(reply).toEqual({ ok: true, data: { openid: 'o-buyer-1', appid: 'wx-test-app', source: null } });

    expect((await main({ action: 'nope' }, {})).error.code).toBe('VALIDATION');
    expect((await main('not an event', {})).error.code).toBe('VALIDATION');
  });
});

function isBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:module').builtinModules.includes(name);
}
