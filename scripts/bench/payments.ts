/**
 * The money path under concurrency (a benchmark, not a test – keep it out of `npm test`):
 *
 *   npx tsx scripts/bench/payments.ts [--buyers 200] [--concurrency 1,4,8,16] [--pool 8]
 *                                     [--scenarios shared,spread] [--no-build]
 *                                     [--functions before=/tmp/base/build/functions,after=build/functions]
 *
 * Each run starts a fresh local CloudBase (localcloud/testing.ts: the real function bundles, the real
 * wx-server-sdk, snapshot-isolation transactions with first-writer-wins conflicts) with `--pool` warm
 * workers, arranges a product and the buyers through the real functions (user.login with invite codes,
 * admin.setDistributorStatus, order.create, order.pay), then times three phases:
 *
 *  1. payments  – WeChat Pay's success notification (`/dev/pay` → payNotify) for every order, C at a
 *                 time. `failed` = payNotify answered a non-zero errcode (WeChat Pay would send it
 *                 again; the benchmark then redelivers those one by one, untimed, so that every order is
 *                 paid for the next phases);
 *  2. settle    – every order shipped, the clock moved past receipt and the return window, the settle
 *                 timer fired until it reports `complete` (auto-confirm + settle of every order; one
 *                 invocation working sequentially, so C does not apply);
 *  3. withdraw  – every level-1 distributor applies for 10 yuan, C at a time (`spread` only: in `shared`
 *                 there are three distributors).
 *
 * Scenarios: `shared` – one chain A ← B ← C ← D and every buyer invited by D, so every payment moves
 * the same three accounts (the worst case: one distributor's balance must change one payment at a time);
 * `spread` – every buyer under a chain of its own, so that the documents payments share are only the
 * mall-wide ones. `tx` = transactions started (attempts), `conflicts` = write conflicts, both counted by
 * the local database (LocalDatabase.transactionStats), with the collections they happened on. Each run
 * ends with admin.audit, which must find the money consistent.
 *
 * Numbers depend on the machine (and on a shared one, on the neighbours): compare runs made together.
 * `--functions label=dir,…` runs each configuration once per set of built functions, one after the other
 * (e.g. another commit's `build/functions`, made with `git archive <commit> | tar -x -C /tmp/base`, a
 * node_modules symlink and `npx tsx scripts/build.ts` there), so that before and after share the
 * machine's mood. The latest numbers are in database/README.md (Statistics under concurrency).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TransactionStats } from '../../localcloud/db';
import { type LocalCloud, startLocalCloud } from '../../localcloud/testing';
import type { Envelope } from '../../shared/errors';
import { DAY_MS, HOUR_MS } from '../../shared/time';

/* eslint-disable @typescript-eslint/no-explicit-any -- the functions' answers are JSON */

const ADMIN = 'bench-admin';
const PRICE_FEN = 20_000;
const WITHDRAW_FEN = 1_000;
const ARRANGE_CONCURRENCY = 8;
const ADDRESS = { name: '张三', phone: '13800138000', detail: '浙江省杭州市西湖区文三路 1 号' };

type Scenario = 'shared' | 'spread';

