/**
 * One settle run: the phases in order within the time budget, then the grades of everyone whose
 * commission settled, then a note of the run in `jobs/settle`. Returns what it did.
 */
import { loadConfig } from '../common/config-store';
import { COLLECTIONS, db } from '../common/db';
import type { Budget } from './budget';
import { upgradeGrade } from './grades';
import { runSettlementHooks } from './hooks';
import { type RunCounts, autoConfirm, emptyCounts, expireUnpaid, resumeRefunds, settleDue } from './phases';

export const JOB_ID = 'settle';

export interface RunResult extends RunCounts {
  /** Everything due was handled; false when the budget ran out (the next run continues). */
  complete: boolean;
  startedAt: number;
  finishedAt: number;
}

export async function runSettlement(budget: Budget, trigger: 'timer' | 'admin'): Promise<RunResult> {
  const startedAt = Date.now();
  const config = await loadConfig();
  const counts = emptyCounts();
  const beneficiaries = new Set<string>();
  const ctx = {
    budget,
    config,
    counts,
    onSettled: async (settlement: Parameters<typeof runSettlementHooks>[0]) => {
      for (const c of settlement.commissions) beneficiaries.add(c.beneficiaryId);
      await runSettlementHooks(settlement);
    },
  };
  let complete = true;
  for (const phase of [expireUnpaid, autoConfirm, settleDue, resumeRefunds]) {
    const drained = await phase(ctx);
    complete = complete && drained.complete;
    if (!drained.complete) break;
  }
  // Grades are cheap (two reads per beneficiary) and never wait for the next run.
  for (const userId of beneficiaries) {
    try {
      if (await upgradeGrade(userId, config)) counts.upgraded += 1;
    } catch (error) {
      counts.failed += 1;
      console.error('[settle] grade of', userId, error);
    }
  }
  const result: RunResult = { ...counts, complete, startedAt, finishedAt: Date.now() };
  await db
    .collection(COLLECTIONS.jobs)
    .doc(JOB_ID)
    .set({ data: { lastRun: { ...result, trigger } } });
  return result;
}
