/**
 * `npm run build`: everything that gets deployed or run, with a line of progress per step.
 *  1. every cloud function bundled by esbuild into build/functions/<name>/ (index.js, package.json,
 *     config.json, runtime.json) – the folder WeChat DevTools (cloudfunctionRoot) or the CloudBase CLI
 *     deploys as it is;
 *  2. build/cloudbaserc.json for `tcb fn deploy`, with each function's timeout and memory;
 *  3. the local CloudBase runtime into build/localcloud/;
 *  4. the mini program's npm packages into miniprogram/miniprogram_npm/ (what DevTools' "build npm" does);
 *  5. the shared helpers the mini program runs into miniprogram/shared/index.js;
 *  6. the dashboard's chart library (ECharts, tree-shaken) into the admin subpackage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import {
  FUNCTIONS_OUT,
  FUNCTIONS_SRC,
  type FunctionRuntime,
  ROOT,
  listFunctions,
  readFunctionConfig,
  readRuntimes,
} from './function-config';
import { buildEcharts } from './build-echarts';
import { buildMiniprogramShared } from './build-miniprogram-shared';
import { packMiniprogramNpm } from './pack-miniprogram-npm';

const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const SDK_VERSION: string = rootPackage.devDependencies['wx-server-sdk'];
/** CloudBase's Node.js runtime that the bundles target. */
const NODE_RUNTIME = { esbuild: 'node16', cloudbase: 'Nodejs16.13' };

function step(message: string): void {
  process.stdout.write(`[build] ${message}\n`);
}

async function buildFunction(name: string, runtime: FunctionRuntime): Promise<void> {
  const src = path.join(FUNCTIONS_SRC, name);
  const out = path.join(FUNCTIONS_OUT, name);
  const config = readFunctionConfig(src);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(src, 'index.ts')],
    outfile: path.join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: NODE_RUNTIME.esbuild,
    external: ['wx-server-sdk'],
    // A linked map keeps index.js readable in the CloudBase console and stack traces mappable.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  const pkg = {
    name,
    version: rootPackage.version,
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': SDK_VERSION },
  };
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  // What the local runner runs it with, and what to set in the console when DevTools deploys the folder.
  fs.writeFileSync(path.join(out, 'runtime.json'), JSON.stringify(runtime, null, 2) + '\n');
  const size = fs.statSync(path.join(out, 'index.js')).size;
  step(
    `function ${name}: ${(size / 1024).toFixed(0)} KiB, ${runtime.timeout} s, ${runtime.memorySize} MB` +
      (config.triggers ? `, timer ${config.triggers[0].config}` : ''),
  );
}

function writeCloudbaserc(names: string[], runtimes: Record<string, FunctionRuntime>): void {
  const functions = names.map((name) => {
    const config = readFunctionConfig(path.join(FUNCTIONS_SRC, name));
    return {
      name,
      timeout: runtimes[name].timeout,
      memorySize: runtimes[name].memorySize,
      runtime: NODE_RUNTIME.cloudbase,
      installDependency: true,
      handler: 'index.main',
      ...(config.triggers ? { triggers: config.triggers } : {}),
    };
  });
  const rc = { version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: './functions', functions };
  fs.writeFileSync(path.join(ROOT, 'build', 'cloudbaserc.json'), JSON.stringify(rc, null, 2) + '\n');
  step('build/cloudbaserc.json for the CloudBase CLI');
}

async function buildLocalcloud(): Promise<void> {
  const dir = path.join(ROOT, 'localcloud');
  const entries = ['main.ts', 'runner/worker.ts']
    .map((f) => path.join(dir, f))
    .filter((f) => fs.existsSync(f));
  if (entries.length === 0) {
    step('local CloudBase: not there yet');
    return;
  }
  await build({
    entryPoints: entries,
    outdir: path.join(ROOT, 'build', 'localcloud'),
    outbase: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  step(`local CloudBase: ${entries.map((e) => path.relative(dir, e)).join(', ')}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const names = listFunctions();
  step(`${names.length} cloud functions: ${names.join(', ')}`);
  const runtimes = readRuntimes(names);
  for (const name of names) await buildFunction(name, runtimes[name]);
  writeCloudbaserc(names, runtimes);
  await buildLocalcloud();
  const packed = packMiniprogramNpm();
  step(`miniprogram_npm: ${packed.join(', ') || 'nothing to pack'}`);
  const shared = await buildMiniprogramShared();
  step(`miniprogram/shared: ${shared.join(', ')}`);
  step(`admin chart library (ECharts): ${((await buildEcharts()) / 1024).toFixed(0)} KiB`);
  step(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error('[build] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
