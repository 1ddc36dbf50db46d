/**
 * The local CloudBase put together: the clock, the database, the API transport with every service
 * registered, the function runner, the platform adapters, the timers and the gateway – started by
 * `npm start` (main.ts) and by tests (testing.ts).
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ActionRegistry, createApiHandler } from './api';
import { createDatabase, type LocalDatabase } from './db';
import { createGatewayServer } from './gateway/server';
import { createPlatform, type Platform } from './platform';
import { type TransferKeys, generateTransferKeys, transferFunctionEnv } from './platform/transfer/keys';
import { TransferStandIn } from './platform/transfer/standIn';
import { FunctionCatalog } from './runner/catalog';
import { workerEnv } from './runner/environment';
import { InvocationRegistry } from './runner/invocations';
import { sdkLocation, workerLaunch } from './runner/launch';
import { WorkerPool } from './runner/pool';
import { FunctionRunner, type InvocationRecord } from './runner/runner';
import { PersistedClock } from './timers/persistedClock';
import { TimerScheduler } from './timers/scheduler';
import { DEFAULT_SEED_PATH, type SeedSummary, seedData } from './seed/seed';

export interface RuntimeLog {
  /** One line per finished invocation. */
  invocation(record: InvocationRecord): void;
  /** A line a function printed. */
  output(line: string, stream: 'stdout' | 'stderr', functionName: string | null): void;
  /** Something went wrong in the runtime itself. */
  error(message: string, error?: unknown): void;
}

export interface RuntimeOptions {
  /** Port to listen on; 0 = any free port (default 3000). */
  port?: number;
  host?: string;
  /** Where everything durable lives: database, files, payments, outbox, clock offset. */
  dataDir: string;
  /** Built functions, one folder each (default build/functions of the working directory). */
  functionsDir?: string;
  /** The functions' ADMIN_OPENIDS (default `dev-admin`). */
  adminOpenids?: string;
  /** Further variables every function sees. */
  functionEnv?: Record<string, string>;
  /**
   * WeChat Pay's merchant transfer stand-in (platform/transfer): off by default; `true` generates its
   * keys, or pass them (tests). Every function then sees the WXPAY_TRANSFER_* variables that point at it
   * (those of functionEnv win).
   */
  wechatTransfer?: boolean | TransferKeys;
  envId?: string;
  appId?: string;
  /** Warm worker processes (default 4). */
  poolSize?: number;
  /**
   * Milliseconds added to every CloudBase API request (database and platform), default 0 – `LATENCY_MS`
   * of `npm start`. Makes chatty code show its cost in tests and benchmarks (NOTES.md §2.7).
   */
  latencyMs?: number;
  /** Fire timer triggers on the clock (default true). /dev/timer works either way. */
  timers?: boolean;
  timerTickMs?: number;
  /**
   * Demo data: `'if-empty'` (default) seeds a DATA_DIR that had nothing in it, true seeds whatever is
   * there (documents whose _id exists are skipped), false never.
   */
  seed?: 'if-empty' | boolean;
  /** The seed file (default database/seed.json). */
  seedFile?: string;
  log?: Partial<RuntimeLog>;
}

export interface Runtime {
  /** `http://<host>:<port>` */
  url: string;
  port: number;
  dataDir: string;
  clock: PersistedClock;
  database: LocalDatabase;
  runner: FunctionRunner;
  timers: TimerScheduler;
  platform: Platform;
  /** WeChat Pay's merchant transfer stand-in, or null when off. */
  transfer: TransferStandIn | null;
  /** What was seeded at this start, or null. */
  seeded: SeedSummary | null;
  /** Worker processes alive, busy, and calls waiting for one. */
  stats(): { workers: number; busy: number; queued: number };
  /** Stops timers, drains the workers, closes the server and the database. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  adminOpenids: 'dev-admin',
  envId: 'local',
  /** The placeholder AppID of project.config.json. */
  appId: 'wx0000000000000000',
  poolSize: 4,
} as const;

