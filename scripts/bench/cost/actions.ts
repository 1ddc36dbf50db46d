/**
 * The cost of each business action, on a fresh local CloudBase arranged through the real functions:
 * chain A ← B ← C of distributors appointed by the merchant, 20 products, buyers invited by C. Each
 * action is measured alone (counters reset before, read after), `samples` times; the median is kept.
 */
import { startLocalCloud } from '../../../localcloud/testing';
import { DAY_MS, HOUR_MS } from '../../../shared/time';
import { CALL_TARGETS } from './targets';
import { ADMIN, type Cost, Mall, measure, median, note, pool, progress } from './driver';

export interface ActionOptions {
  /** Measurements per action (the median is reported). */
  samples: number;
  /** Lines of the orders whose payment notification is measured. */
  lines: number[];
  /** Due orders the settle timer settles in the amortised measurement. */
  settleBatch: number;
  poolSize: number;
  quiet?: boolean;
}

export interface ActionResult {
  id: string;
  label: string;
  /** Median database calls (per order for `per: 'order'`). */
  calls: number;
  /** Median transactions started (per order likewise). */
  tx: number;
  conflicts: number;
  byAction: Record<string, number>;
  target: number | null;
  pass: boolean | null;
  /** 'call' – one action; 'order' – amortised over the orders settled. */
  per: 'call' | 'order';
  samples: Cost[];
  note?: string;
}

function result(
  id: string,
  label: string,
  samples: Cost[],
  extra: { per?: 'call' | 'order'; divisor?: number; note?: string } = {},
): ActionResult {
  const divisor = extra.divisor ?? 1;
  const round = (n: number) => Math.round((n / divisor) * 10) / 10;
  const calls = round(median(samples.map((s) => s.calls)));
  const target = CALL_TARGETS[id] ?? null;
  // The requests by kind of the sample closest to the median.
  const typical = [...samples].sort(
    (a, b) => Math.abs(a.calls - calls * divisor) - Math.abs(b.calls - calls * divisor),
  )[0];
  const byAction: Record<string, number> = {};
  for (const [name, n] of Object.entries(typical?.byAction ?? {})) byAction[name] = round(n);
  return {
    id,
    label,
    calls,
    tx: round(median(samples.map((s) => s.tx))),
    conflicts: samples.reduce((sum, s) => sum + s.conflicts, 0),
    byAction,
    target,
    pass: target === null ? null : calls <= target,
    per: extra.per ?? 'call',
    samples,
    ...(extra.note ? { note: extra.note } : {}),
  };
}

