/**
 * The `users` collection (database/README.md): lookups by the caller's OPENID and by invite code.
 * A user document is created by `user.login`; every other action that needs one refuses callers who never
 * logged in.
 *
 * A user's `_id` is derived from its OPENID (shared/user-id.ts): the caller's document, and its account
 * (same id), are read by id.
 */
import { userIdOf } from '../../../shared/user-id';
import type { BindingSource } from '../../../shared/binding';
import type { DistributorStatus } from '../../../shared/distributor';
import { AppError } from '../../../shared/errors';
import { COLLECTIONS, db } from '../platform/db';
import type { ActionContext } from '../platform/handler';

export interface ShopInfo {
  shopName: string;
  /** Products the shop shows first, in this order (distributor.updatePicks). */
  picks?: string[];
  logo: string;
  intro: string;
  updatedAt: number;
}

export interface UserDoc {
  _id: string;
  openid: string;
  nickname: string;
  avatarUrl: string;
  createdAt: number;
  inviterId: string | null;
  /** The three nearest ancestors, nearest first. */
  uplines: string[];
  boundAt: number | null;
  bindingSource: BindingSource | null;
  distributorStatus: DistributorStatus;
  distributorSince: number | null;
  gradeId: string;
  inviteCode?: string;
  application?: {
    realName: string | null;
    phone: string | null;
    appliedAt: number;
    reviewedAt: number | null;
    reviewedBy: string | null;
    approved: boolean | null;
    reason: string | null;
  };
  shop?: ShopInfo;
}

export { userIdOf };

export async function findUserByOpenid(openid: string): Promise<UserDoc | null> {
  return findUserById(userIdOf(openid));
}

export async function findUserById(userId: string): Promise<UserDoc | null> {
  const { data } = await db.collection(COLLECTIONS.users).doc(userId).get();
  return (data as UserDoc | null) ?? null;
}

export async function findUserByInviteCode(inviteCode: string): Promise<UserDoc | null> {
  const { data } = await db.collection(COLLECTIONS.users).where({ inviteCode }).limit(1).get();
  return (data[0] as UserDoc | undefined) ?? null;
}

/** The caller's user document; UNAUTHENTICATED when there is no OPENID or the caller never logged in. */
export async function requireUser(ctx: ActionContext): Promise<UserDoc> {
  const openid = ctx.requireOpenid();
  const user = await findUserByOpenid(openid);
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return user;
}