const consoleLog: RuntimeLog = {
  invocation: () => undefined,
  output: (line, stream, name) =>
    (stream === 'stderr' ? process.stderr : process.stdout).write(`[${name ?? 'worker'}] ${line}\n`),
  error: (message, error) => console.error(message, error ?? ''),
};

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log: RuntimeLog = { ...consoleLog, ...options.log };
  const dataDir = path.resolve(options.dataDir);
  const wasEmpty = !fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  const envId = options.envId ?? DEFAULTS.envId;
  const appId = options.appId ?? DEFAULTS.appId;
  const host = options.host ?? DEFAULTS.host;

  const clock = new PersistedClock(path.join(dataDir, 'clock.json'));
  const database = createDatabase({ dataDir, clock });
  // Whatever is opened below is closed again if a later step of the start throws: a failed start leaves
  // no worker process, socket or database handle behind (a test that gave up on it could not close it).
  let pool: WorkerPool | undefined;
  let timers: TimerScheduler | undefined;
  let server: http.Server | undefined;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await timers?.stop();
      await pool?.close();
      const listening = server;
      if (listening?.listening) {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          // The SDKs' keep-alive sockets would otherwise hold close() for seconds.
          listening.closeAllConnections();
        });
      }
      database.close();
    })();
    return closing;
  };

  try {
    const catalog = new FunctionCatalog(
      path.resolve(options.functionsDir ?? path.join('build', 'functions')),
    );
    const invocations = new InvocationRegistry();
    let url = '';
    const publicUrl = (): string => url;

    const { nodeModules } = sdkLocation();
    // Workers start once the server listens: their environment holds the API's URL.
    const workers = new WorkerPool({
      size: options.poolSize ?? DEFAULTS.poolSize,
      burst: 4,
      launch: (memoryMb) =>
        workerLaunch(
          workerEnv(process.env, { apiUrl: `${url}/admin`, envId, nodePath: [nodeModules] }),
          memoryMb,
        ),
      clockOffsetMs: () => clock.offset(),
      onOutput: log.output,
      drainMs: 10_000,
    });
    pool = workers;
    // Filled in further once the server listens (the transfer variables hold its URL); read per call.
    const functionEnv: Record<string, string> = {
      ADMIN_OPENIDS: options.adminOpenids ?? DEFAULTS.adminOpenids,
      ...options.functionEnv,
    };
    const transferKeys =
      options.wechatTransfer === true
        ? generateTransferKeys(appId)
        : options.wechatTransfer
          ? options.wechatTransfer
          : null;
    const transfer = transferKeys
      ? new TransferStandIn(transferKeys, clock, path.join(dataDir, 'transfers.json'))
      : null;
    const runner = new FunctionRunner({
      catalog,
      pool: workers,
      invocations,
      appId,
      envId,
      functionEnv,
      onInvocation: log.invocation,
    });
    const platform = createPlatform({ dataDir, envId, appId, clock, runner, invocations, publicUrl });
    const registry = new ActionRegistry();
    database.register(registry);
    platform.register(registry);
    const scheduler = new TimerScheduler({
      catalog,
      runner,
      clock,
      tickMs: options.timerTickMs,
      onError: (message) => log.error(`[timers] ${message}`),
    });
    timers = scheduler;
    server = createGatewayServer({
      adminHandler: createApiHandler(registry, {
        logger: { error: log.error },
        latencyMs: options.latencyMs ?? 0,
      }),
      runner,
      clock,
      timers: scheduler,
      bucket: platform.bucket,
      notifier: platform.notifier,
      outbox: platform.outbox,
      transfer,
      envId,
      onError: log.error,
    });

    const port = await listen(server, options.port ?? DEFAULTS.port, host);
    url = `http://${host}:${port}`;
    if (transferKeys) {
      for (const [key, value] of Object.entries(transferFunctionEnv(transferKeys, url))) {
        if (options.functionEnv?.[key] === undefined) functionEnv[key] = value;
      }
    }
    let seeded: SeedSummary | null = null;
    const seed = options.seed ?? 'if-empty';
    if (seed === true || (seed === 'if-empty' && wasEmpty)) {
      seeded = seedData({
        file: options.seedFile ?? DEFAULT_SEED_PATH,
        database,
        bucket: platform.bucket,
        clock,
        filesUrl: `${url}/files`,
      });
    }
    await workers.warm();
    if (options.timers ?? true) scheduler.start();

    return {
      url,
      port,
      dataDir,
      clock,
      database,
      runner,
      timers: scheduler,
      platform,
      transfer,
      seeded,
      stats: () => workers.stats(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
