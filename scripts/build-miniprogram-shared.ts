/**
 * Bundles the shared helpers that miniprogram/shared/index.d.ts declares into miniprogram/shared/index.js
 * (CommonJS, ES2017 – what the mini program's base library runs). The export list is read from the .d.ts,
 * so the declarations and the bundle cannot drift apart. The build fails when the bundle would hold zod.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'miniprogram', 'shared');

export async function buildMiniprogramShared(): Promise<string[]> {
  const declarations = fs.readFileSync(path.join(DIR, 'index.d.ts'), 'utf8');
  // every `export { … } from '…';` statement, also when prettier wraps it over several lines
  const reexports = [...declarations.matchAll(/^export \{[^}]*\} from '[^']+';/gm)].map((m) => m[0]);
  const result = await build({
    stdin: { contents: reexports.join('\n'), resolveDir: DIR, sourcefile: 'index.ts', loader: 'ts' },
    outfile: path.join(DIR, 'index.js'),
    bundle: true,
    platform: 'neutral',
    mainFields: ['main', 'module'],
    format: 'cjs',
    target: 'es2017',
    logLevel: 'warning',
    metafile: true,
  });
  // Every byte here counts against the main package's 1 MiB: a helper that drags in a schema library
  // (zod alone is ~400 KiB) belongs in a module of its own.
  const heavy = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/zod\//.test(input));
  if (heavy.length > 0) {
    throw new Error(
      `miniprogram/shared would bundle zod (${heavy[0]}, …): import the helper from a zod-free module`,
    );
  }
  return reexports.flatMap((line) =>
    /\{([^}]*)\}/
      .exec(line)![1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
