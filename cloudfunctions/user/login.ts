/**
 * `user.login`: the caller's user, created on its first call from the OPENID of the call context (never
 * from the payload), and the binding policy applied to the invite code it arrived with.
 */
import { z } from 'zod';
import { BINDING_SOURCES, type BindingSource, isBindingLive } from '../../shared/binding';
import { baseGrade } from '../../shared/config';
import { isAdmin } from '../common/stores/admins';
import { type BindingResult, applyInviteCode } from '../common/workflows/binding';
import { activateIfOpenMode } from '../common/workflows/distributors';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { bumpStats } from '../common/stores/stats';
import { inTransaction } from '../common/platform/tx';
import { type UserDoc, findUserById, findUserByOpenid, userIdOf } from '../common/stores/users';

/** The name a new user carries until it sets one (`user.updateProfile`). */
export const DEFAULT_NICKNAME = '微信用户';

const LOGIN_SOURCES = BINDING_SOURCES.filter((s): s is Exclude<BindingSource, 'order'> => s !== 'order');

export const loginSchema = z.object({
  inviteCode: z.string({ error: '邀请码必须是文字' }).max(64, { error: '邀请码过长' }).optional(),
  /** Where the code came from: a shared page link or a QR poster's scene. */
  source: z.enum(LOGIN_SOURCES, { error: '来源必须是 share_link 或 poster' }).optional(),
});

/**
 * The user document for this OPENID, created if there is none – by id (users.ts userIdOf), inside a
 * transaction: two first logins at once both try to create it; the second conflicts, is retried, and
 * finds the first one's document.
 */
async function ensureUser(openid: string, now: number, gradeId: string): Promise<UserDoc> {
  const existing = await findUserByOpenid(openid);
  if (existing) return existing;
  const user: UserDoc = {
    _id: userIdOf(openid),
    openid,
    nickname: DEFAULT_NICKNAME,
    avatarUrl: '',
    createdAt: now,
    inviterId: null,
    uplines: [],
    boundAt: null,
    bindingSource: null,
    distributorStatus: 'none',
    distributorSince: null,
    gradeId,
  };
  return inTransaction(async (t) => {
    const ref = t.collection(COLLECTIONS.users).doc(user._id);
    const { data } = await ref.get();
    if (data) return data as UserDoc;
    const { _id: _ignored, ...fields } = user;
    await ref.set({ data: fields });
    await bumpStats(t, now, user._id, { daily: { newUsers: 1 }, totals: { users: 1 } });
    return user;
  });
}

export interface LoginResult {
  userId: string;
  inviterId: string | null;
  isAdmin: boolean;
  distributorStatus: UserDoc['distributorStatus'];
  inviteCode: string | null;
  gradeId: string;
  nickname: string;
  avatarUrl: string;
  /** What became of the invite code sent with this login (null when none was sent). */
  binding: BindingResult | null;
}

export const login = action(loginSchema, async (input, ctx): Promise<LoginResult> => {
  const openid = ctx.requireOpenid();
  const now = Date.now();
  const config = await loadConfig();
  let user = await ensureUser(openid, now, baseGrade(config).gradeId);
  let binding: BindingResult | null = null;
  if (input.inviteCode !== undefined) {
    binding = await applyInviteCode(user, input.inviteCode, input.source ?? 'share_link', config, now);
    if (binding.action !== 'keep') user = (await findUserById(user._id)) ?? user;
  }
  // Open mode makes everyone a distributor (issue 6, common/workflows/distributors.ts): after the binding, so that
  // the inviter's count of direct distributors sees it. A no-op in the other modes.
  user = await activateIfOpenMode(user, config);
  const live =
    user.inviterId && typeof user.boundAt === 'number'
      ? isBindingLive({ inviterId: user.inviterId, boundAt: user.boundAt }, now, config)
      : false;
  return {
    userId: user._id,
    // An expired binding no longer holds the user (it earns nobody anything): shown as none.
    inviterId: live ? user.inviterId : null,
    isAdmin: await isAdmin(openid),
    distributorStatus: user.distributorStatus,
    inviteCode: user.distributorStatus === 'active' ? (user.inviteCode ?? null) : null,
    gradeId: user.gradeId,
    nickname: user.nickname,
    avatarUrl: user.avatarUrl,
    binding,
  };
});
