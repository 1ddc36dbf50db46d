/**
 * Statistics kept as events happen, so that the dashboard reads a handful of documents whatever the
 * number of orders: the running totals of the mall (including the four balances mirrored from the
 * ledger) and the figures of each Beijing day. Always bumped inside the transaction of the event itself,
 * so a figure moves exactly when the event happens – and with ONE write per event.
 *
 * Layout. Every money transaction of the mall moves the totals, and under snapshot isolation two
 * transactions that write one document conflict, so the figures are kept in STATS_SHARDS documents
 * `statsTotals/all:<k>`. A transaction bumps (`_.inc`, no read) the shard picked by a hash of its shard
 * key – what the event is about (the order, the withdrawal, the user) – so its retries land on the same
 * shard. One shard document holds both the totals (top-level fields) and the recent days
 * (`days.<YYYY-MM-DD>.<figure>`): the event's day and the totals move in the same single write. Only the
 * sum over the shards means anything (a shard's available balance may well be negative).
 *
 * Days older than DAYS_KEPT are moved out of the shard documents by the settle timer (`maintainStats`) into
 * one `statsDaily/<YYYY-MM-DD>` document each, so the shard documents stay small; the dashboard shows at
 * most 90 days and never needs the archive.
 */
import type { Balances } from '../../../shared/ledger';
import { DAY_MS, beijingDateKey } from '../../../shared/time';
import { type StatsSnapshot, isFigure, sumShards } from '../../../shared/stats';
import { COLLECTIONS, _, type Doc, type Transaction, db } from '../platform/db';
import { inTransaction } from '../platform/tx';

/**
 * Shards: more shards, fewer conflicts between concurrent money transactions; the dashboard reads all of
 * them in one query. 16 halved the conflicts of 8 in scripts/bench/payments.ts.
 */
export const STATS_SHARDS = 16;

/** Days kept inside the shard documents (the dashboard shows up to 90). */
export const DAYS_KEPT = 100;

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

/** The running totals; the four balances (Balances) are the ledger's movements. */
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

export { type StatsSnapshot, sumShards };

export const totalsShardId = (shard: number): string => `all:${shard}`;

/** Every document the figures are the sum of. */
export function totalsDocIds(): string[] {
  return Array.from({ length: STATS_SHARDS }, (_unused, k) => totalsShardId(k));
}

/** Adds `delta` into `into` (both plain figure maps). */
function addInto(into: Record<string, number>, delta: Record<string, number | undefined>): void {
  for (const [key, value] of Object.entries(delta)) if (value) into[key] = (into[key] ?? 0) + value;
}

/** Sums several deltas into one (what a transaction that does several things writes once). */
export function mergeStats(...deltas: StatsDelta[]): StatsDelta {
  const daily: Record<string, number> = {};
  const totals: Record<string, number> = {};
  for (const delta of deltas) {
    addInto(daily, delta.daily ?? {});
    addInto(totals, delta.totals ?? {});
  }
  return { daily, totals };
}

function nonZero(delta: Record<string, number | undefined>): [string, number][] {
  return Object.entries(delta).filter((entry): entry is [string, number] => Boolean(entry[1]));
}

/**
 * 按事件累计统计（日统计按北京时间）：一次写入 shardKey 对应的分片。A blind `_.inc` update: no read. The
 * first event of a shard creates it (set), which a concurrent first event turns into a conflict and a retry.
 */
export async function bumpStats(
  t: Transaction,
  at: number,
  shardKey: string,
  delta: StatsDelta,
): Promise<void> {
  const totals = nonZero(delta.totals ?? {});
  const daily = nonZero(delta.daily ?? {});
  if (totals.length === 0 && daily.length === 0) return;
  const date = beijingDateKey(at);
  const update: Doc = { updatedAt: at };
  for (const [key, value] of totals) update[key] = _.inc(value);
  for (const [key, value] of daily) update[`days.${date}.${key}`] = _.inc(value);
  const ref = t.collection(COLLECTIONS.statsTotals).doc(totalsShardId(statsShard(shardKey)));
  const { stats } = await ref.update({ data: update });
  if (stats.updated > 0) return;
  await ref.set({
    data: { ...Object.fromEntries(totals), days: { [date]: Object.fromEntries(daily) }, updatedAt: at },
  });
}

/** The shard documents that exist: one query. */
async function readShards(): Promise<Doc[]> {
  const ids = totalsDocIds();
  const { data } = await db
    .collection(COLLECTIONS.statsTotals)
    .where({ _id: _.in(ids) })
    .limit(ids.length)
    .get();
  return data;
}

/** The totals and recent days, summed over the shards. */
export async function readStats(): Promise<StatsSnapshot> {
  return sumShards(await readShards());
}

/**
 * The statistics' upkeep, from the settle timer: creates the shard documents that do not exist yet (so
 * that an event's blind increment always finds its shard – one call, never two), and moves days older
 * than DAYS_KEPT out of the shard documents into `statsDaily/<date>` (one document a day, the shards
 * added up). Each shard's old days move in one transaction (added to the archive, removed from the
 * shard), so a day is counted in the archive exactly once however often this runs, and whatever
 * interrupts it. No event bumps a day that old. Answers how many shard-days moved.
 */
export async function maintainStats(now: number): Promise<number> {
  const data = await readShards();
  const present = new Set(data.map((doc) => String(doc._id)));
  for (const id of totalsDocIds().filter((shard) => !present.has(shard))) {
    // Conditional on absence: a concurrent event may create it first (then this changes nothing).
    await inTransaction(async (t) => {
      const ref = t.collection(COLLECTIONS.statsTotals).doc(id);
      if (!(await ref.get()).data) await ref.set({ data: { days: {}, updatedAt: now } });
    });
  }
  const oldest = beijingDateKey(now - DAYS_KEPT * DAY_MS);
  const oldDays = (doc: Doc) => Object.keys(doc.days ?? {}).filter((date) => date < oldest);
  let moved = 0;
  for (const doc of data.filter((d) => oldDays(d).length > 0)) {
    moved += await inTransaction(async (t) => {
      const ref = t.collection(COLLECTIONS.statsTotals).doc(String(doc._id));
      const fresh = (await ref.get()).data;
      if (!fresh) return 0;
      const dates = oldDays(fresh);
      const remove: Doc = {};
      for (const date of dates) {
        const archive = t.collection(COLLECTIONS.statsDaily).doc(date);
        const figures: Record<string, number> = {};
        const before = (await archive.get()).data;
        for (const source of [before ?? {}, fresh.days[date] ?? {}]) {
          for (const [key, value] of Object.entries(source)) {
            if (key !== 'date' && key !== 'archivedAt' && isFigure(value))
              figures[key] = (figures[key] ?? 0) + value;
          }
        }
        await archive.set({ data: { date, ...figures, archivedAt: now } });
        remove[`days.${date}`] = _.remove();
      }
      if (dates.length > 0) await ref.update({ data: remove });
      return dates.length;
    });
  }
  return moved;
}
