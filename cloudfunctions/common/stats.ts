/**
 * Statistics kept as events happen, so that the dashboard reads a handful of documents whatever the
 * number of orders: one document per Beijing day (`statsDaily/<YYYY-MM-DD>`) and the running totals
 * (`statsTotals/all`, whose balance fields are mirrored from the ledger by ledger.ts). Always bumped
 * inside the transaction of the event itself, so a figure moves exactly when the event happens.
 */
import { beijingDateKey } from '../../shared/time';
import { COLLECTIONS, _, type Transaction } from './db';
import { TOTALS_DOC_ID } from './ledger';

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

export interface TotalFigures {
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

/** 按事件累计统计（日统计按北京时间） */
export async function bumpStats(t: Transaction, at: number, delta: StatsDelta): Promise<void> {
  const date = beijingDateKey(at);
  await bump(t, COLLECTIONS.statsDaily, date, delta.daily ?? {}, { date, updatedAt: at });
  await bump(t, COLLECTIONS.statsTotals, TOTALS_DOC_ID, delta.totals ?? {}, { updatedAt: at });
}
