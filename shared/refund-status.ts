/**
 * The status of a refund and every transition, in one place (as shared/withdrawal.ts does for
 * withdrawals; the money steps are cloudfunctions/common/workflows/refunds.ts):
 *
 *   requested ──approve──▶ approved ──complete──▶ refunded
 *   requested ──reject──▶ rejected
 *
 * A merchant's own refund is opened `approved`. `approved` means the money is being returned: a refund
 * left there was interrupted, and approving it again (or the settle timer) completes it. `rejected` and
 * `refunded` are final.
 */
import { AppError } from './errors';

export const REFUND_STATUSES = ['requested', 'approved', 'rejected', 'refunded'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export type RefundEvent = 'approve' | 'reject' | 'complete';

const TRANSITIONS: Record<RefundStatus, Partial<Record<RefundEvent, RefundStatus>>> = {
  requested: { approve: 'approved', reject: 'rejected' },
  approved: { complete: 'refunded' },
  rejected: {},
  refunded: {},
};

const STATUS_NAMES: Record<RefundStatus, string> = {
  requested: '待审核',
  approved: '退款中',
  rejected: '已拒绝',
  refunded: '已退款',
};

const EVENT_NAMES: Record<RefundEvent, string> = { approve: '同意', reject: '拒绝', complete: '完成' };

export function refundStatusName(status: RefundStatus): string {
  return STATUS_NAMES[status];
}

/** The status after `event`; CONFLICT, in words, when the refund's status does not allow it. */
export function nextRefundStatus(status: RefundStatus, event: RefundEvent): RefundStatus {
  const next = TRANSITIONS[status]?.[event];
  if (next) return next;
  if (status === 'approved' && event === 'reject') throw new AppError('CONFLICT', '退款已同意，正在处理中');
  throw new AppError('CONFLICT', `退款${STATUS_NAMES[status] ?? status}，不能${EVENT_NAMES[event]}`);
}
