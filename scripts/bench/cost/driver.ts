/**
 * Driving the mall through its public actions (the functions' envelopes, `/dev/pay`, timers), and
 * measuring what one business action costs: the database requests the local CloudBase answered while it
 * ran (LocalDatabase.callStats), the transactions it started and the conflicts it met.
 */
import { performance } from 'node:perf_hooks';
import type { CallStats } from '../../../localcloud/db';
import type { LocalCloud } from '../../../localcloud/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- the functions' answers are JSON */

export const ADMIN = 'bench-admin';
export const ADDRESS = { name: '张三', phone: '13800138000', detail: '浙江省杭州市西湖区文三路 1 号' };
export const PRICE_FEN = 20_000;
export const SHIPPING = { carrier: '顺丰速运', trackingNo: 'SF1234567890' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A progress line on stderr every ~10 % (and at the end): `seeding orders 40000/100000…`. */
export function progress(label: string, total: number, quiet = false): { tick(n?: number): void } {
  let count = 0;
  let shown = 0;
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    tick(n = 1) {
      count += n;
      if (quiet) return;
      if (count >= total || count - shown >= step) {
        shown = count;
        process.stderr.write(`  ${label} ${count}/${total}${count >= total ? '' : '…'}\n`);
      }
    },
  };
}

export function note(message: string, quiet = false): void {
  if (!quiet) process.stderr.write(`${message}\n`);
}

/** Runs `work` over the items, `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
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

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Cost {
  /** Database requests, all kinds. */
  calls: number;
  /** The requests by kind (`getDocument`, `startTransaction`, …; zeros left out). */
  byAction: Record<string, number>;
  /** Transactions started (attempts, retries included). */
  tx: number;
  conflicts: number;
  ms: number;
}

function nonZero(stats: CallStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(stats)) {
    if (name !== 'total' && n > 0) out[name.replace(/^database\./, '')] = n;
  }
  return out;
}

/**
 * What `run` cost the database: counters reset before, read after. Nothing else may run against the
 * cloud meanwhile (the bench drives it one action at a time).
 */
export async function measure<T>(
  cloud: LocalCloud,
  run: () => Promise<T>,
): Promise<{ value: T; cost: Cost }> {
  const { database } = cloud.runtime;
  const before = database.transactionStats();
  database.resetCallStats();
  const started = performance.now();
  const value = await run();
  const ms = performance.now() - started;
  const calls = database.callStats();
  const after = database.transactionStats();
  return {
    value,
    cost: {
      calls: calls.total,
      byAction: nonZero(calls),
      tx: after.started - before.started,
      conflicts: after.conflicts - before.conflicts,
      ms,
    },
  };
}

/** The mall as its callers see it: the mini program (an openid), the merchant (ADMIN), WeChat Pay, the timer. */
export class Mall {
  constructor(readonly cloud: LocalCloud) {}

