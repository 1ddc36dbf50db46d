/**
 * Grades after settlement: each beneficiary touched by a run is checked against the merchant's grades
 * (shared/grades.ts evaluateGrade: every grade above the current one, never lower). The write is
 * conditional on the grade read, so a concurrent change by the merchant (`setGrade`) is never overwritten.
 */
import { evaluateGrade } from '../../shared/grades';
import type { MerchantConfig } from '../../shared/config';
import { loadAccount } from '../common/stores/accounts';
import { COLLECTIONS, db } from '../common/platform/db';
import { findUserById } from '../common/stores/users';

/** The new gradeId when the user moved up, else null. */
export async function upgradeGrade(
  userId: string,
  config: Pick<MerchantConfig, 'grades'>,
): Promise<string | null> {
  const user = await findUserById(userId);
  if (!user || user.distributorStatus !== 'active') return null;
  const account = await loadAccount(userId);
  const gradeId = evaluateGrade({
    currentGradeId: user.gradeId,
    figures: {
      settledSalesFen: account.settledSalesFen,
      commissionEarnedFen: account.commissionEarnedFen,
      directDistributors: account.directDistributors,
    },
    grades: config.grades,
  });
  if (gradeId === user.gradeId) return null;
  const { stats } = await db
    .collection(COLLECTIONS.users)
    .where({ _id: userId, gradeId: user.gradeId })
    .update({ data: { gradeId, gradeUpdatedAt: Date.now(), gradeSetBy: 'auto' } });
  return stats.updated === 1 ? gradeId : null;
}
