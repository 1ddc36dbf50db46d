/**
 * Withdrawals: the merchant's policy check for an application, and the status of a withdrawal.
 *
 * Policy (config.withdraw): minimum and optional maximum amount, allowed methods, a fee of
 * floor(amount × feeRate) kept from the amount (net = amount − fee, and the net must be at least 1 fen),
 * and the allowed days of the month in BEIJING time whatever the server's zone (empty = every day).
 * A day the month does not have simply never occurs: with days [31], nothing can be applied for in April
 * – the merchant sees the days it chose, we do not move them to the 30th.
 *
 * Status: pending ──approve──▶ approved ──markPaid──▶ paid;  pending ──reject──▶ rejected;
 *         approved ──payoutFailed──▶ failed (a WeChat transfer that failed or was cancelled: shared/transfer.ts).
 * Ledger effects (see ledger.ts): applying freezes the amount (available → frozen), rejecting and a
 * failed payout release it (frozen → available), paying moves it to withdrawn (frozen → withdrawn).
 */
import type { WithdrawPolicy } from './config';
import { type WithdrawMethod, WITHDRAW_METHODS, withdrawMethodName } from './withdraw-method';
import type { DistributorStatus } from './distributor';
import { AppError } from './errors';
import { applyRate, formatYuan, isFen } from './money';
import { beijingDayOfMonth } from './time';

export interface WithdrawalRequest {
  amountFen: number;
  method: string;
  /** The distributor's available balance (may be negative after a clawback). */
  availableFen: number;
  distributorStatus: DistributorStatus;
  now: number;
  policy: WithdrawPolicy;
}

export type WithdrawalCheck =
  | { ok: true; feeFen: number; netFen: number }
  | { ok: false; code: 'RULE' | 'VALIDATION' | 'FORBIDDEN'; reason: string };

/** "每月 1、15 日" – for the refusal and for the withdrawal page. */
export function describeWithdrawDays(days: readonly number[]): string {
  if (days.length === 0) return '每天';
  return `每月 ${[...days].sort((a, b) => a - b).join('、')} 日`;
}

/** Whether `now` falls on an allowed day of the month in Beijing. */
export function isWithdrawDay(now: number, days: readonly number[]): boolean {
  return days.length === 0 || days.includes(beijingDayOfMonth(now));
}

/** The fee and what the distributor receives; the fee rounds down, in the distributor's favour. */
export function withdrawalFee(amountFen: number, feeRate: string): { feeFen: number; netFen: number } {
  const feeFen = applyRate(amountFen, feeRate);
  return { feeFen, netFen: amountFen - feeFen };
}

const isMethod = (method: string): method is WithdrawMethod =>
  (WITHDRAW_METHODS as readonly string[]).includes(method);

/**
 * Checks in the order a distributor can act on: bad input, not allowed at all, then the rules of the
 * policy, then the balance. Worked example: 10000 fen at feeRate "0.006" → fee floor(60) = 60, net 9940.
 */
export function checkWithdrawal(request: WithdrawalRequest): WithdrawalCheck {
  const { amountFen, method, policy } = request;
  const refuse = (code: 'RULE' | 'VALIDATION' | 'FORBIDDEN', reason: string): WithdrawalCheck => ({
    ok: false,
    code,
    reason,
  });
  if (!isFen(amountFen) || amountFen < 1) return refuse('VALIDATION', '提现金额无效');
  if (!isMethod(method)) return refuse('VALIDATION', '提现方式无效');
  if (request.distributorStatus === 'disabled')
    return refuse('FORBIDDEN', '您的分销资格已被停用，暂不能提现');
  if (request.distributorStatus !== 'active') return refuse('FORBIDDEN', '成为分销商后才能提现');
  if (!policy.methods.includes(method)) return refuse('RULE', `暂不支持提现到${withdrawMethodName(method)}`);
  if (!isWithdrawDay(request.now, policy.days)) {
    return refuse('RULE', `今天不能提现，可提现日期：${describeWithdrawDays(policy.days)}`);
  }
  if (amountFen < policy.minFen) return refuse('RULE', `最低提现金额为 ${formatYuan(policy.minFen)}`);
  if (policy.maxFen !== undefined && amountFen > policy.maxFen) {
    return refuse('RULE', `单笔最高提现金额为 ${formatYuan(policy.maxFen)}`);
  }
  if (amountFen > request.availableFen) {
    return refuse('RULE', `可提现余额不足（可提现 ${formatYuan(Math.max(request.availableFen, 0))}）`);
  }
  const { feeFen, netFen } = withdrawalFee(amountFen, policy.feeRate);
  if (netFen < 1) return refuse('RULE', '扣除手续费后到账金额不足 ¥0.01');
  return { ok: true, feeFen, netFen };
}

/** The check as a throw, for a handler: the AppError carries the refusal's code and reason. */
export function assertWithdrawal(request: WithdrawalRequest): { feeFen: number; netFen: number } {
  const check = checkWithdrawal(request);
  if (!check.ok) throw new AppError(check.code, check.reason);
  return { feeFen: check.feeFen, netFen: check.netFen };
}

// ---------------------------------------------------------------------------------------------------
// Status

export const WITHDRAWAL_STATUSES = ['pending', 'approved', 'paid', 'rejected', 'failed'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];
export type WithdrawalEvent = 'approve' | 'reject' | 'markPaid' | 'payoutFailed';

const WITHDRAWAL_TRANSITIONS: Record<WithdrawalStatus, Partial<Record<WithdrawalEvent, WithdrawalStatus>>> = {
  pending: { approve: 'approved', reject: 'rejected' },
  approved: { markPaid: 'paid', payoutFailed: 'failed' },
  paid: {},
  rejected: {},
  failed: {},
};

const WITHDRAWAL_STATUS_NAMES: Record<WithdrawalStatus, string> = {
  pending: '待审核',
  approved: '待打款',
  paid: '已打款',
  rejected: '已驳回',
  failed: '打款失败，已退回余额',
};

export function withdrawalStatusName(status: WithdrawalStatus): string {
  return WITHDRAWAL_STATUS_NAMES[status];
}

/** The status after `event`, or CONFLICT (e.g. approving twice, paying a rejected withdrawal). */
export function nextWithdrawalStatus(status: WithdrawalStatus, event: WithdrawalEvent): WithdrawalStatus {
  const next = WITHDRAWAL_TRANSITIONS[status][event];
  if (!next) throw new AppError('CONFLICT', `提现申请${WITHDRAWAL_STATUS_NAMES[status]}，不能执行该操作`);
  return next;
}
