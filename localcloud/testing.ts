/**
 * The local CloudBase for tests: start it on a free port with a temporary DATA_DIR, drive it over HTTP
 * as the mini program and WeChat would, stop it.
 *
 *   const cloud = await startLocalCloud();   // the real build/functions, empty database, timers off
 *   const reply = await cloud.call('user', { action: 'ping' }, 'o-buyer');
 *   await cloud.pay(orderId);  await cloud.advanceClock(7 * DAY_MS);  await cloud.fireTimer('settle');
 *   await cloud.stop();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutboxMessage } from './platform/openapi/outbox';
import type { InvocationRecord } from './runner/runner';
import { type Runtime, type RuntimeOptions, startRuntime } from './runtime';

export interface LocalCloudOptions extends Partial<RuntimeOptions> {
  /** Print what functions print (default: keep it, see `output()`). */
  verbose?: boolean;
}

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
}

export interface LocalCloud {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  runtime: Runtime;
  /** POST /fn/<name> as `openid` (none when omitted): the function's envelope, or the runtime's error body. */
  call<T = unknown>(name: string, event?: Record<string, unknown>, openid?: string | null): Promise<T>;
  /** Like call, with the HTTP status. */
  callRaw<T = unknown>(
    name: string,
    event?: Record<string, unknown>,
    openid?: string | null,
  ): Promise<HttpReply<T>>;
  /** POST /dev/pay: WeChat Pay's success notification for the order's (or out_trade_no's) payment. */
  pay<T = unknown>(order: string | { orderId?: string; outTradeNo?: string }): Promise<HttpReply<T>>;
  /** POST /dev/clock { advanceMs }: the new now. */
  advanceClock(ms: number): Promise<number>;
  /** POST /dev/clock { now }. */
  setClock(epochMs: number): Promise<number>;
  /** The runtime clock's now (what functions see). */
  now(): number;
  /** POST /dev/timer/<name>: the timer function's result. */
  fireTimer<T = unknown>(name: string): Promise<HttpReply<T>>;
  /** GET /dev/outbox: subscribe messages sent so far. */
  outbox(): Promise<OutboxMessage[]>;
  /** Finished invocations, oldest first. */
  invocations(): InvocationRecord[];
  /** Lines the functions printed. */
  output(): string[];
  /** Any request to the gateway. */
  request<T = unknown>(
    method: string,
    pathname: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpReply<T>>;
  /** Stops the runtime and removes the temporary DATA_DIR (one passed in is kept). */
  stop(): Promise<void>;
}

/**
 * Every start not yet stopped, kept on the test file's global: also a start whose caller stopped waiting
 * (a `beforeAll` that timed out) and so never got the cloud to stop. `stopAllLocalClouds` – run after
 * each test file by tests/setup/localcloud.ts – waits for those and stops them, so that no worker process
 * keeps jest from exiting.
 */
const STARTS = Symbol.for('localcloud.testing.starts');
type Starts = Set<Promise<LocalCloud | null>>;

function starts(): Starts {
  const holder = globalThis as unknown as Record<symbol, Starts | undefined>;
  holder[STARTS] ??= new Set();
  return holder[STARTS];
}

/** Stops every local CloudBase started in this test file that is still running, also late starts. */
export async function stopAllLocalClouds(): Promise<void> {
  await Promise.all(
    [...starts()].map(async (start) => {
      const cloud = await start;
      await cloud?.stop();
    }),
  );
}

export function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const starting = start(options);
  const entry = starting.then(
    (cloud) => cloud,
    () => null,
  );
  starts().add(entry);
  // A failed start cleaned up after itself (see start): nothing to stop.
  void entry.then((cloud) => cloud === null && starts().delete(entry));
  return starting.then((cloud) => ({
    ...cloud,
    async stop() {
      await cloud.stop();
      starts().delete(entry);
    },
  }));
}

async function start(options: LocalCloudOptions): Promise<LocalCloud> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  try {
    return await open(options, dataDir, ownDataDir);
  } catch (error) {
    // startRuntime closed what it had opened; the temporary DATA_DIR goes too.
    if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function open(options: LocalCloudOptions, dataDir: string, ownDataDir: boolean): Promise<LocalCloud> {
  const records: InvocationRecord[] = [];
  const lines: string[] = [];
  const runtime = await startRuntime({
    port: 0,
    timers: false,
    seed: false,
    poolSize: 2,
    functionsDir: path.resolve(__dirname, '..', 'build', 'functions'),
    ...options,
    dataDir,
    log: {
      invocation: (record) => records.push(record),
      output: (line, stream, name) => {
        lines.push(`[${name ?? 'worker'}] ${line}`);
        if (options.verbose) process.stderr.write(`[${name ?? 'worker'}] ${line}\n`);
      },
      ...options.log,
    },
  });

  async function request<T>(
    method: string,
    pathname: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpReply<T>> {
    const response = await fetch(`${runtime.url}${pathname}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  const callRaw = <T>(name: string, event: Record<string, unknown> = {}, openid?: string | null) =>
    request<T>('POST', `/fn/${encodeURIComponent(name)}`, event, openid ? { 'x-openid': openid } : {});

  return {
    url: runtime.url,
    dataDir,
    runtime,
    call: async <T>(name: string, event?: Record<string, unknown>, openid?: string | null) =>
      (await callRaw<T>(name, event, openid)).body,
    callRaw,
    pay: <T>(order: string | { orderId?: string; outTradeNo?: string }) =>
      request<T>('POST', '/dev/pay', typeof order === 'string' ? { orderId: order } : order),
    advanceClock: async (ms) =>
      (await request<{ now: number }>('POST', '/dev/clock', { advanceMs: ms })).body.now,
    setClock: async (epochMs) =>
      (await request<{ now: number }>('POST', '/dev/clock', { now: epochMs })).body.now,
    now: () => runtime.clock.now(),
    fireTimer: <T>(name: string) => request<T>('POST', `/dev/timer/${encodeURIComponent(name)}`),
    outbox: async () => (await request<{ messages: OutboxMessage[] }>('GET', '/dev/outbox')).body.messages,
    invocations: () => [...records],
    output: () => [...lines],
    request,
    async stop() {
      await runtime.close();
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
