/**
 * settle: the timer function (trigger `settleTimer`, every 10 minutes) – closes unpaid orders past their
 * timeout, confirms receipt automatically, settles commission past the return window, upgrades grades,
 * finishes interrupted refunds. Batched and resumable (settle/budget.ts); two runs at once never apply
 * anything twice (settle/phases.ts).
 *
 * It runs for its timer trigger, and for an admin through `{ action: 'run' }` (the 结算 button of the
 * merchant's backend, and how tests and operators run it now with a smaller batch). Anyone else is refused.
 */
import { z } from 'zod';
import { AppError, ok, toEnvelope } from '../../shared/errors';
import { isAdmin, requireAdmin } from '../common/stores/admins';
import { action, createMain, readCaller } from '../common/platform/handler';
import { selfCheckOnce } from '../common/platform/self-check';
import { Budget, DEFAULT_BATCH_SIZE, DEFAULT_TIME_LIMIT_MS } from './budget';
import { runSettlement } from './run';

interface FunctionContext {
  time_limit_in_ms?: number;
}

function timeLimit(context: FunctionContext | undefined): number {
  const limit = context?.time_limit_in_ms;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_TIME_LIMIT_MS;
}

/** The admin's actions, for the time limit of this invocation. */
export const settleActions = (context: FunctionContext | undefined) => ({
  /** 立即结算（管理员）：与定时任务相同；batchSize / maxBatches 可限制本次处理量 */
  run: action(
    z.object({
      batchSize: z.number().int().min(1).max(100).optional(),
      maxBatches: z.number().int().min(1).max(10_000).optional(),
    }),
    async (input) =>
      runSettlement(
        Budget.forTimeLimit(timeLimit(context), input.batchSize ?? DEFAULT_BATCH_SIZE, input.maxBatches),
        'admin',
      ),
  ),
});

const adminMain = (context: FunctionContext | undefined) =>
  createMain(settleActions(context), { guard: async (ctx) => void (await requireAdmin(ctx)) });

export async function main(event: unknown, context?: FunctionContext) {
  await selfCheckOnce(); // the timer's first run of an instance logs what is missing; never throws
  const caller = readCaller();
  try {
    // The platform says who calls: only a timer trigger runs without an admin (an event can be forged).
    if (caller.source === 'wx_trigger') {
      return ok(await runSettlement(Budget.forTimeLimit(timeLimit(context)), 'timer'));
    }
    if (!caller.openid) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!(await isAdmin(caller.openid))) throw new AppError('FORBIDDEN', '仅管理员可以操作');
  } catch (error) {
    return toEnvelope(error);
  }
  return adminMain(context)(event);
}
