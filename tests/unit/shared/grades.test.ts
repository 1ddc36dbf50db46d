import fc from 'fast-check';
import type { Grade } from '../../../shared/config';
import { type GradeFigures, evaluateGrade, meetsGrade, progressToNext } from '../../../shared/grades';

const grades: Grade[] = [
  { gradeId: 'base', name: '普通', rank: 0 },
  { gradeId: 'silver', name: '白银', rank: 1, upgrade: { settledSalesFen: 100_000 } },
  { gradeId: 'gold', name: '黄金', rank: 2, upgrade: { settledSalesFen: 500_000, directDistributors: 5 } },
  // reached only when the merchant assigns it
  { gradeId: 'partner', name: '合伙人', rank: 3 },
];

const figures = (f: Partial<GradeFigures>): GradeFigures => ({
  settledSalesFen: 0,
  commissionEarnedFen: 0,
  directDistributors: 0,
  ...f,
});

describe('evaluateGrade', () => {
  it('stays at the base grade below every threshold', () => {
    expect(
      evaluateGrade({ currentGradeId: 'base', figures: figures({ settledSalesFen: 99_999 }), grades }),
    ).toBe('base');
  });

  it('upgrades when every set threshold is met', () => {
    // ¥1,000.00 of settled sales reaches silver
    expect(
      evaluateGrade({ currentGradeId: 'base', figures: figures({ settledSalesFen: 100_000 }), grades }),
    ).toBe('silver');
    // gold needs ¥5,000.00 AND 5 direct distributors: sales alone are not enough
    expect(
      evaluateGrade({ currentGradeId: 'base', figures: figures({ settledSalesFen: 900_000 }), grades }),
    ).toBe('silver');
  });

  it('goes straight to the highest grade reached', () => {
    const f = figures({ settledSalesFen: 500_000, directDistributors: 5 });
    expect(evaluateGrade({ currentGradeId: 'base', figures: f, grades })).toBe('gold');
  });

  it('never downgrades and never reaches a grade without an upgrade rule', () => {
    expect(evaluateGrade({ currentGradeId: 'gold', figures: figures({}), grades })).toBe('gold');
    expect(
      evaluateGrade({ currentGradeId: 'partner', figures: figures({ settledSalesFen: 10 ** 9 }), grades }),
    ).toBe('partner');
    expect(meetsGrade(grades[3], figures({ settledSalesFen: 10 ** 9 }))).toBe(false);
  });

  it('treats an unknown current grade as the base grade', () => {
    expect(evaluateGrade({ currentGradeId: 'removed', figures: figures({}), grades })).toBe('base');
    expect(
      evaluateGrade({ currentGradeId: 'removed', figures: figures({ settledSalesFen: 100_000 }), grades }),
    ).toBe('silver');
  });

  it('is monotone: better figures never give a lower grade, and never below the current (property)', () => {
    const figuresArb = fc.record({
      settledSalesFen: fc.integer({ min: 0, max: 1_000_000 }),
      commissionEarnedFen: fc.integer({ min: 0, max: 1_000_000 }),
      directDistributors: fc.integer({ min: 0, max: 10 }),
    });
    const rank = (id: string) => grades.find((g) => g.gradeId === id)?.rank ?? 0;
    fc.assert(
      fc.property(
        figuresArb,
        figuresArb,
        fc.constantFrom('base', 'silver', 'gold', 'partner'),
        (a, b, current) => {
          const more = {
            settledSalesFen: Math.max(a.settledSalesFen, b.settledSalesFen),
            commissionEarnedFen: Math.max(a.commissionEarnedFen, b.commissionEarnedFen),
            directDistributors: Math.max(a.directDistributors, b.directDistributors),
          };
          const withA = evaluateGrade({ currentGradeId: current, figures: a, grades });
          const withMore = evaluateGrade({ currentGradeId: current, figures: more, grades });
          return rank(withMore) >= rank(withA) && rank(withA) >= rank(current);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('progressToNext', () => {
  it('shows the next grade and each threshold', () => {
    const progress = progressToNext({
      currentGradeId: 'silver',
      figures: figures({ settledSalesFen: 200_000, directDistributors: 6 }),
      grades,
    });
    expect(progress.current.gradeId).toBe('silver');
    expect(progress.next?.grade.gradeId).toBe('gold');
    expect(progress.next?.thresholds).toEqual([
      { metric: 'settledSalesFen', current: 200_000, target: 500_000, met: false },
      { metric: 'directDistributors', current: 6, target: 5, met: true },
    ]);
  });

  it('has no next grade at the top of what can be reached automatically', () => {
    expect(progressToNext({ currentGradeId: 'gold', figures: figures({}), grades }).next).toBeNull();
  });
});
