/**
 * Binding (锁客): which inviter a user belongs to. The binding decides who earns on the user's orders,
 * so it is decided in one pure function from the merchant's policy:
 *
 * - `first`: the first live binding is kept; `latest`: a newer inviter's link rebinds.
 * - `validDays` > 0: a binding expires that many days (24 h periods) after it was made, after which any
 *   inviter's link binds again (in `first` mode too). 0 = forever.
 * - Only an active distributor can be an inviter.
 * - No self-binding, and no cycle across the WHOLE chain: the user may not appear anywhere among the
 *   inviter's ancestors (CRMEB only checks two hops; a longer cycle would let commission loop).
 * - A link from the current inviter changes nothing while the binding is live (no renewal); once it has
 *   expired, the same inviter's link binds again like any other.
 * - An expired binding no longer holds the user: whoever builds a commission chain must stop at a
 *   binding that is not live (`isBindingLive`), at every hop.
 *
 * A refusal is not an error: login and ordering go on, the binding just stays as it is (`keep`, with the
 * reason). The caller records every `bind`/`rebind` in the binding history (see BindingHistoryRecord).
 */
import type { MerchantConfig } from './config';
import type { DistributorStatus } from './distributor';
import { DAY_MS, assertInstant } from './time';

export const BINDING_SOURCES = ['share_link', 'poster', 'order'] as const;
/** Where the invitation came from: a shared page link, a QR poster's scene, or an order's inviteCode. */
export type BindingSource = (typeof BINDING_SOURCES)[number];

export type BindingAction = 'bind' | 'rebind' | 'keep';

export type BindingReason =
  | 'no_inviter'
  | 'self'
  | 'inviter_not_active'
  | 'cycle'
  | 'same_inviter'
  | 'first_binding'
  | 'expired'
  | 'latest_wins'
  | 'first_wins';

export const BINDING_REASON_TEXT: Record<BindingReason, string> = {
  no_inviter: '没有邀请人',
  self: '不能绑定自己',
  inviter_not_active: '邀请人不是有效的分销商',
  cycle: '邀请人是您的下级，不能互相绑定',
  same_inviter: '已绑定该邀请人',
  first_binding: '首次绑定',
  expired: '原绑定已过期，重新绑定',
  latest_wins: '按最新邀请链接重新绑定',
  first_wins: '已绑定其他邀请人（首次绑定优先）',
};

export interface BindingDecision {
  action: BindingAction;
  reason: BindingReason;
}

export interface CurrentBinding {
  inviterId: string;
  boundAt: number;
}

export interface BindingInput {
  userId: string;
  inviter: { userId: string; distributorStatus: DistributorStatus } | null;
  current: CurrentBinding | null;
  /** The inviter's whole upline chain, nearest first (its inviter, that one's inviter, ...). */
  inviterAncestors: readonly string[];
  config: Pick<MerchantConfig, 'binding'>;
  now: number;
}

/**
 * One row of the binding history, written for every `bind` and `rebind` (never updated, never deleted):
 * who was bound to whom, from what, replacing whom, and until when.
 */
export interface BindingHistoryRecord {
  bindingId: string;
  userId: string;
  inviterId: string;
  /** The inviter this binding replaced (`rebind`), else null. */
  previousInviterId: string | null;
  action: 'bind' | 'rebind';
  reason: BindingReason;
  source: BindingSource;
  /** The invite code that was used (also the shop-in-shop the user arrived through). */
  inviteCode: string;
  boundAt: number;
  /** boundAt + validDays, or null when bindings are forever. */
  expiresAt: number | null;
}

/** When a binding made at `boundAt` stops holding the user; null = never. */
export function bindingExpiresAt(boundAt: number, config: Pick<MerchantConfig, 'binding'>): number | null {
  assertInstant(boundAt, '绑定时间');
  return config.binding.validDays > 0 ? boundAt + config.binding.validDays * DAY_MS : null;
}

export function isBindingLive(
  current: CurrentBinding,
  now: number,
  config: Pick<MerchantConfig, 'binding'>,
): boolean {
  const expiresAt = bindingExpiresAt(current.boundAt, config);
  return expiresAt === null || now < expiresAt;
}

export function decideBinding(input: BindingInput): BindingDecision {
  const { userId, inviter, current, config, now } = input;
  assertInstant(now);
  const keep = (reason: BindingReason): BindingDecision => ({ action: 'keep', reason });
  if (!inviter) return keep('no_inviter');
  if (inviter.userId === userId) return keep('self');
  if (inviter.distributorStatus !== 'active') return keep('inviter_not_active');
  if (input.inviterAncestors.includes(userId)) return keep('cycle');
  if (!current) return { action: 'bind', reason: 'first_binding' };
  if (!isBindingLive(current, now, config)) return { action: 'rebind', reason: 'expired' };
  if (current.inviterId === inviter.userId) return keep('same_inviter');
  if (config.binding.mode === 'latest') return { action: 'rebind', reason: 'latest_wins' };
  return keep('first_wins');
}
