/**
 * Where the cloud functions are and what the build needs to know about them: `cloudfunctions/<name>/`
 * with `index.ts` and WeChat's `config.json`, and the one declaration of each function's timeout and
 * memory, `functions.runtime.json`. The folder contract itself (schemas, defaults, how the runner reads
 * a built folder) is the runtime's, localcloud/runner/functionConfig.ts: tools depend on the runtime,
 * never the reverse.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type FunctionRuntime,
  type FunctionRuntimeDeclaration,
  parseFunctionRuntime,
  resolveRuntime,
} from '../localcloud/runner/functionConfig';

export {
  OPENAPI_NAMES,
  RUNTIME_DEFAULTS,
  type FunctionConfig,
  type FunctionRuntime,
  functionConfigSchema,
  functionRuntimeSchema,
  readFunctionConfig,
} from '../localcloud/runner/functionConfig';

export const ROOT = path.resolve(__dirname, '..');
export const FUNCTIONS_SRC = path.join(ROOT, 'cloudfunctions');
export const FUNCTIONS_OUT = path.join(ROOT, 'build', 'functions');
/**
 * Timeout and memory per function, for both deploy paths: the build copies them into
 * build/functions/<name>/runtime.json (the local runner, and what to set in the console when deploying
 * from WeChat DevTools) and build/cloudbaserc.json (`tcb fn deploy`). A function it does not name gets
 * CloudBase's defaults, 3 s and 256 MB. WeChat's config.json cannot hold these (NOTES.md §7.2).
 */
export const RUNTIME_MANIFEST = path.join(ROOT, 'functions.runtime.json');

/** Folders under cloudfunctions/ that are shared code, not functions. */
const NOT_FUNCTIONS = new Set(['common']);

export function listFunctions(): string[] {
  return fs
    .readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_FUNCTIONS.has(d.name))
    .map((d) => d.name)
    .sort();
}

/**
 * The manifest, validated: an object of function name → `{ timeout?, memorySize? }`, every name a
 * function of `names` (a typo would otherwise silently leave a function at 3 s).
 */
export function parseRuntimeManifest(
  value: unknown,
  names: string[],
  where = RUNTIME_MANIFEST,
): Record<string, FunctionRuntimeDeclaration> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${where}: must be an object of function name → { timeout?, memorySize? }`);
  }
  const out: Record<string, FunctionRuntimeDeclaration> = {};
  for (const [name, declared] of Object.entries(value)) {
    if (!names.includes(name)) throw new Error(`${where}: ${name} is not a function (${names.join(', ')})`);
    out[name] = parseFunctionRuntime(declared, `${where} ${name}`);
  }
  return out;
}

/** Every function's timeout and memory: its declaration, CloudBase's defaults for the rest. */
export function readRuntimes(names: string[] = listFunctions()): Record<string, FunctionRuntime> {
  const manifest = fs.existsSync(RUNTIME_MANIFEST)
    ? parseRuntimeManifest(JSON.parse(fs.readFileSync(RUNTIME_MANIFEST, 'utf8')), names)
    : {};
  return Object.fromEntries(names.map((name) => [name, resolveRuntime(manifest[name])]));
}