interface Options {
  buyers: number;
  concurrency: number[];
  pool: number;
  scenarios: Scenario[];
  build: boolean;
  /** Sets of built functions to compare (default: this repository's build/functions). */
  builds: Array<{ label: string; dir: string }>;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    buyers: 200,
    concurrency: [1, 4, 8, 16],
    pool: 8,
    scenarios: ['shared', 'spread'],
    build: true,
    builds: [{ label: 'this', dir: path.resolve(__dirname, '..', '..', 'build', 'functions') }],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      const next = argv[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const list = (text: string) => text.split(',').map((s) => s.trim());
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: not a positive integer: ${text}`);
      return n;
    };
    if (flag === '--buyers') options.buyers = positive(value());
    else if (flag === '--concurrency') options.concurrency = list(value()).map(positive);
    else if (flag === '--pool') options.pool = positive(value());
    else if (flag === '--scenarios') {
      options.scenarios = list(value()).map((s) => {
        if (s !== 'shared' && s !== 'spread') throw new Error(`unknown scenario ${s}`);
        return s;
      });
    } else if (flag === '--no-build') options.build = false;
    else if (flag === '--functions') {
      options.builds = list(value()).map((item) => {
        const [label, dir] = item.includes('=') ? item.split('=', 2) : [item, item];
        return { label, dir: path.resolve(dir) };
      });
    } else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------
// Progress and small helpers

function progress(label: string, total: number): { tick(): void; done(note?: string): void } {
  let count = 0;
  let shown = -1;
  const tty = process.stderr.isTTY;
  const show = () => {
    if (tty) process.stderr.write(`\r  ${label} ${count}/${total}`);
    else if (Math.floor((count * 4) / total) > shown) {
      shown = Math.floor((count * 4) / total);
      process.stderr.write(`  ${label} ${count}/${total}\n`);
    }
  };
  return {
    tick() {
      count += 1;
      if (tty || count === total || count % Math.max(1, Math.floor(total / 4)) === 0) show();
    },
    done(note = '') {
      if (tty) process.stderr.write(`\r  ${label} ${count}/${total}${note ? ` – ${note}` : ''}\n`);
      else if (note) process.stderr.write(`  ${label}: ${note}\n`);
    },
  };
}

/** Runs `work` over the items, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function diffStats(before: TransactionStats, after: TransactionStats): TransactionStats {
  const byCollection: Record<string, number> = {};
  for (const [name, n] of Object.entries(after.conflictsByCollection)) {
    const d = n - (before.conflictsByCollection[name] ?? 0);
    if (d > 0) byCollection[name] = d;
  }
  return {
    started: after.started - before.started,
    committed: after.committed - before.committed,
    conflicts: after.conflicts - before.conflicts,
    conflictsByCollection: byCollection,
  };
}

// ---------------------------------------------------------------------------------------------------
// Arrangement through the functions

class Bench {
  constructor(readonly cloud: LocalCloud) {}

  /** `fn.action` as `openid`; the data, or a throw. Conflicts of the arrangement itself are retried. */
  async ok(fn: string, action: string, params: Record<string, unknown>, openid: string): Promise<any> {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await this.cloud.call<Envelope<any>>(fn, { ...params, action }, openid);
      if (reply && typeof reply === 'object' && 'ok' in reply) {
        if (reply.ok) return reply.data;
        if (reply.error.code === 'CONFLICT' && attempt < 50) {
          await sleep(5 + Math.random() * 20);
          continue;
        }
        throw new Error(`${fn}.${action}: ${reply.error.code} ${reply.error.message}`);
      }
      throw new Error(`${fn}.${action}: not an envelope: ${JSON.stringify(reply)}`);
    }
  }

  async login(openid: string, inviteCode?: string): Promise<string> {
    const data = await this.ok('user', 'login', inviteCode ? { inviteCode } : {}, openid);
    return data.userId as string;
  }

  /** A logged-in user appointed distributor by the merchant: its userId and invite code. */
  async distributor(openid: string, inviteCode?: string): Promise<{ userId: string; inviteCode: string }> {
    const userId = await this.login(openid, inviteCode);
    const data = await this.ok('admin', 'setDistributorStatus', { userId, status: 'active' }, ADMIN);
    return { userId, inviteCode: data.inviteCode as string };
  }

  /** A chain of three distributors (top first); answers the level-1 one (the last). */
  async chain(prefix: string, openids: Map<string, string>): Promise<{ userId: string; inviteCode: string }> {
    let code: string | undefined;
    let last: { userId: string; inviteCode: string } | null = null;
    for (const name of ['X', 'Y', 'Z']) {
      const openid = `${prefix}-${name}`;
      last = await this.distributor(openid, code);
      openids.set(last.userId, openid);
      code = last.inviteCode;
    }
    return last as { userId: string; inviteCode: string };
  }
}

interface Arranged {
  orders: string[];
  /** userId → openid of every distributor. */
  distributors: Map<string, string>;
}

async function arrange(bench: Bench, scenario: Scenario, buyers: number): Promise<Arranged> {
  const product = await bench.ok(
    'admin',
    'upsertProduct',
    { title: '压测商品', priceFen: PRICE_FEN, stock: 10_000_000 },
    ADMIN,
  );
  const distributors = new Map<string, string>();
  const shared = scenario === 'shared' ? await bench.chain('shared', distributors) : null;
  const orders: string[] = [];
  const bar = progress(`arranging ${scenario} buyers (login, order.create, order.pay)`, buyers);
  await pool(
    Array.from({ length: buyers }, (_, i) => i),
    ARRANGE_CONCURRENCY,
    async (i) => {
      const level1 = shared ?? (await bench.chain(`chain${i}`, distributors));
      const openid = `buyer-${i}`;
      await bench.login(openid, level1.inviteCode);
      const created = await bench.ok(
        'order',
        'create',
        { items: [{ productId: product.productId, quantity: 1 }], address: ADDRESS },
        openid,
      );
      await bench.ok('order', 'pay', { orderId: created.orderId }, openid);
      orders.push(created.orderId);
      bar.tick();
    },
  );
  bar.done();
  return { orders, distributors };
}

// ---------------------------------------------------------------------------------------------------
// Phases

/**
 * Loads a function's bundle into every worker before a phase is timed, with calls it refuses without
 * writing anything (a mini program may not call payNotify; an unknown action; not an admin).
 */
async function warm(cloud: LocalCloud, name: string, workers: number): Promise<void> {
  await Promise.all(
    Array.from({ length: workers * 2 }, () => cloud.callRaw(name, { action: 'warmUp' }, 'bench-warm-up')),
  );
}

interface PhaseResult {
  ops: number;
  ok: number;
  failed: number;
  wallMs: number;
  latencies: number[];
  tx: TransactionStats;
  note: string;
}

async function measured(
  cloud: LocalCloud,
  run: () => Promise<{ ops: number; ok: number; failed: number; latencies: number[]; note?: string }>,
): Promise<PhaseResult> {
  const before = cloud.runtime.database.transactionStats();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const tx = diffStats(before, cloud.runtime.database.transactionStats());
  return { note: '', ...result, wallMs, tx };
}

async function payPhase(
  cloud: LocalCloud,
  orders: string[],
  concurrency: number,
  workers: number,
): Promise<PhaseResult> {
  await warm(cloud, 'payNotify', workers);
  const failedOrders: string[] = [];
  const bar = progress(`payments, ${concurrency} at a time`, orders.length);
  const result = await measured(cloud, async () => {
    const latencies: number[] = [];
    await pool(orders, concurrency, async (orderId) => {
      const t0 = performance.now();
      const reply = await cloud.pay<{ errcode?: number }>(orderId);
      latencies.push(performance.now() - t0);
      if (reply.status !== 200 || reply.body?.errcode !== 0) failedOrders.push(orderId);
      bar.tick();
    });
    return {
      ops: orders.length,
      ok: orders.length - failedOrders.length,
      failed: failedOrders.length,
      latencies,
    };
  });
  bar.done();
  // What WeChat Pay does with a non-zero errcode: it sends the notification again (here at once).
  let redelivered = 0;
  for (const orderId of failedOrders) {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await cloud.pay<{ errcode?: number }>(orderId);
      if (reply.status === 200 && reply.body?.errcode === 0) break;
      if (attempt >= 10) throw new Error(`payment of ${orderId} still fails: ${JSON.stringify(reply)}`);
    }
    redelivered += 1;
  }
  const paid = cloud.runtime.database.count('orders', { status: 'paid' });
  if (paid !== orders.length) throw new Error(`${paid} of ${orders.length} orders paid`);
  const errors = cloud.runtime.database.count('paymentNotices', { outcome: 'error' });
  return { ...result, note: redelivered ? `${redelivered} redelivered (${errors} error notices)` : '' };
}

async function settlePhase(bench: Bench, orders: string[], workers: number): Promise<PhaseResult> {
  const { cloud } = bench;
  await warm(cloud, 'settle', workers);
  const bar = progress('shipping', orders.length);
  await pool(orders, ARRANGE_CONCURRENCY, async (orderId) => {
    await bench.ok('admin', 'ship', { orderId, carrier: '顺丰速运', trackingNo: 'SF1234567890' }, ADMIN);
    bar.tick();
  });
  bar.done();
  // Past auto-confirmation (7 days after shipping) and the return window (7 more days).
  await cloud.advanceClock(14 * DAY_MS + HOUR_MS);
  process.stderr.write('  settle timer…\n');
  return measured(cloud, async () => {
    let settled = 0;
    let failed = 0;
    let runs = 0;
    const latencies: number[] = [];
    for (;;) {
      const t0 = performance.now();
      const fired = await cloud.fireTimer<Envelope<any>>('settle');
      latencies.push(performance.now() - t0);
      runs += 1;
      if (fired.status !== 200 || !fired.body.ok) throw new Error(`settle: ${JSON.stringify(fired.body)}`);
      settled += fired.body.data.settled as number;
      failed += fired.body.data.failed as number;
      if (fired.body.data.complete || runs >= 20) break;
    }
    return { ops: orders.length, ok: settled, failed, latencies, note: `${runs} settle run(s)` };
  });
}

async function withdrawPhase(
  bench: Bench,
  distributors: Map<string, string>,
  concurrency: number,
  workers: number,
): Promise<PhaseResult> {
  const { cloud } = bench;
  await warm(cloud, 'withdraw', workers);
  const eligible = cloud.runtime.database
    .find('accounts', { availableFen: { $gte: 2 * WITHDRAW_FEN } })
    .map((a) => distributors.get(a._id as string))
    .filter((openid): openid is string => openid !== undefined);
  const bar = progress(`withdrawals, ${concurrency} at a time`, eligible.length);
  const codes = new Map<string, number>();
  const result = await measured(cloud, async () => {
    const latencies: number[] = [];
    let ok = 0;
    await pool(eligible, concurrency, async (openid) => {
      const t0 = performance.now();
      const reply = await cloud.call<Envelope<any>>(
        'withdraw',
        { action: 'apply', amountFen: WITHDRAW_FEN, method: 'wechat' },
        openid,
      );
      latencies.push(performance.now() - t0);
      if (reply.ok) ok += 1;
      else codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
      bar.tick();
    });
    return { ops: eligible.length, ok, failed: eligible.length - ok, latencies };
  });
  bar.done();
  return { ...result, note: [...codes].map(([code, n]) => `${n} ${code}`).join(', ') };
}

// ---------------------------------------------------------------------------------------------------
// One run and the report

interface Row {
  build: string;
  scenario: Scenario;
  phase: 'payments' | 'settle' | 'withdraw';
  concurrency: number | null;
  result: PhaseResult;
}

async function runOnce(
  options: Options,
  { label: buildLabel, dir }: { label: string; dir: string },
  scenario: Scenario,
  concurrency: number,
): Promise<Row[]> {
  const label = options.builds.length > 1 ? `${buildLabel}: ` : '';
  process.stderr.write(
    `\n[bench] ${label}${scenario}, ${options.buyers} buyers, concurrency ${concurrency}\n`,
  );
  const cloud = await startLocalCloud({
    adminOpenids: ADMIN,
    poolSize: options.pool,
    seed: false,
    functionsDir: dir,
  });
  const rows: Row[] = [];
  try {
    const bench = new Bench(cloud);
    const { orders, distributors } = await arrange(bench, scenario, options.buyers);
    const build = buildLabel;
    rows.push({
      build,
      scenario,
      phase: 'payments',
      concurrency,
      result: await payPhase(cloud, orders, concurrency, options.pool),
    });
    rows.push({
      build,
      scenario,
      phase: 'settle',
      concurrency: null,
      result: await settlePhase(bench, orders, options.pool),
    });
    if (scenario === 'spread') {
      const result = await withdrawPhase(bench, distributors, concurrency, options.pool);
      rows.push({ build, scenario, phase: 'withdraw', concurrency, result });
    }
    const audit = await bench.ok('admin', 'audit', {}, ADMIN);
    if (!audit.ok) throw new Error(`audit: ${JSON.stringify(audit.problems.slice(0, 5))}`);
    const dashboard = await bench.ok('admin', 'dashboard', {}, ADMIN);
    if (dashboard.totals.orders !== orders.length) {
      throw new Error(`dashboard counts ${dashboard.totals.orders} orders, not ${orders.length}`);
    }
    process.stderr.write('  audit ok, dashboard counts every order\n');
  } finally {
    await cloud.stop();
  }
  return rows;
}

function conflictSummary(tx: TransactionStats): string {
  const entries = Object.entries(tx.conflictsByCollection).sort((a, b) => b[1] - a[1]);
  return entries.map(([name, n]) => `${name} ${n}`).join(', ') || '–';
}

function table(rows: Row[], withBuild: boolean): string {
  const header = [
    'build',
    'scenario',
    'phase',
    'C',
    'ops',
    'ok',
    'failed',
    'wall s',
    'ops/s',
    'p50 ms',
    'p95 ms',
    'tx',
    'conflicts',
    'conflicts on',
    'note',
  ];
  const lines = rows.map(({ build, scenario, phase, concurrency, result: r }) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return [
      build,
      scenario,
      phase,
      concurrency === null ? '–' : String(concurrency),
      String(r.ops),
      String(r.ok),
      String(r.failed),
      (r.wallMs / 1000).toFixed(2),
      ((r.ok / r.wallMs) * 1000).toFixed(1),
      percentile(sorted, 50).toFixed(0),
      percentile(sorted, 95).toFixed(0),
      String(r.tx.started),
      String(r.tx.conflicts),
      conflictSummary(r.tx),
      r.note,
    ];
  });
  const shown = (cells: string[]) => (withBuild ? cells : cells.slice(1));
  const widths = shown(header).map((h, i) => Math.max(h.length, ...lines.map((l) => shown(l)[i].length)));
  const row = (cells: string[]) =>
    `| ${shown(cells)
      .map((c, i) => c.padEnd(widths[i]))
      .join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [row(header), rule, ...lines.map(row)].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) {
    const built = spawnSync('npx', ['tsx', path.join(__dirname, '..', 'build.ts')], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('build failed');
  }
  const rows: Row[] = [];
  for (const scenario of options.scenarios) {
    for (const concurrency of options.concurrency) {
      for (const build of options.builds)
        rows.push(...(await runOnce(options, build, scenario, concurrency)));
    }
  }
  console.log(
    `\nbuyers ${options.buyers}, worker pool ${options.pool}, price ${PRICE_FEN / 100} yuan, ` +
      `${process.platform} ${process.arch}, ${os.cpus().length} CPUs, node ${process.version}\n`,
  );
  console.log(table(rows, options.builds.length > 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
