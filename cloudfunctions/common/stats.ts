/**
 * Statistics kept as events happen, so that the dashboard reads a handful of documents whatever the
 * number of orders: the figures of each Beijing day (`statsDaily`) and the running totals of the mall
 * (`statsTotals`, including the four balances mirrored from the ledger by ledger.ts postLedger). Always
 * bumped inside the transaction of the event itself, so a figure moves exactly when the event happens.
 *
 * Sharded. Every money transaction of the mall (payment, settlement, refund, withdrawal) moves the
 * totals, and under snapshot isolation two transactions that write one document conflict: with a single
 * totals document every payment of the mall queued on it (scripts/bench/payments.ts measures it). So each
 * figure is kept in STATS_SHARDS documents – totals in `statsTotals/all:<k>`, a day's figures in
 * `statsDaily/<YYYY-MM-DD>:<k>` – and a transaction bumps (`_.inc`) the shard picked by a hash of its
 * shard key, what the event is about (the order, the withdrawal, the user): its retries land on the same
 * shard, and the totals and the day it bumps are one shard of each. A figure is the sum over its shards;
 * only the sum means anything (a shard's available balance may well be negative: a withdrawal, keyed by
 * itself, freezes money that settlements, keyed by their orders, added to other shards). Readers sum with
 * `readTotals` / `readDaily`.
 */
import type { Balances } from '../../shared/ledger';
import { beijingDateKey } from '../../shared/time';
import { COLLECTIONS, _, type Doc, type Transaction, db } from './db';

/**
 * Shards per figure: more shards, fewer conflicts, more documents for the dashboard to read (up to
 * STATS_SHARDS per day shown). 16 halved the conflicts of 8 in scripts/bench/payments.ts.
 */
export const STATS_SHARDS = 16;

/** At most this many documents per query (CloudBase's limit for get). */
const QUERY_LIMIT = 1000;

export interface DailyFigures {
  /** Orders paid (all orders, distribution or not). */
  orders: number;
  /** Paid amount of those orders. */
  salesFen: number;
  /** Orders paid that carry commission. */
  distributionOrders: number;
  /** Commission created at payment. */
  commissionFen: number;
  /** Distributors that became active. */
  newDistributors: number;
  newUsers: number;
  refundFen: number;
  withdrawnFen: number;
}

/** The running totals; the four balances (Balances) are the ledger's movements, bumped by postLedger only. */
export interface TotalFigures extends Balances {
  users: number;
  distributors: number;
  orders: number;
  distributionOrders: number;
  salesFen: number;
  refundFen: number;
  /** Withdrawals waiting for review or payout. */
  withdrawalsWaiting: number;
}

export interface StatsDelta {
  daily?: Partial<DailyFigures>;
  totals?: Partial<TotalFigures>;
}

/** The shard of a shard key: FNV-1a of its characters, modulo STATS_SHARDS. */
export function statsShard(shardKey: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < shardKey.length; i += 1) {
    hash ^= shardKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % STATS_SHARDS;
}

export const totalsShardId = (shard: number): string => `all:${shard}`;
export const dailyShardId = (date: string, shard: number): string => `${date}:${shard}`;

/** Every document the totals are the sum of. */
export function totalsDocIds(): string[] {
  return Array.from({ length: STATS_SHARDS }, (_unused, k) => totalsShardId(k));
}

function increments(delta: Record<string, number | undefined>): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(delta)) if (value) update[key] = _.inc(value);
  return update;
}

function initial(delta: Record<string, number | undefined>): Record<string, number> {
  const doc: Record<string, number> = {};
  for (const [key, value] of Object.entries(delta)) if (value) doc[key] = value;
  return doc;
}

async function bump(
  t: Transaction,
  collection: typeof COLLECTIONS.statsDaily | typeof COLLECTIONS.statsTotals,
  id: string,
  delta: Record<string, number | undefined>,
  extra: Record<string, unknown>,
): Promise<void> {
  if (!Object.values(delta).some(Boolean)) return;
  const ref = t.collection(collection).doc(id);
  const { data } = await ref.get();
  if (data) await ref.update({ data: { ...increments(delta), ...extra } });
  else await ref.set({ data: { ...initial(delta), ...extra } });
}

/** 按事件累计统计（日统计按北京时间）：写入 shardKey 对应的分片 */
export async function bumpStats(
  t: Transaction,
  at: number,
  shardKey: string,
  delta: StatsDelta,
): Promise<void> {
  const shard = statsShard(shardKey);
  const date = beijingDateKey(at);
  await bump(t, COLLECTIONS.statsDaily, dailyShardId(date, shard), delta.daily ?? {}, {
    date,
    updatedAt: at,
  });
  await bump(t, COLLECTIONS.statsTotals, totalsShardId(shard), delta.totals ?? {}, { updatedAt: at });
}

const FIGURE_SKIP = new Set(['_id', 'date', 'updatedAt']);

/** Adds every numeric figure of `doc` into `into`. */
function addFigures(into: Record<string, number>, doc: Doc): void {
  for (const [key, value] of Object.entries(doc)) {
    if (FIGURE_SKIP.has(key) || typeof value !== 'number' || !Number.isFinite(value)) continue;
    into[key] = (into[key] ?? 0) + value;
  }
}

/** The mall's running totals: every figure summed over the shards (a figure never bumped is absent). */
export async function readTotals(): Promise<Record<string, number>> {
  const ids = totalsDocIds();
  const { data } = await db
    .collection(COLLECTIONS.statsTotals)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  const totals: Record<string, number> = {};
  for (const doc of data) addFigures(totals, doc);
  return totals;
}

/**
 * The figures of each of the given Beijing days, summed over their shards (days without any are absent):
 * one query on the `date` index per as many days as fit in a query's limit.
 */
export async function readDaily(dates: string[]): Promise<Map<string, Record<string, number>>> {
  const daysPerQuery = Math.floor(QUERY_LIMIT / STATS_SHARDS);
  const chunks: string[][] = [];
  for (let i = 0; i < dates.length; i += daysPerQuery) chunks.push(dates.slice(i, i + daysPerQuery));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      db
        .collection(COLLECTIONS.statsDaily)
        .where({ date: _.in(chunk) })
        .limit(chunk.length * STATS_SHARDS)
        .get(),
    ),
  );
  const byDate = new Map<string, Record<string, number>>();
  for (const doc of pages.flatMap((page) => page.data)) {
    const date = String(doc.date);
    const figures = byDate.get(date) ?? {};
    addFigures(figures, doc);
    byDate.set(date, figures);
  }
  return byDate;
}
