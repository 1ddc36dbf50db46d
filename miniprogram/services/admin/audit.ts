/** 对账：admin 云函数的 audit（分段进行，带 next 继续） */
import type { auditActions as AuditActions } from '../../../cloudfunctions/admin/audit';
import type { InputOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof AuditActions;
export type AuditResult = ResultOf<Actions['audit']>;
export type AuditProblem = AuditResult['problems'][number];

/** 对账一段：next 为上一段返回的游标；返回的 next 为 null 时已全部核对 */
export function runAudit(input: InputOf<Actions['audit']> = {}): Promise<AuditResult> {
  return callFunction('admin', 'audit', input);
}
