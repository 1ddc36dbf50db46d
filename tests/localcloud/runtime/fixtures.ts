/**
 * The fixture functions of the runtime tests, built the way `npm run build` builds the real ones
 * (esbuild, cjs, wx-server-sdk external) into a temporary functions folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const SOURCES = path.join(__dirname, 'fixtures', 'functions');

export async function buildFixtures(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-fixtures-'));
  const names = fs.readdirSync(SOURCES).filter((n) => fs.existsSync(path.join(SOURCES, n, 'index.ts')));
  await Promise.all(
    names.map(async (name) => {
      fs.mkdirSync(path.join(out, name));
      await build({
        entryPoints: [path.join(SOURCES, name, 'index.ts')],
        outfile: path.join(out, name, 'index.js'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node16',
        external: ['wx-server-sdk'],
        logLevel: 'warning',
      });
      // config.json and runtime.json as the build writes them; no runtime.json: CloudBase's 3 s / 256 MB.
      for (const file of ['config.json', 'runtime.json']) {
        const source = path.join(SOURCES, name, file);
        if (fs.existsSync(source)) fs.copyFileSync(source, path.join(out, name, file));
      }
    }),
  );
  return out;
}
