/**
 * Bundles the shared helpers that miniprogram/shared/index.d.ts declares into miniprogram/shared/index.js
 * (CommonJS, ES2017 – what the mini program's base library runs). The export list is read from the .d.ts,
 * so the declarations and the bundle cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'miniprogram', 'shared');

export async function buildMiniprogramShared(): Promise<string[]> {
  const declarations = fs.readFileSync(path.join(DIR, 'index.d.ts'), 'utf8');
  const reexports = declarations.split('\n').filter((line) => line.startsWith('export {'));
  await build({
    stdin: { contents: reexports.join('\n'), resolveDir: DIR, sourcefile: 'index.ts', loader: 'ts' },
    outfile: path.join(DIR, 'index.js'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    format: 'cjs',
    target: 'es2017',
    logLevel: 'warning',
  });
  return reexports.flatMap((line) =>
    /\{([^}]*)\}/
      .exec(line)![1]
      .split(',')
      .map((s) => s.trim()),
  );
}
