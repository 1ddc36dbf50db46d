/**
 * The settle run's time budget and the batched, resumable walk over what is due. A run stops starting
 * new work well before the function's timeout (settle has 60 s); whatever it did not reach is still due
 * and the next run (every 10 minutes) picks it up, because every phase selects by status and due time –
 * an order leaves the selection exactly when its transition commits.
 */
import type { Doc } from '../common/db';

/** Time kept in hand before the function's timeout: one batch never takes that long. */
export const SAFETY_MARGIN_MS = 15_000;
export const DEFAULT_TIME_LIMIT_MS = 60_000;
export const DEFAULT_BATCH_SIZE = 50;

export class Budget {
  private batches = 0;

  constructor(
    private readonly deadline: number,
    readonly batchSize: number,
    private readonly maxBatches: number,
  ) {}

  static forTimeLimit(timeLimitMs: number, batchSize = DEFAULT_BATCH_SIZE, maxBatches = Infinity): Budget {
    const usable = Math.max(timeLimitMs - SAFETY_MARGIN_MS, timeLimitMs / 4);
    // Real time, not the (possibly simulated) clock of Date: the timeout is real.
    return new Budget(performance.now() + usable, batchSize, maxBatches);
  }

  /** Counts a batch that had work in it. */
  spendBatch(): void {
    this.batches += 1;
  }

  exhausted(): boolean {
    return performance.now() >= this.deadline || this.batches >= this.maxBatches;
  }
}

export interface Drained {
  /** Everything due was handled (false: the budget ran out first). */
  complete: boolean;
}

/**
 * Fetches due documents a batch at a time and hands each to `handle`. A document that `handle` could not
 * move (it throws, or answers false: left for later) is excluded from the rest of this run, so the walk
 * always ends; it is still due, and a later run tries it again.
 */
export async function drain(
  budget: Budget,
  fetch: (exclude: string[], limit: number) => Promise<Doc[]>,
  handle: (doc: Doc) => Promise<boolean>,
  onError: (doc: Doc, error: unknown) => void,
): Promise<Drained> {
  const left: string[] = [];
  for (;;) {
    if (budget.exhausted()) return { complete: false };
    const batch = await fetch(left, budget.batchSize);
    if (batch.length === 0) return { complete: true };
    budget.spendBatch();
    for (const doc of batch) {
      let moved = false;
      try {
        moved = await handle(doc);
      } catch (error) {
        onError(doc, error);
      }
      if (!moved) left.push(String(doc._id));
    }
  }
}
