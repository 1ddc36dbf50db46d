/**
 * Every change of a user's distributor status, in one transaction each: applying, an admin's review,
 * appointing, disabling and re-enabling. The rules of which change is allowed are shared/distributor.ts;
 * this module writes what goes with a change:
 *
 * - the first activation assigns a unique invite code (drawn again when the unique index says it is
 *   taken), `distributorSince` and the base grade; a re-activation keeps all three;
 * - the inviter's `accounts.directDistributors` counts its ACTIVE direct distributors (grades.ts), so it
 *   moves by +1 / −1 whenever a direct invitee becomes or stops being active, and the inviter's grade is
 *   re-evaluated on the spot (upgrade only, grades.ts);
 * - statistics: `statsTotals.distributors` (active now) and `statsDaily.newDistributors` (first
 *   activations of the day).
 *
 * Becoming a distributor never costs anything and never pays anything: there is no entry fee and no
 * bonus for a recruit (anti-pyramid-selling rules) – commission only ever comes from a sale.
 *
 * Repeats: an admin action whose outcome already holds (approving an active distributor, disabling a
 * disabled one) answers `changed: false` and writes nothing, so a double click is harmless; a change the
 * current status does not allow is CONFLICT. A user's own `apply` keeps the state machine's refusals
 * ("申请正在审核中"), which say more to the user.
 */
import { type MerchantConfig, baseGrade } from '../../../shared/config';
import {
  type DistributorEvent,
  type DistributorStatus,
  nextDistributorStatus,
} from '../../../shared/distributor';
import { AppError, isAppError } from '../../../shared/errors';
import { type GradeFigures, evaluateGrade } from '../../../shared/grades';
import { loadConfig } from '../stores/config';
import { COLLECTIONS, _, type Doc, type Transaction } from '../platform/db';
import { withFreshInviteCode } from '../platform/invite-codes';
import { type AccountDoc, readAccount } from '../stores/accounts';
import { MoneyEffects } from '../stores/ledger';
import { inTransaction } from '../platform/tx';
import { type UserDoc, findUserById } from '../stores/users';

export type DistributorAction = 'apply' | 'approve' | 'reject' | 'appoint' | 'disable';

export interface TransitionOptions {
  /** Who decided: an admin's OPENID, `self` for the user's own application, `login` for open mode. */
  actor: string;
  /** The applicant's details (apply). */
  application?: { realName: string | null; phone: string | null };
  /** Why (an admin's review or status change); shown to the applicant after a rejection. */
  reason?: string | null;
  /** Default Date.now(). */
  now?: number;
}

export interface TransitionResult {
  user: UserDoc;
  changed: boolean;
}

/** The figures grades are judged on, as accounts keep them in step with events (accounts.ts). */
export function gradeFiguresOf(account: AccountDoc): GradeFigures {
  return {
    settledSalesFen: account.settledSalesFen,
    commissionEarnedFen: account.commissionEarnedFen,
    directDistributors: account.directDistributors,
  };
}

function eventOf(action: DistributorAction, config: MerchantConfig): DistributorEvent {
  return action === 'apply' ? { type: 'apply', mode: config.distributorMode } : { type: action };
}

/** Whether an admin's action finds its outcome already in place (a double click, a replay). */
function alreadyDone(action: DistributorAction, user: UserDoc): boolean {
  const status = user.distributorStatus ?? 'none';
  switch (action) {
    case 'approve':
    case 'appoint':
      return status === 'active';
    case 'disable':
      return status === 'disabled';
    case 'reject':
      return status === 'none' && user.application?.approved === false;
    case 'apply':
      return false;
  }
}

/** 成为/审核/指定/停用分销商（事务内，含邀请码、上级直推人数与统计） */
export async function transitionDistributor(
  userId: string,
  action: DistributorAction,
  options: TransitionOptions,
): Promise<TransitionResult> {
  const config = await loadConfig();
  const now = options.now ?? Date.now();
  return withFreshInviteCode((inviteCode) =>
    inTransaction((t) => transitionIn(t, { userId, action, options, config, now, inviteCode })),
  );
}

interface TransitionWork {
  userId: string;
  action: DistributorAction;
  options: TransitionOptions;
  config: MerchantConfig;
  now: number;
  inviteCode: string;
}

