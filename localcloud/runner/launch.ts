/**
 * How to start a worker process from wherever the runtime runs: from the bundle of `npm start`
 * (build/localcloud/main.js next to runner/worker.js) or from the TypeScript sources (tests, tsx), where
 * the worker is worker.ts run through tsx's require hook.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkerLaunch } from './pool';

export interface WorkerScript {
  script: string;
  execArgv: string[];
}

export function workerScript(): WorkerScript {
  const candidates = [path.join(__dirname, 'worker.js'), path.join(__dirname, 'runner', 'worker.js')];
  const built = candidates.find((file) => fs.existsSync(file));
  if (!__filename.endsWith('.ts') && built) return { script: built, execArgv: [] };
  const source = path.join(__dirname, 'worker.ts');
  if (!fs.existsSync(source)) throw new Error(`no worker script next to ${__filename} (run npm run build)`);
  return { script: source, execArgv: ['--require', require.resolve('tsx/cjs')] };
}

/** Where the functions' `require('wx-server-sdk')` is found: the runtime's own copy. */
export function sdkLocation(): { sdkPath: string; nodeModules: string } {
  const sdkPath = require.resolve('wx-server-sdk');
  return { sdkPath, nodeModules: path.resolve(path.dirname(sdkPath), '..') };
}

/**
 * A worker for functions with `memoryMb` of memory: its V8 heap is capped there, so a function that
 * needs more dies of it (FUNCTION_CRASHED, "out of memory") as it would on CloudBase (NOTES.md §7.3).
 */
export function workerLaunch(env: Record<string, string>, memoryMb: number): WorkerLaunch {
  const { script, execArgv } = workerScript();
  return {
    script,
    execArgv: [...execArgv, `--max-old-space-size=${memoryMb}`],
    env,
    sdkPath: sdkLocation().sdkPath,
    memoryMb,
  };
}
