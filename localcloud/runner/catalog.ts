/**
 * The built functions the runtime can run: `<functionsDir>/<name>/index.js` plus its `config.json`
 * (openapi permissions, timer trigger) and `runtime.json` (timeout, memory), read fresh on each lookup so
 * that a rebuild while the runtime runs is picked up. The built folder is the only source: what the build
 * wrote there is what the deployment gives the function (runner/functionConfig.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type FunctionConfig, readBuiltConfig, readBuiltRuntime } from './functionConfig';

export interface FunctionInfo {
  name: string;
  /** Absolute path of the bundle. */
  file: string;
  config: FunctionConfig;
  timeoutMs: number;
  /** The heap limit of the process that runs it (CloudBase's memory setting). */
  memoryMb: number;
}

/** What CloudBase accepts as a function name; anything else in a URL is not a function. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export class FunctionCatalog {
  private readonly dir: string;

  constructor(functionsDir: string) {
    this.dir = path.resolve(functionsDir);
  }

  get directory(): string {
    return this.dir;
  }

  /**
   * The function, or undefined when there is no built bundle of that name. Throws on a bad config.json
   * or runtime.json.
   */
  get(name: string): FunctionInfo | undefined {
    if (!FUNCTION_NAME.test(name)) return undefined;
    const folder = path.join(this.dir, name);
    const file = path.join(folder, 'index.js');
    if (!fs.existsSync(file)) return undefined;
    const runtime = readBuiltRuntime(folder);
    return {
      name,
      file,
      config: readBuiltConfig(folder),
      timeoutMs: runtime.timeout * 1000,
      memoryMb: runtime.memorySize,
    };
  }

  /** Names of every built function, sorted. */
  list(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(this.dir, entry.name, 'index.js')))
      .map((entry) => entry.name)
      .filter((name) => FUNCTION_NAME.test(name))
      .sort();
  }
}
