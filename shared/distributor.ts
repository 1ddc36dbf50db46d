/**
 * A user's distributor status and its transitions in one place. Only an `active` distributor earns
 * commission, may invite (be someone's inviter) and may withdraw. How one becomes active depends on the
 * merchant's `distributorMode`: `open` (applying activates at once), `apply` (an admin approves) or
 * `appointed` (only an admin makes distributors). Becoming a distributor never costs anything: there is
 * deliberately no entry fee (China's anti-pyramid-selling rules).
 */
import { AppError } from './errors';

export const DISTRIBUTOR_STATUSES = ['none', 'pending', 'active', 'disabled'] as const;
export type DistributorStatus = (typeof DISTRIBUTOR_STATUSES)[number];

export const DISTRIBUTOR_MODES = ['open', 'apply', 'appointed'] as const;
export type DistributorMode = (typeof DISTRIBUTOR_MODES)[number];

export type DistributorEvent =
  /** the user applies (action `distributor.apply`) */
  | { type: 'apply'; mode: DistributorMode }
  /** an admin reviews a pending application */
  | { type: 'approve' }
  | { type: 'reject' }
  /** an admin sets the status directly (`setDistributorStatus`) */
  | { type: 'appoint' }
  | { type: 'disable' };

export function isActiveDistributor(status: DistributorStatus): boolean {
  return status === 'active';
}

/**
 * none ──apply(open)──▶ active      none ──apply(apply)──▶ pending ──approve──▶ active
 *                                                          pending ──reject───▶ none (may apply again)
 * none | pending | disabled ──appoint──▶ active           active | pending ──disable──▶ disabled
 * Throws CONFLICT for a transition the current status does not allow and FORBIDDEN for applying in
 * `appointed` mode or while disabled.
 */
export function nextDistributorStatus(status: DistributorStatus, event: DistributorEvent): DistributorStatus {
  switch (event.type) {
    case 'apply':
      if (status === 'active') throw new AppError('CONFLICT', '您已经是分销商');
      if (status === 'pending') throw new AppError('CONFLICT', '申请正在审核中');
      if (status === 'disabled') throw new AppError('FORBIDDEN', '您的分销资格已被停用，请联系商家');
      if (event.mode === 'appointed') throw new AppError('FORBIDDEN', '本店分销商由商家指定，暂不开放申请');
      return event.mode === 'open' ? 'active' : 'pending';
    case 'approve':
    case 'reject':
      if (status !== 'pending') throw new AppError('CONFLICT', '该申请已处理或不存在');
      return event.type === 'approve' ? 'active' : 'none';
    case 'appoint':
      if (status === 'active') throw new AppError('CONFLICT', '该用户已经是分销商');
      return 'active';
    case 'disable':
      if (status !== 'active' && status !== 'pending') throw new AppError('CONFLICT', '该用户不是分销商');
      return 'disabled';
  }
}
