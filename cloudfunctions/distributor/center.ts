/**
 * distributor.center: the distributor's personal center in one call. Balances come from the account
 * document, which MoneyEffects (common/stores/ledger.ts) keeps in step with the ledger in the same transaction as every entry – not
 * recomputed from commission records on each call. Team sizes are three counts on indexed fields.
 */
import { z } from 'zod';
import { gradeOrBase } from '../../shared/config';
import { GRADE_METRIC_NAMES, progressToNext } from '../../shared/grades';
import { loadAccount, pickBalances } from '../common/stores/accounts';
import { loadConfig } from '../common/stores/config';
import { gradeFiguresOf } from '../common/workflows/distributors';
import { action } from '../common/platform/handler';
import { requireUser } from '../common/stores/users';
import { shopView } from './shop-view';
import { teamCounts } from './team';

/** 分销中心：状态、等级与升级进度、四项余额、团队人数、邀请码 */
export const center = action(z.object({}), async (_input, ctx) => {
  const user = await requireUser(ctx);
  const [config, account, team] = await Promise.all([
    loadConfig(),
    loadAccount(user._id),
    teamCounts(user._id),
  ]);
  const grade = gradeOrBase(config, user.gradeId);
  const progress = progressToNext({
    currentGradeId: grade.gradeId,
    figures: gradeFiguresOf(account),
    grades: config.grades,
  });
  const active = user.distributorStatus === 'active';
  return {
    distributorStatus: user.distributorStatus,
    grade: { gradeId: grade.gradeId, name: grade.name, rank: grade.rank },
    nextGrade: progress.next && {
      gradeId: progress.next.grade.gradeId,
      name: progress.next.grade.name,
      thresholds: progress.next.thresholds.map((t) => ({ ...t, name: GRADE_METRIC_NAMES[t.metric] })),
    },
    balances: pickBalances(account),
    totalEarnedFen: account.totalEarnedFen,
    team,
    inviteCode: active ? (user.inviteCode ?? null) : null,
    distributorSince: user.distributorSince ?? null,
    shop: await shopView(user),
    application: user.application
      ? {
          appliedAt: user.application.appliedAt,
          approved: user.application.approved,
          reason: user.application.reason,
        }
      : null,
  };
});
