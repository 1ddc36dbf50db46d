/**
 * One settle run: the phases in order within the time budget, then for everyone whose commission
 * settled in this run its grade and ONE "commission arrived" message (the run's total), then the
 * statistics' upkeep (stats.ts maintainStats) and a note of the run in `jobs/settle`. Returns what it did.
 */
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, db } from '../common/platform/db';
import { notifyCommissionsSettled } from '../common/platform/messages';
import { maintainStats } from '../common/stores/stats';
import type { Budget } from './budget';
import { upgradeGrade } from './grades';
import { type RunCounts, autoConfirm, emptyCounts, expireUnpaid, resumeRefunds, settleDue } from './phases';
import type { OrderSettlement } from './settlement';

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
  const settlements: OrderSettlement[] = [];
  const ctx = { budget, config, counts, onSettled: (s: OrderSettlement) => void settlements.push(s) };
  let complete = true;
  for (const phase of [expireUnpaid, autoConfirm, settleDue, resumeRefunds]) {
    const drained = await phase(ctx);
    complete = complete && drained.complete;
    if (!drained.complete) break;
  }
  const beneficiaries = new Set(settlements.flatMap((s) => s.commissions.map((c) => c.beneficiaryId)));
  // Grades are cheap (two reads per beneficiary) and never wait for the next run.
  for (const userId of beneficiaries) {
    try {
      if (await upgradeGrade(userId, config)) counts.upgraded += 1;
    } catch (error) {
      counts.failed += 1;
      console.error('[settle] grade of', userId, error);
    }
  }
  // A courtesy after the commits: never undoes or repeats anything, failures are logged.
  try {
    await notifyCommissionsSettled(settlements);
  } catch (error) {
    console.error('[settle] messages', error);
  }
  try {
    await maintainStats(Date.now());
  } catch (error) {
    console.error('[settle] stats archive', error);
  }
  const result: RunResult = { ...counts, complete, startedAt, finishedAt: Date.now() };
  await db
    .collection(COLLECTIONS.jobs)
    .doc(JOB_ID)
    .set({ data: { lastRun: { ...result, trigger } } });
  return result;
}
