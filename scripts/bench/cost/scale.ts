/**
 * Scale tests: does the time of an action grow with the data stored? Each is measured with a small and
 * a tenfold store, and the ratio of the median times is compared with its target (targets.ts).
 *
 *  - settle:    `due` orders made due through the real functions (create, pay, ship, confirm) and
 *               settled by the settle timer, among `sizes` stored orders in all – the others completed
 *               orders cloned (clone.ts) from one that a real flow completed, with its commissions, ledger
 *               entries and notices, spread over the past 90 days;
 *  - dashboard: admin.dashboard for 90 days with the same stores, plus earning accounts (one per ten
 *               orders, cloned from a real distributor's user and account, money scaled per clone),
 *               pending applicants (one per ten accounts) and 90 days of daily statistics (both sizes).
 *
 * The arrangement is made once in a base DATA_DIR; each size is a copy of it plus its bulk inserts;
 * each timed settlement runs on a fresh copy of that (the settlement changes what it settles), so the
 * repetitions are alike. Every copy starts its own local CloudBase (warm workers, nothing else running).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { DAY_MS, HOUR_MS, beijingDateKey } from '../../../shared/time';
import { type TemplateDoc, documentsOf, earliestInstant, freshToken, insertClones } from './clone';
import { ADMIN, Mall, measure, median, note, pool, progress } from './driver';
import { RATIO_TARGETS } from './targets';

export interface ScaleOptions {
  /** Orders made due through the functions and settled. */
  due: number;
  /** Orders stored in all, small and large. */
  sizes: [number, number];
  /** Earning accounts per stored order. */
  accountsPerOrder: number;
  /** Timed settlements per size (median). */
  settleReps: number;
  /** Timed dashboards per size (median). */
  dashboardReps: number;
  poolSize: number;
  /** Concurrent arrangement calls. */
  concurrency: number;
  quiet?: boolean;
}

export interface ScaleSide {
  /** Orders stored. */
  orders: number;
  accounts: number;
  /** Median wall time of one repetition. */
  ms: number;
  samplesMs: number[];
  /** Database calls of one repetition (median). */
  calls: number;
  tx: number;
}

export interface ScaleResult {
  id: string;
  label: string;
  small: ScaleSide;
  large: ScaleSide;
  /** large.ms / small.ms */
  ratio: number;
  callsRatio: number;
  target: number;
  pass: boolean;
  note?: string;
}

interface Base {
  dir: string;
  templateOrderId: string;
  orderTemplates: TemplateDoc[];
  accountTemplates: TemplateDoc[];
  applicantTemplates: TemplateDoc[];
  dailyTemplates: TemplateDoc[];
  dailyToken: string;
  dueOrders: number;
}

async function withCloud<T>(
  dataDir: string,
  poolSize: number,
  run: (cloud: LocalCloud) => Promise<T>,
): Promise<T> {
  const cloud = await startLocalCloud({ dataDir, adminOpenids: ADMIN, poolSize, seed: false });
  try {
    return await run(cloud);
  } finally {
    await cloud.stop();
  }
}

function copyDir(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
}

/** The arrangement shared by both sizes: made through the functions, templates picked for cloning. */
async function arrangeBase(options: ScaleOptions, dir: string): Promise<Base> {
  const quiet = options.quiet ?? false;
  note(`[bench] scale: arranging ${options.due} due orders through the functions`, quiet);
  return withCloud(dir, options.poolSize, async (cloud) => {
    const mall = new Mall(cloud);
    await mall.configure();
    const productId = await mall.product('压测商品');
    const chains = [];
    for (let i = 0; i < 4; i += 1) chains.push(await mall.chain(`chain${i}`));
    const buyers: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const openid = `buyer-${i}`;
      await mall.login(openid, chains[i % chains.length][2].inviteCode);
      buyers.push(openid);
    }
    // The template: one order through its whole life, settled by the timer (completed).
    const templateOrderId = await mall.receivedOrder(buyers[0], [productId]);
    await cloud.advanceClock(8 * DAY_MS + HOUR_MS);
    await mall.settleAll();
    // A pending distributor application (the dashboard counts them).
    const applicant = await mall.login('applicant');
    await mall.ok('distributor', 'apply', {}, 'applicant');

    const bar = progress('due orders (create, pay, ship, confirm)', options.due, quiet);
    await pool(
      Array.from({ length: options.due }, (_v, i) => i),
      options.concurrency,
      async (i) => {
        await mall.receivedOrder(buyers[i % buyers.length], [productId]);
        bar.tick();
      },
    );
    const dailyToken = beijingDateKey(cloud.now());
    await cloud.advanceClock(8 * DAY_MS + HOUR_MS);

    const { database } = cloud.runtime;
    const orderTemplates = documentsOf(database, templateOrderId, { referencing: true });
    const accountTemplates = documentsOf(database, chains[0][2].userId);
    const applicantTemplates = documentsOf(database, applicant);
    const dailyTemplates = documentsOf(database, dailyToken);
    const describe = (templates: TemplateDoc[]) => {
      const counts = new Map<string, number>();
      for (const t of templates) counts.set(t.collection, (counts.get(t.collection) ?? 0) + 1);
      return [...counts].map(([name, n]) => `${name} ${n}`).join(', ') || 'none';
    };
    note(
      `  templates: order – ${describe(orderTemplates)}; distributor – ${describe(accountTemplates)}`,
      quiet,
    );
    note(
      `  applicant – ${describe(applicantTemplates)}; day ${dailyToken} – ${describe(dailyTemplates)}`,
      quiet,
    );
    if (orderTemplates.length === 0 || accountTemplates.length === 0)
      throw new Error('no templates to clone');
    return {
      dir,
      templateOrderId,
      orderTemplates,
      accountTemplates,
      applicantTemplates,
      dailyTemplates,
      dailyToken,
      dueOrders: options.due,
    };
  });
}

