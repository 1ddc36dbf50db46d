/**
 * Reading the mall's statistics documents (cloudfunctions/common/stores/stats.ts writes them): each shard holds
 * totals as top-level numbers and the recent days under `days.<YYYY-MM-DD>`; only their sum means
 * anything.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- stored documents */
type Doc = Record<string, any>;

export const isFigure = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export interface StatsSnapshot {
  /** Every total summed over the shards (a figure never bumped is absent). */
  totals: Record<string, number>;
  /** The figures of each day still kept in the shards, summed over them. */
  days: Map<string, Record<string, number>>;
}

/** Sums shard documents: top-level numbers are totals, `days` the recent days. */
export function sumShards(docs: readonly Doc[]): StatsSnapshot {
  const totals: Record<string, number> = {};
  const days = new Map<string, Record<string, number>>();
  for (const doc of docs) {
    for (const [key, value] of Object.entries(doc)) {
      if (key !== 'updatedAt' && isFigure(value)) totals[key] = (totals[key] ?? 0) + value;
    }
    const docDays = (doc.days ?? {}) as Record<string, Record<string, unknown>>;
    for (const [date, figures] of Object.entries(docDays)) {
      const into = days.get(date) ?? {};
      for (const [key, value] of Object.entries(figures ?? {})) {
        if (isFigure(value)) into[key] = (into[key] ?? 0) + value;
      }
      days.set(date, into);
    }
  }
  return { totals, days };
}

/* eslint-enable @typescript-eslint/no-explicit-any */
