/**
 * `npm start`: the local CloudBase on PORT (default 3000) with its data in DATA_DIR (default .data) and
 * the functions of build/functions. Prints where it listens and how to point the mini program at it,
 * then one line per invocation. Ctrl-C (SIGINT) or SIGTERM drains the workers and closes the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { InvocationRecord } from './runner/runner';
import { DEFAULTS, type Runtime, startRuntime } from './runtime';

function functionsDir(): string {
  // Bundled: build/localcloud/main.js, functions in build/functions. From sources: the working directory's.
  const beside = path.resolve(__dirname, '..', 'functions');
  return fs.existsSync(beside) ? beside : path.resolve('build', 'functions');
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

function logInvocation(record: InvocationRecord): void {
  const what = record.action ? `${record.name}.${record.action}` : record.name;
  const source = record.source === 'wx_client' ? '' : ` (${record.source})`;
  const caller = record.openid ?? '-';
  console.log(
    `${time()} ${what.padEnd(28)} ${caller.padEnd(16)} ${`${record.ms}ms`.padStart(7)}  ${record.outcome}${source}`,
  );
}

function banner(runtime: Runtime, adminOpenids: string, latencyMs: number): string {
  const functions = runtime.runner.catalog.list();
  const timers = runtime.timers.list().map((t) => `${t.functionName} (${t.cron.source})`);
  const offsetDays = runtime.clock.offset() / 86_400_000;
  const lines = [
    '',
    `local CloudBase listening on ${runtime.url}`,
    `  data        ${runtime.dataDir}`,
    `  functions   ${functions.join(', ') || 'none – run npm run build'}`,
    `  timers      ${timers.join(', ') || 'none'}`,
    `  admins      ${adminOpenids} (ADMIN_OPENIDS)`,
    ...(latencyMs > 0 ? [`  latency     ${latencyMs} ms per CloudBase API request (LATENCY_MS)`] : []),
    `  clock       ${new Date(runtime.clock.now()).toISOString()}` +
      (offsetDays === 0 ? '' : ` (${offsetDays.toFixed(2)} days from real time, kept in clock.json)`),
  ];
  if (runtime.seeded) {
    const docs = Object.entries(runtime.seeded.documents).map(([c, n]) => `${n} ${c}`);
    lines.push(`  seeded      ${docs.join(', ')}, ${runtime.seeded.files} pictures (database/seed.json)`);
  }
  lines.push(
    '',
    'Mini program (miniprogram/config.ts):',
    `  mode: 'local', localUrl: '${runtime.url}', localOpenid: 'dev-buyer'   (or '${adminOpenids.split(',')[0]}' for the admin pages)`,
    '  WeChat DevTools: 详情 → 本地设置 → tick 不校验合法域名',
    '',
    'Dev endpoints:',
    `  POST ${runtime.url}/fn/<name>          body = event, header x-openid = caller`,
    `  POST ${runtime.url}/dev/pay            { orderId } or { outTradeNo }: WeChat Pay's success notification`,
    `  POST ${runtime.url}/dev/clock          { advanceMs } or { now }`,
    `  POST ${runtime.url}/dev/timer/<name>   fire a timer trigger now`,
    `  GET  ${runtime.url}/dev/outbox         subscribe messages sent`,
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const adminOpenids = process.env.ADMIN_OPENIDS || DEFAULTS.adminOpenids;
  const latencyMs = process.env.LATENCY_MS ? Number(process.env.LATENCY_MS) : 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`LATENCY_MS must be a number of milliseconds ≥ 0, not ${process.env.LATENCY_MS}`);
  const runtime = await startRuntime({
    port,
    latencyMs,
    dataDir: process.env.DATA_DIR || '.data',
    functionsDir: functionsDir(),
    adminOpenids,
    // `PAYOUT_WECHAT_TRANSFER=cloud npm start`: WeChat transfers against the local stand-in (keys made now).
    ...(process.env.PAYOUT_WECHAT_TRANSFER === 'cloud'
      ? { wechatTransfer: true, functionEnv: { PAYOUT_WECHAT_TRANSFER: 'cloud' } }
      : {}),
    log: { invocation: logInvocation },
  });
  console.log(banner(runtime, adminOpenids, latencyMs));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing running calls, closing the database…`);
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('[localcloud] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