const randomBetween = (low: number, high: number) => low + Math.random() * (high - low);

/** Bulk inserts of clones up to `orders` stored orders (and the accounts, applicants, days that go with them). */
function seed(
  cloud: LocalCloud,
  base: Base,
  orders: number,
  options: ScaleOptions,
): { orders: number; accounts: number } {
  const quiet = options.quiet ?? false;
  const { database } = cloud.runtime;
  const now = cloud.now();
  const massOrders = Math.max(0, orders - database.count('orders'));
  const orderAnchor = earliestInstant(base.orderTemplates);
  const started = performance.now();
  const bar = progress('seeding orders', massOrders, quiet);
  let done = 0;
  const docs = insertClones(
    database,
    base.orderTemplates,
    massOrders,
    () => ({
      token: base.templateOrderId,
      replacement: freshToken(base.templateOrderId),
      // The whole life of a clone (created … completed, ~16 days) lies within the past 90 days.
      shiftMs: Math.round(now - randomBetween(17 * DAY_MS, 90 * DAY_MS) - orderAnchor),
    }),
    (n) => {
      bar.tick(n - done);
      done = n;
    },
  );
  note(
    `  ${docs} documents for ${massOrders} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    quiet,
  );

  const accounts = Math.round(orders * options.accountsPerOrder);
  const massAccounts = Math.max(0, accounts - database.count('accounts'));
  const userToken = String(base.accountTemplates[0].doc._id);
  const accountAnchor = earliestInstant(base.accountTemplates);
  const accountBar = progress('seeding earning accounts', massAccounts, quiet);
  done = 0;
  insertClones(
    database,
    base.accountTemplates,
    massAccounts,
    () => ({
      token: userToken,
      replacement: freshToken(userToken),
      shiftMs: Math.round(now - randomBetween(0, 90 * DAY_MS) - accountAnchor),
      moneyFactor: 1 + Math.floor(Math.random() * 5000),
    }),
    (n) => {
      accountBar.tick(n - done);
      done = n;
    },
  );

  if (base.applicantTemplates.length > 0) {
    const applicantToken = String(base.applicantTemplates[0].doc._id);
    const anchor = earliestInstant(base.applicantTemplates);
    const applicants = Math.max(0, Math.round(accounts / 10) - 1);
    insertClones(database, base.applicantTemplates, applicants, () => ({
      token: applicantToken,
      replacement: freshToken(applicantToken),
      shiftMs: Math.round(now - randomBetween(0, 30 * DAY_MS) - anchor),
    }));
    note(`  seeded ${applicants} pending applicants`, quiet);
  }

  if (base.dailyTemplates.length > 0) {
    // 90 days of daily documents, every day that has none yet.
    const existing = new Set<string>();
    for (const collection of new Set(base.dailyTemplates.map((t) => t.collection))) {
      for (const doc of database.find(collection)) existing.add(String(doc._id));
    }
    const dayOf = (i: number) => beijingDateKey(now - i * DAY_MS);
    const days = Array.from({ length: 90 }, (_v, i) => i).filter((i) =>
      base.dailyTemplates.every(
        (t) => !existing.has(String(t.doc._id).split(base.dailyToken).join(dayOf(i))),
      ),
    );
    const tokenTime = Date.parse(`${base.dailyToken}T00:00:00+08:00`);
    insertClones(database, base.dailyTemplates, days.length, (k) => ({
      token: base.dailyToken,
      replacement: dayOf(days[k]),
      shiftMs: Date.parse(`${dayOf(days[k])}T00:00:00+08:00`) - tokenTime,
    }));
    note(`  seeded daily documents for ${days.length} days`, quiet);
  }
  return { orders: database.count('orders'), accounts: database.count('accounts') };
}

interface SizeMeasurement {
  settle: ScaleSide;
  dashboard: ScaleSide;
}

async function measureSize(
  base: Base,
  size: number,
  workDir: string,
  options: ScaleOptions,
): Promise<SizeMeasurement> {
  const quiet = options.quiet ?? false;
  const dir = path.join(workDir, `size-${size}`);
  copyDir(base.dir, dir);
  note(`[bench] scale: ${size} orders stored`, quiet);
  const dashboard = await withCloud(dir, options.poolSize, async (cloud) => {
    const stored = seed(cloud, base, size, options);
    const mall = new Mall(cloud);
    await mall.warm('admin', options.poolSize);
    // One untimed call: SQLite's page cache and the function's module state as in normal operation.
    await mall.ok('admin', 'dashboard', { days: 90 }, ADMIN);
    const samples: Array<{ ms: number; calls: number; tx: number }> = [];
    const bar = progress(`dashboard (90 days) × ${options.dashboardReps}`, options.dashboardReps, quiet);
    for (let r = 0; r < options.dashboardReps; r += 1) {
      const { cost } = await measure(cloud, () => mall.ok('admin', 'dashboard', { days: 90 }, ADMIN));
      samples.push(cost);
      bar.tick();
    }
    return side(stored, samples);
  });
  const settleSamples: Array<{ ms: number; calls: number; tx: number }> = [];
  for (let r = 0; r < options.settleReps; r += 1) {
    const runDir = path.join(workDir, `run-${size}`);
    copyDir(dir, runDir);
    try {
      await withCloud(runDir, options.poolSize, async (cloud) => {
        const mall = new Mall(cloud);
        await mall.warm('settle', options.poolSize);
        const started = performance.now();
        const { value, cost } = await measure(cloud, () => mall.settleAll());
        const ms = performance.now() - started;
        if (value.settled && value.settled < base.dueOrders) {
          throw new Error(`settled ${value.settled} of ${base.dueOrders} due orders`);
        }
        settleSamples.push({ ...cost, ms });
        note(
          `  settlement ${r + 1}/${options.settleReps}: ${value.settled} orders, ${value.runs} run(s), ${(ms / 1000).toFixed(1)} s, ${cost.calls} calls`,
          quiet,
        );
      });
    } finally {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { settle: side(dashboard, settleSamples), dashboard };
}

function side(
  stored: { orders: number; accounts: number },
  samples: Array<{ ms: number; calls: number; tx: number }>,
): ScaleSide {
  return {
    orders: stored.orders,
    accounts: stored.accounts,
    ms: Math.round(median(samples.map((s) => s.ms)) * 10) / 10,
    samplesMs: samples.map((s) => Math.round(s.ms * 10) / 10),
    calls: median(samples.map((s) => s.calls)),
    tx: median(samples.map((s) => s.tx)),
  };
}

function compare(id: string, label: string, small: ScaleSide, large: ScaleSide): ScaleResult {
  const ratio = Math.round((large.ms / small.ms) * 100) / 100;
  const target = RATIO_TARGETS[id];
  return {
    id,
    label,
    small,
    large,
    ratio,
    callsRatio: Math.round((large.calls / Math.max(1, small.calls)) * 100) / 100,
    target,
    pass: ratio <= target,
  };
}

export async function measureScale(options: ScaleOptions): Promise<ScaleResult[]> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  try {
    const base = await arrangeBase(options, path.join(workDir, 'base'));
    const small = await measureSize(base, options.sizes[0], workDir, options);
    const large = await measureSize(base, options.sizes[1], workDir, options);
    return [
      compare(
        'scale.settle',
        `settle ${options.due} due orders, ${options.sizes[0]} vs ${options.sizes[1]} stored`,
        small.settle,
        large.settle,
      ),
      compare(
        'scale.dashboard',
        `admin.dashboard 90 days, ${options.sizes[0]} vs ${options.sizes[1]} orders (${small.dashboard.accounts} vs ${large.dashboard.accounts} accounts)`,
        small.dashboard,
        large.dashboard,
      ),
    ];
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