export async function measureActions(options: ActionOptions): Promise<ActionResult[]> {
  const quiet = options.quiet ?? false;
  note('[bench] business actions: starting a fresh local CloudBase', quiet);
  const cloud = await startLocalCloud({ adminOpenids: ADMIN, poolSize: options.poolSize, seed: false });
  const results: ActionResult[] = [];
  try {
    const mall = new Mall(cloud);
    await mall.configure();
    const [a, b, c] = await mall.chain('chain');
    const products: string[] = [];
    const maxLines = Math.max(1, ...options.lines);
    const bar = progress('products', maxLines, quiet);
    for (let i = 0; i < maxLines; i += 1) {
      products.push(await mall.product(`压测商品 ${i + 1}`));
      bar.tick();
    }
    for (const fn of ['user', 'order', 'payNotify', 'admin', 'settle', 'withdraw'])
      await mall.warm(fn, options.poolSize);
    // A deployed mall's timer has run (every 10 minutes): among other upkeep it has created the
    // statistics shards, which a money transaction then increments with one call.
    await mall.settleAll();

    // Login of new users through C's invite code: they are the buyers.
    const buyers: string[] = [];
    const loginCosts: Cost[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      const openid = `buyer-${i}`;
      const { cost } = await measure(cloud, () => mall.login(openid, c.inviteCode));
      loginCosts.push(cost);
      buyers.push(openid);
    }
    results.push(result('login', 'login, new user with invite code', loginCosts));
    const buyer = (i: number) => buyers[i % buyers.length];

    // order.create (1 line) and, for scale, 20 lines.
    const created: string[] = [];
    const createCosts: Cost[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      const { value, cost } = await measure(cloud, () => mall.createOrder(buyer(i), products.slice(0, 1)));
      created.push(value);
      createCosts.push(cost);
    }
    results.push(result('order.create', 'order.create, 1 line', createCosts));
    if (maxLines > 1) {
      const costs: Cost[] = [];
      for (let i = 0; i < options.samples; i += 1) {
        costs.push(
          (await measure(cloud, () => mall.createOrder(buyer(i), products.slice(0, maxLines)))).cost,
        );
      }
      results.push(result('order.create.20', `order.create, ${maxLines} lines`, costs));
    }

    // The payment notification of a three-level order (buyer ← C ← B ← A), by number of lines.
    const paid: Array<{ openid: string; orderId: string }> = [];
    for (const lines of options.lines) {
      const costs: Cost[] = [];
      for (let i = 0; i < options.samples; i += 1) {
        const openid = buyer(i);
        const orderId =
          lines === 1 && created[i] ? created[i] : await mall.createOrder(openid, products.slice(0, lines));
        await mall.requestPayment(openid, orderId);
        costs.push((await measure(cloud, () => mall.notifyPaid(orderId))).cost);
        paid.push({ openid, orderId });
      }
      results.push(
        result(
          `payNotify.${lines}`,
          `payment notification, ${lines} line${lines > 1 ? 's' : ''}, 3 levels`,
          costs,
        ),
      );
    }

    // Shipping (merchant) and confirming receipt (buyer) of the paid orders.
    const shipCosts: Cost[] = [];
    const confirmCosts: Cost[] = [];
    for (const { openid, orderId } of paid) {
      shipCosts.push((await measure(cloud, () => mall.ship(orderId))).cost);
      confirmCosts.push((await measure(cloud, () => mall.confirmReceipt(openid, orderId))).cost);
    }
    results.push(result('admin.ship', 'admin.ship', shipCosts));
    results.push(result('confirmReceipt', 'order.confirmReceipt', confirmCosts));

    // Those orders (1 to 20 lines) settled first, unmeasured: the batch below is of 1-line orders only.
    await cloud.advanceClock(8 * DAY_MS + HOUR_MS);
    await mall.settleAll();

    // Settlement amortised over a batch of due 1-line orders, received (nothing left to auto-confirm).
    const barOrders = progress('due orders (create, pay, ship, confirm)', options.settleBatch, quiet);
    await pool(
      Array.from({ length: options.settleBatch }, (_v, i) => i),
      4,
      async (i) => {
        await mall.receivedOrder(buyer(i), products.slice(0, 1));
        barOrders.tick();
      },
    );
    // Past the return window (7 days by default; 8 covers it).
    await cloud.advanceClock(8 * DAY_MS + HOUR_MS);
    const { value: settled, cost: settleCost } = await measure(cloud, () => mall.settleAll());
    const orders = settled.settled || options.settleBatch;
    results.push(
      result('settle.perOrder', `settlement, per order (${orders} due orders, settle timer)`, [settleCost], {
        per: 'order',
        divisor: orders,
        note: `${settleCost.calls} calls, ${settled.runs} run(s) for ${orders} orders`,
      }),
    );

    // Withdrawals: C, B and A apply (each has settled commission); the merchant approves.
    const withdrawals: string[] = [];
    const applyCosts: Cost[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      const who = [c, b, a][i % 3];
      const { value, cost } = await measure(cloud, () =>
        mall.ok('withdraw', 'apply', { amountFen: 1000, method: 'wechat' }, who.openid),
      );
      applyCosts.push(cost);
      withdrawals.push(value.withdrawalId as string);
    }
    results.push(result('withdraw.apply', 'withdraw.apply', applyCosts));
    const approveCosts: Cost[] = [];
    for (const withdrawalId of withdrawals) {
      approveCosts.push(
        (
          await measure(cloud, () =>
            mall.ok('admin', 'reviewWithdrawal', { withdrawalId, approve: true }, ADMIN),
          )
        ).cost,
      );
    }
    results.push(result('withdraw.approve', 'admin.reviewWithdrawal (approve)', approveCosts));

    // The merchant's dashboard, default period and 90 days.
    for (const [id, params, label] of [
      ['admin.dashboard', {}, 'admin.dashboard (30 days)'],
      ['admin.dashboard.90', { days: 90 }, 'admin.dashboard (90 days)'],
    ] as const) {
      const costs: Cost[] = [];
      for (let i = 0; i < options.samples; i += 1) {
        costs.push((await measure(cloud, () => mall.ok('admin', 'dashboard', params, ADMIN))).cost);
      }
      results.push(result(id, label, costs));
    }
  } finally {
    await cloud.stop();
  }
  return results;
}