async function transitionIn(t: Transaction, work: TransitionWork): Promise<TransitionResult> {
  const { userId, action, options, config, now } = work;
  const users = t.collection(COLLECTIONS.users);
  const { data } = await users.doc(userId).get();
  if (!data) throw new AppError('NOT_FOUND', '用户不存在');
  const user = data as UserDoc;
  if (alreadyDone(action, user)) return { user, changed: false };

  const before: DistributorStatus = user.distributorStatus ?? 'none';
  const after = nextDistributorStatus(before, eventOf(action, config));
  const patch: Doc = { distributorStatus: after, distributorUpdatedAt: now };
  const firstActivation = after === 'active' && !user.distributorSince;

  if (action === 'apply') {
    patch.application = {
      realName: options.application?.realName ?? null,
      phone: options.application?.phone ?? null,
      appliedAt: now,
      // Open mode decides at once; apply mode waits for an admin.
      reviewedAt: after === 'active' ? now : null,
      reviewedBy: after === 'active' ? 'auto' : null,
      approved: after === 'active' ? true : null,
      reason: null,
    };
  } else if (action === 'approve' || action === 'reject') {
    patch.application = {
      realName: user.application?.realName ?? null,
      phone: user.application?.phone ?? null,
      appliedAt: user.application?.appliedAt ?? now,
      reviewedAt: now,
      reviewedBy: options.actor,
      approved: action === 'approve',
      reason: options.reason ?? null,
    };
  }
  if (after === 'active') {
    if (!user.inviteCode) patch.inviteCode = work.inviteCode;
    if (firstActivation) {
      patch.distributorSince = now;
      patch.gradeId = baseGrade(config).gradeId;
    }
  }
  if (action === 'disable' || (action === 'appoint' && before === 'disabled')) {
    patch.statusReason = options.reason ?? null;
    patch.statusChangedBy = options.actor;
  }
  // `application` is replaced whole (_.set): a plain object in update() would merge field by field.
  const update: Doc = { ...patch };
  if (patch.application) update.application = _.set(patch.application);
  await users.doc(userId).update({ data: update });

  // The account carries a copy of the status (withdrawals decide on the account alone): every change
  // writes it, and the first activation creates the account.
  const effects = new MoneyEffects();
  effects.status(userId, after);
  const activeDelta = (after === 'active' ? 1 : 0) - (before === 'active' ? 1 : 0);
  if (activeDelta !== 0) {
    if (user.inviterId) await countDirectDistributor(t, effects, user.inviterId, activeDelta, config, now);
    effects.count({
      totals: { distributors: activeDelta },
      daily: firstActivation ? { newDistributors: 1 } : {},
    });
  }
  await effects.write(t, now, userId);
  return { user: { ...user, ...patch } as UserDoc, changed: true };
}

/** The inviter's count of active direct distributors, and the upgrade it may earn. */
async function countDirectDistributor(
  t: Transaction,
  effects: MoneyEffects,
  inviterId: string,
  delta: number,
  config: MerchantConfig,
  now: number,
): Promise<void> {
  effects.figures(inviterId, { directDistributors: delta });
  if (delta <= 0) return;
  const account = await readAccount(t, inviterId, now);
  const figures: AccountDoc = { ...account, directDistributors: account.directDistributors + delta };
  const { data } = await t.collection(COLLECTIONS.users).doc(inviterId).get();
  const inviter = data as UserDoc | null;
  if (!inviter || (inviter.distributorStatus !== 'active' && inviter.distributorStatus !== 'disabled'))
    return;
  const currentGradeId = inviter.gradeId ?? baseGrade(config).gradeId;
  const gradeId = evaluateGrade({ currentGradeId, figures: gradeFiguresOf(figures), grades: config.grades });
  if (gradeId !== currentGradeId) {
    await t
      .collection(COLLECTIONS.users)
      .doc(inviterId)
      .update({ data: { gradeId, gradeUpdatedAt: now } });
  }
}

/**
 * For `user.login` in open mode ("everyone is a distributor"): activates a user who is not one yet.
 * Any other mode, or a user who already has a status, is left as it is. Never fails the login: a
 * concurrent login that activated first is fine, anything else is logged and the user stays as it was.
 */
export async function activateIfOpenMode(user: UserDoc, config?: MerchantConfig): Promise<UserDoc> {
  if ((user.distributorStatus ?? 'none') !== 'none') return user;
  const mode = (config ?? (await loadConfig())).distributorMode;
  if (mode !== 'open') return user;
  try {
    return (await transitionDistributor(user._id, 'apply', { actor: 'login' })).user;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'CONFLICT') console.error('[activateIfOpenMode]', error);
    return (await findUserById(user._id)) ?? user;
  }
}
