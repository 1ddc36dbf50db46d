/**
 * The settle run's time budget and the batched, resumable walk over what is due. Before each order a run
 * asks whether what it is about to start still fits before the function's timeout – judged by how long
 * an order has taken so far in this run (twice the average, a cautious prior before the first) – and
 * stops when it does not: it never starts what it cannot finish. Whatever it did not reach is still due
 * and the next run (every 10 minutes) picks it up, because every phase selects by status and due time –
 * an order leaves the selection exactly when its transition commits.
 */
import type { Doc } from '../common/platform/db';

export const DEFAULT_TIME_LIMIT_MS = 60_000;
export const DEFAULT_BATCH_SIZE = 50;
/** What one order is assumed to take before the run has measured any. */
export const PRIOR_UNIT_MS = 300;
/** Time kept in hand before the timeout: for the run's closing writes (grades, messages, the job record). */
export function safetyMarginMs(timeLimitMs: number): number {
  return Math.max(1_000, timeLimitMs * 0.15);
}

export class Budget {
  private batches = 0;
  private units = 0;
  private unitsMs = 0;

  constructor(
    private readonly deadline: number,
    readonly batchSize: number,
    private readonly maxBatches: number,
    /** Real time (performance.now), not the possibly simulated clock of Date: the timeout is real. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  static forTimeLimit(timeLimitMs: number, batchSize = DEFAULT_BATCH_SIZE, maxBatches = Infinity): Budget {
    return new Budget(performance.now() + timeLimitMs - safetyMarginMs(timeLimitMs), batchSize, maxBatches);
  }

  /** Counts a batch that had work in it. */
  spendBatch(): void {
    this.batches += 1;
  }

  exhausted(): boolean {
    return this.now() >= this.deadline || this.batches >= this.maxBatches;
  }

  /** The time one unit (an order) is expected to take: twice the average so far, or the prior. */
  private unitMs(): number {
    return this.units === 0 ? PRIOR_UNIT_MS : (2 * this.unitsMs) / this.units;
  }

  /** How many of `wanted` units can still start and finish before the deadline. */
  affordable(wanted: number): number {
    const left = this.deadline - this.now();
    return Math.max(0, Math.min(wanted, Math.floor(left / this.unitMs())));
  }

  /** Times `work` as `units` units, for the estimate. */
  async measure<T>(units: number, work: () => Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await work();
    } finally {
      this.units += units;
      this.unitsMs += this.now() - started;
    }
  }
}

export interface Drained {
  /** Everything due was handled (false: the budget ran out first). */
  complete: boolean;
}

/**
 * Fetches due documents a batch at a time and hands each to `handle`, as long as the budget affords one
 * more. A document that `handle` could not move (it throws, or answers false: left for later) is excluded
 * from the rest of this run, so the walk always ends; it is still due, and a later run tries it again.
 */
export async function drain(
  budget: Budget,
  fetch: (exclude: string[], limit: number) => Promise<Doc[]>,
  handle: (doc: Doc) => Promise<boolean>,
  onError: (doc: Doc, error: unknown) => void,
): Promise<Drained> {
  return drainChunks(budget, fetch, 1, async ([doc]) => {
    try {
      return (await handle(doc)) ? [] : [String(doc._id)];
    } catch (error) {
      onError(doc, error);
      return [String(doc._id)];
    }
  });
}

/**
 * Like drain, `chunk` documents at a time (fewer when the budget affords fewer): `handle` answers the
 * ids it left for later.
 */
export async function drainChunks(
  budget: Budget,
  fetch: (exclude: string[], limit: number) => Promise<Doc[]>,
  chunk: number,
  handle: (docs: Doc[]) => Promise<string[]>,
): Promise<Drained> {
  const left: string[] = [];
  for (;;) {
    if (budget.exhausted() || budget.affordable(1) === 0) return { complete: false };
    const batch = await fetch(left, budget.batchSize);
    if (batch.length === 0) return { complete: true };
    budget.spendBatch();
    for (let i = 0; i < batch.length;) {
      const size = budget.affordable(Math.min(chunk, batch.length - i));
      if (size === 0) return { complete: false };
      const docs = batch.slice(i, i + size);
      left.push(...(await budget.measure(size, () => handle(docs))));
      i += size;
    }
  }
}
