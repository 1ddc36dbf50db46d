/**
 * A function instance: a child process that runs one invocation at a time, the way a CloudBase
 * instance does. It loads built function bundles (index.js, `wx-server-sdk` external) on demand and calls
 * `main(event, context)` with the invocation's variables in process.env – wx-server-sdk reads the caller's
 * identity (getWXContext) and its API token from process.env at call time, which is why invocations with
 * different callers need processes of their own.
 *
 * argv[2]: the resolved path of wx-server-sdk, loaded up front so that the first invocation is fast.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createClockDate } from './clockDate';
import type { InvokeMessage, ParentMessage, WorkerMessage } from './protocol';

type Main = (event: unknown, context: Record<string, unknown>) => unknown;

const load = createRequire(__filename);
/** The variables the worker was started with; an invocation's own are set over them while it runs. */
const baseEnv: Record<string, string | undefined> = { ...process.env };
let clockOffsetMs = 0;

globalThis.Date = createClockDate(Date, () => clockOffsetMs);

function send(message: WorkerMessage, then?: () => void): void {
  if (!process.send || !process.connected) {
    then?.();
    return;
  }
  process.send(message, undefined, {}, () => then?.());
}

function fatal(thrown: unknown): void {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  send({ type: 'fatal', message: error.message, stack: error.stack }, () => process.exit(1));
  // If the channel does not drain, exit anyway: the parent treats the exit as a crash.
  setTimeout(() => process.exit(1), 500).unref();
}

// A function that throws outside its promise chain kills its instance on CloudBase too; here the
// parent learns why before the process goes.
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group: the parent decides when workers stop (after draining).
process.on('SIGINT', () => undefined);

/** The keys the running invocation set, removed (or restored) when the next one starts. */
let invocationKeys: string[] = [];

function setInvocationEnv(overlay: Record<string, string>): void {
  for (const key of invocationKeys) {
    if (baseEnv[key] === undefined) delete process.env[key];
    else process.env[key] = baseEnv[key];
  }
  Object.assign(process.env, overlay);
  invocationKeys = Object.keys(overlay);
}

const loaded = new Map<string, { mtimeMs: number; main: Main }>();

/** Loads a bundle, again when it was rebuilt since (so `npm run build` takes effect without a restart). */
function loadMain(file: string): Main {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const cached = loaded.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.main;
  const key = load.resolve(file);
  delete load.cache[key];
  const exported = load(key) as { main?: unknown };
  if (typeof exported.main !== 'function') throw new Error(`${file} does not export a main function`);
  const main = exported.main as Main;
  loaded.set(file, { mtimeMs, main });
  return main;
}

async function invoke(message: InvokeMessage): Promise<void> {
  clockOffsetMs = message.clockOffsetMs;
  setInvocationEnv(message.env);
  try {
    const main = loadMain(message.file);
    const value = await main(message.event, message.context);
    // JSON, as the platform serialises a function's return value (undefined answers null).
    const json = JSON.stringify(value === undefined ? null : value);
    send({ type: 'result', id: message.id, ok: true, json });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    send({ type: 'result', id: message.id, ok: false, message: error.message, stack: error.stack });
  } finally {
    setInvocationEnv({});
  }
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'invoke') void invoke(message);
});

const sdkPath = process.argv[2];
if (sdkPath) load(sdkPath);
send({ type: 'ready' });
