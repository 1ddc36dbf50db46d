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
      fs.copyFileSync(path.join(SOURCES, name, 'config.json'), path.join(out, name, 'config.json'));
    }),
  );
  return out;
}

/** Short timeouts keep the timeout test fast; everything else gets the default. */
export function fixtureTimeoutMs(name: string): number {
  return name === 'slow' ? 1500 : 10_000;
}