  /** `fn.action` as `openid`: the data, or a throw. Conflicts of the arrangement are retried. */
  async ok(fn: string, action: string, params: Record<string, unknown>, openid: string): Promise<any> {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await this.cloud.call<any>(fn, { ...params, action }, openid);
      if (reply && typeof reply === 'object' && 'ok' in reply) {
        if (reply.ok) return reply.data;
        if (reply.error?.code === 'CONFLICT' && attempt < 50) {
          await sleep(5 + Math.random() * 20);
          continue;
        }
        throw new Error(`${fn}.${action}: ${reply.error?.code} ${reply.error?.message}`);
      }
      throw new Error(`${fn}.${action}: not an envelope: ${JSON.stringify(reply)}`);
    }
  }

  async login(openid: string, inviteCode?: string): Promise<string> {
    const data = await this.ok('user', 'login', inviteCode ? { inviteCode } : {}, openid);
    return data.userId as string;
  }

  /** A user appointed distributor by the merchant (after logging in through `inviteCode`). */
  async distributor(
    openid: string,
    inviteCode?: string,
  ): Promise<{ openid: string; userId: string; inviteCode: string }> {
    const userId = await this.login(openid, inviteCode);
    const data = await this.ok('admin', 'setDistributorStatus', { userId, status: 'active' }, ADMIN);
    return { openid, userId, inviteCode: data.inviteCode as string };
  }

  /** The chain A ← B ← C (A at the top); answers [A, B, C]. */
  async chain(prefix: string): Promise<Array<{ openid: string; userId: string; inviteCode: string }>> {
    const a = await this.distributor(`${prefix}-A`);
    const b = await this.distributor(`${prefix}-B`, a.inviteCode);
    const c = await this.distributor(`${prefix}-C`, b.inviteCode);
    return [a, b, c];
  }

  /** The merchant's configuration the bench relies on: three levels, withdrawals any day. */
  async configure(patch: Record<string, unknown> = {}): Promise<void> {
    await this.ok(
      'admin',
      'updateConfig',
      { config: { levels: 3, withdraw: { days: [] }, ...patch } },
      ADMIN,
    );
  }

  async product(title: string, priceFen = PRICE_FEN): Promise<string> {
    const data = await this.ok('admin', 'upsertProduct', { title, priceFen, stock: 10_000_000 }, ADMIN);
    return data.productId as string;
  }

  async createOrder(openid: string, productIds: string[]): Promise<string> {
    const items = productIds.map((productId) => ({ productId, quantity: 1 }));
    const data = await this.ok('order', 'create', { items, address: ADDRESS }, openid);
    return data.orderId as string;
  }

  /** order.pay (unifiedOrder): the payment WeChat Pay will notify. */
  async requestPayment(openid: string, orderId: string): Promise<void> {
    await this.ok('order', 'pay', { orderId }, openid);
  }

  /**
   * WeChat Pay's success notification (`/dev/pay` → payNotify). A non-zero errcode (e.g. a write conflict
   * with a concurrent payment to the same distributors) is what WeChat Pay answers by sending the
   * notification again: so does this, a few times, then throws.
   */
  async notifyPaid(orderId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await this.cloud.pay<any>(orderId);
      if (reply.status === 200 && reply.body?.errcode === 0) return;
      if (attempt >= 20) {
        throw new Error(`payment notification of ${orderId}: ${reply.status} ${JSON.stringify(reply.body)}`);
      }
      await sleep(10 + Math.random() * 40);
    }
  }

  async ship(orderId: string): Promise<void> {
    await this.ok('admin', 'ship', { orderId, ...SHIPPING }, ADMIN);
  }

  async confirmReceipt(openid: string, orderId: string): Promise<void> {
    await this.ok('order', 'confirmReceipt', { orderId }, openid);
  }

  /** An order created, paid, shipped and received: its return window starts now. */
  async receivedOrder(openid: string, productIds: string[]): Promise<string> {
    const orderId = await this.createOrder(openid, productIds);
    await this.requestPayment(openid, orderId);
    await this.notifyPaid(orderId);
    await this.ship(orderId);
    await this.confirmReceipt(openid, orderId);
    return orderId;
  }

  /**
   * Fires the settle timer until a run reports `complete`: the orders it settled (its `settled` count)
   * and the runs it took.
   */
  async settleAll(maxRuns = 50): Promise<{ settled: number; runs: number }> {
    let settled = 0;
    for (let runs = 1; ; runs += 1) {
      const fired = await this.cloud.fireTimer<any>('settle');
      if (fired.status !== 200 || !fired.body?.ok) throw new Error(`settle: ${JSON.stringify(fired.body)}`);
      const data = fired.body.data ?? {};
      if (typeof data.settled === 'number') settled += data.settled;
      if (data.complete !== false || runs >= maxRuns) return { settled, runs };
    }
  }

  /**
   * Loads a function's bundle into the workers before something is measured, with a call it refuses
   * without touching the database (an unknown action).
   */
  async warm(name: string, workers: number): Promise<void> {
    await Promise.all(
      Array.from({ length: workers }, () =>
        this.cloud.callRaw(name, { action: 'benchWarmUp' }, 'bench-warm-up'),
      ),
    );
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
