/**
 * Distributor grades (等级): a distributor upgrades when it reaches a grade's thresholds on settled
 * sales, commission earned and direct distributors. Grades affect the rates a distributor earns.
 *
 * - A grade is reached when EVERY threshold it sets is met (a threshold left out is not required; a
 *   grade without an `upgrade` rule is never reached automatically – the merchant assigns it).
 * - Every grade above the current one is checked, not only the next: thresholds of higher ranks need not
 *   be larger on every figure, so a distributor may go straight to the highest grade it qualifies for.
 * - Never lower than the current grade: there is no automatic downgrade (a refund that lowers the
 *   figures does not take a grade away; the merchant can with `setGrade`).
 * - An unknown current grade (removed by the merchant) counts as the base grade.
 */
import type { Grade, GradeUpgrade } from './config';

export interface GradeFigures {
  /**
   * Sales the distributor brought directly and that have settled: the bases of its settled level-1
   * commissions, net of refunds (its own purchases count when selfPurchase makes it level 1).
   */
  settledSalesFen: number;
  /** Commission earned so far (see ledger `totalEarnedFen`). */
  commissionEarnedFen: number;
  /** Number of active distributors it invited directly. */
  directDistributors: number;
}

export type GradeMetric = keyof GradeFigures & keyof GradeUpgrade;
export const GRADE_METRICS: readonly GradeMetric[] = [
  'settledSalesFen',
  'commissionEarnedFen',
  'directDistributors',
];

export const GRADE_METRIC_NAMES: Record<GradeMetric, string> = {
  settledSalesFen: '已结算销售额',
  commissionEarnedFen: '累计佣金',
  directDistributors: '直推分销商',
};

export interface GradeInput {
  currentGradeId: string;
  figures: GradeFigures;
  grades: readonly Grade[];
}

export interface ThresholdProgress {
  metric: GradeMetric;
  current: number;
  target: number;
  met: boolean;
}

export interface GradeProgress {
  current: Grade;
  /** The next grade up that can be reached automatically, or null at the top. */
  next: { grade: Grade; thresholds: ThresholdProgress[] } | null;
}

function baseOf(grades: readonly Grade[]): Grade {
  const base = grades.find((g) => g.rank === 0) ?? [...grades].sort((a, b) => a.rank - b.rank)[0];
  if (!base) throw new Error('no grades configured');
  return base;
}

function currentOf(input: GradeInput): Grade {
  return input.grades.find((g) => g.gradeId === input.currentGradeId) ?? baseOf(input.grades);
}

function thresholdsOf(grade: Grade, figures: GradeFigures): ThresholdProgress[] {
  const upgrade = grade.upgrade ?? {};
  const result: ThresholdProgress[] = [];
  for (const metric of GRADE_METRICS) {
    const target = upgrade[metric];
    if (target === undefined) continue;
    const current = figures[metric];
    result.push({ metric, current, target, met: current >= target });
  }
  return result;
}

/** A grade with an upgrade rule whose every set threshold is met. */
export function meetsGrade(grade: Grade, figures: GradeFigures): boolean {
  const thresholds = thresholdsOf(grade, figures);
  return grade.upgrade !== undefined && thresholds.length > 0 && thresholds.every((t) => t.met);
}

/** The gradeId the distributor holds after checking every grade above its current one. */
export function evaluateGrade(input: GradeInput): string {
  const current = currentOf(input);
  let reached = current;
  for (const grade of input.grades) {
    if (grade.rank > reached.rank && meetsGrade(grade, input.figures)) reached = grade;
  }
  return reached.gradeId;
}

/** For the distributor center: the next reachable grade and how far each of its thresholds is. */
export function progressToNext(input: GradeInput): GradeProgress {
  const current = currentOf(input);
  const next = input.grades
    .filter((g) => g.rank > current.rank && g.upgrade !== undefined)
    .sort((a, b) => a.rank - b.rank)[0];
  return {
    current,
    next: next ? { grade: next, thresholds: thresholdsOf(next, input.figures) } : null,
  };
}
