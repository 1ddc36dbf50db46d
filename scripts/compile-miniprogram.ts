/**
 * The official compiler's verdict on the mini program, offline: miniprogram-ci (the compiler extracted from
 * WeChat DevTools) checks app.json and every page and component, compiles the TypeScript with the official
 * plugin and packs what WeChat would upload. `getCompiledResult` would ask WeChat's servers for the
 * project's attributes; `DefaultProjectAttr` (the ones it assumes) keeps it offline. No key is needed to
 * compile. Needs `npm run build` first (miniprogram_npm, miniprogram/shared/index.js).
 *
 *   npx tsx scripts/compile-miniprogram.ts          # package sizes against our limits
 *   npx tsx scripts/compile-miniprogram.ts --json   # { files: [name, bytes][], packages } on stdout
 *
 * Compiling takes 10 s to 3 min (babel and minification of every used tdesign component, on a busy
 * machine). The compiler forks worker processes that outlive the call: the script exits itself when done, and
 * tests run it as a child process (loaded inside jest's module registry it never finishes).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const MINIPROGRAM = path.join(ROOT, 'miniprogram');

/** WeChat's limits: the main package 2 MB, a subpackage 2 MB; ours are stricter, to leave room. */
export const MAIN_PACKAGE_LIMIT = 1024 * 1024;
export const SUBPACKAGE_LIMIT = 1.5 * 1024 * 1024;

export interface PackageSize {
  /** `main` or the subpackage's root. */
  name: string;
  bytes: number;
  files: number;
}

export interface Compiled {
  files: Record<string, string | Buffer>;
  packages: PackageSize[];
}

interface AppJson {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
  subPackages?: { root: string; pages: string[] }[];
}

export function subpackageRoots(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson;
  return (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
}

/** Splits compiled files (paths relative to the mini program root) into the main package and subpackages. */
export function packageSizes(files: Record<string, string | Buffer>, roots: string[]): PackageSize[] {
  const sizes = new Map<string, PackageSize>([['main', { name: 'main', bytes: 0, files: 0 }]]);
  for (const root of roots) sizes.set(root, { name: root, bytes: 0, files: 0 });
  for (const [file, content] of Object.entries(files)) {
    const root = roots.find((r) => file.replace(/^\//, '').startsWith(r)) ?? 'main';
    const entry = sizes.get(root)!;
    entry.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    entry.files++;
  }
  return [...sizes.values()];
}

export async function compileMiniprogram(): Promise<Compiled> {
  /* eslint-disable @typescript-eslint/no-require-imports -- miniprogram-ci is CommonJS with loose typings */
  const ci = require('miniprogram-ci');
  const { DefaultProjectAttr } = require('miniprogram-ci/dist/config/config');
  // The list of file extensions a package may hold is fetched from WeChat (servicewechat.com) and falls
  // back to the built-in list when that fails – after a DNS timeout that can take minutes offline. Offline
  // we answer the built-in list at once.
  const whiteExt = require('miniprogram-ci/dist/utils/white_ext_list');
  whiteExt.getWhiteExtList = async () => ({
    GameWhiteList: new Set(whiteExt.GameWhiteList),
    MiniProgramWhiteList: new Set(whiteExt.MiniProgramWhiteList),
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline-compile-only', // read only when uploading
    ignores: ['node_modules/**/*'],
  });
  project.attr = async () => DefaultProjectAttr;
  const files: Record<string, string | Buffer> = await ci.getCompiledResult({
    project,
    desc: 'offline compile check',
    setting: { useProjectConfig: true },
    onProgressUpdate: () => undefined,
  });
  return { files, packages: packageSizes(files, subpackageRoots()) };
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  compileMiniprogram().then(
    ({ files, packages }) => {
      if (json) {
        const list = Object.entries(files).map(([name, c]) => [
          name,
          typeof c === 'string' ? Buffer.byteLength(c) : c.length,
        ]);
        process.stdout.write(`${JSON.stringify({ files: list, packages })}\n`, () => process.exit(0));
        return;
      }
      console.log(`${Object.keys(files).length} files`);
      for (const p of packages) {
        const limit = p.name === 'main' ? MAIN_PACKAGE_LIMIT : SUBPACKAGE_LIMIT;
        console.log(
          `${p.name}: ${(p.bytes / 1024).toFixed(1)} KiB in ${p.files} files (limit ${limit / 1024} KiB)`,
        );
      }
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
