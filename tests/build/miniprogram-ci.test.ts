/**
 * The official compiler accepts the mini program (scripts/compile-miniprogram.ts: miniprogram-ci offline,
 * after `npm run build`), and what it would upload stays within our package limits.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  MAIN_PACKAGE_LIMIT,
  MINIPROGRAM,
  type PackageSize,
  SUBPACKAGE_LIMIT,
  packageSizes,
  subpackageRoots,
} from '../../scripts/compile-miniprogram';

interface Compiled {
  files: [string, number][];
  packages: PackageSize[];
}

/** The compiler runs in its own process (see the script's header); its JSON is the last line of stdout. */
function compile(): Promise<Compiled> {
  return new Promise((resolve, reject) => {
    const script = path.join(__dirname, '../../scripts/compile-miniprogram.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 420_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (code !== 0 || !line)
        reject(new Error(`miniprogram-ci failed (${code}):\n${err.slice(-4000)}${out.slice(-2000)}`));
      else resolve(JSON.parse(line) as Compiled);
    });
  });
}

const appJson = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8'));
const pagesOf = (): string[] => [
  ...appJson.pages,
  ...(appJson.subpackages ?? []).flatMap((s: { root: string; pages: string[] }) =>
    s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`),
  ),
];

describe('miniprogram-ci offline compile', () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compile();
  }, 450_000);

  it('compiles every page of app.json, TypeScript included', () => {
    const files = compiled.files.map(([f]) => f.replace(/^\//, ''));
    expect(files).toContain('app.js');
    expect(files).toContain('app.json');
    for (const page of pagesOf()) {
      for (const ext of ['js', 'json', 'wxml']) expect(files).toContain(`${page}.${ext}`);
    }
    expect(files).toContain('shared/index.js');
    expect(files.some((f) => f.endsWith('.ts'))).toBe(false);
  });

  it('keeps the main package at most 1 MiB and each subpackage at most 1.5 MiB', () => {
    const [main, ...subs] = compiled.packages;
    console.log(compiled.packages.map((p) => `${p.name} ${(p.bytes / 1024).toFixed(1)} KiB`).join(', '));
    expect(main.name).toBe('main');
    expect(main.bytes).toBeGreaterThan(0);
    expect(main.bytes).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
    expect(subs.map((s) => s.name)).toEqual(subpackageRoots());
    for (const sub of subs) expect(sub.bytes).toBeLessThanOrEqual(SUBPACKAGE_LIMIT);
  });

  it('splits files by subpackage root', () => {
    const sizes = packageSizes(
      { 'app.js': 'abc', 'pkg/a/index.js': Buffer.from('12345'), '/pkg/b.js': 'x' },
      ['pkg/'],
    );
    expect(sizes).toEqual([
      { name: 'main', bytes: 3, files: 1 },
      { name: 'pkg/', bytes: 6, files: 2 },
    ]);
  });
});
