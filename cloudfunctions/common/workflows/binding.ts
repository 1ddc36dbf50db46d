/**
 * Applying the binding policy (shared/binding.ts `decideBinding`) to the database: who a user belongs
 * to, the history of every binding, `users.uplines` and the team counts of the uplines.
 *
 * Exactly how:
 * - The decision is taken inside a transaction that reads the user, the inviter and the inviter's WHOLE
 *   ancestor chain (by `inviterId`, one hop at a time – `uplines` may lag behind, see below), so the
 *   cycle check sees committed data only.
 * - Snapshot isolation alone would still let two concurrent bindings close a cycle (A binds under B while
 *   B binds under A: each transaction reads the other's old, unbound state and they write different
 *   documents – write skew). So every transaction that changes the tree also writes one lock document
 *   (`jobs/bindingLock`): changes of the tree conflict with each other and are retried one after the
 *   other, each seeing the one before. Logins that change nothing (`keep`) never take it.
 * - Team counts (`accounts.team`) of the old and the new three uplines move by the user AND its subtree
 *   (the user's own `team.level1/level2` say how many children and grandchildren move with it), in the
 *   same transaction; `directDistributors` moves too when the user is an active distributor.
 * - The user's own `uplines` are written in the transaction; its children's and grandchildren's (the only
 *   descendants whose three nearest ancestors change) right after, by two conditional multi-document
 *   updates. Nothing decides on them: they serve team listings, and commission chains are built from
 *   `inviterId`.
 */
import {
  BINDING_REASON_TEXT,
  type BindingAction,
  type BindingReason,
  type BindingSource,
  type CurrentBinding,
  bindingExpiresAt,
  decideBinding,
} from '../../../shared/binding';
import type { MerchantConfig } from '../../../shared/config';
import { normalizeInviteCode } from '../../../shared/invite-code';
import { AccountDeltas, readAccount } from '../stores/accounts';
import { COLLECTIONS, type Transaction, _, db } from '../platform/db';
import { newId } from '../platform/ids';
import { inTransaction } from '../platform/tx';
import { type UserDoc, findUserById, findUserByInviteCode } from '../stores/users';

export const BINDING_LOCK_ID = 'bindingLock';
/** Deeper than any real distribution tree; a longer walk means broken data, and binding is refused. */
const MAX_CHAIN_DEPTH = 500;
export const MAX_UPLINES = 3;

export interface BindingResult {
  action: BindingAction;
  reason: BindingReason;
  /** For the mini program: why the user is (or is not) bound to this inviter. */
  message: string;
  /** The user's inviter after the decision. */
  inviterId: string | null;
}

type ReadUser = (userId: string) => Promise<UserDoc | null>;

interface Ancestors {
  ids: string[];
  /** The walk stopped at MAX_CHAIN_DEPTH: the chain cannot be checked. */
  truncated: boolean;
}

/**
 * The inviters above `start`, nearest first, read one hop at a time. Stops at the top, at a repeat (old
 * data with a cycle), after `max` ids, or right after `stopAt` (found: enough for a cycle check).
 */
async function ancestorsOf(
  start: UserDoc,
  read: ReadUser,
  options: { max?: number; stopAt?: string } = {},
): Promise<Ancestors> {
  const max = options.max ?? MAX_CHAIN_DEPTH;
  const ids: string[] = [];
  const seen = new Set([start._id]);
  let next = start.inviterId;
  while (next && !seen.has(next)) {
    if (ids.length >= max) return { ids, truncated: max === MAX_CHAIN_DEPTH };
    ids.push(next);
    seen.add(next);
    if (next === options.stopAt) break;
    next = (await read(next))?.inviterId ?? null;
  }
  return { ids, truncated: false };
}

function currentBinding(user: UserDoc): CurrentBinding | null {
  return user.inviterId && typeof user.boundAt === 'number'
    ? { inviterId: user.inviterId, boundAt: user.boundAt }
    : null;
}

interface Decided {
  action: BindingAction;
  reason: BindingReason;
  ancestors: string[];
}

async function decide(
  user: UserDoc,
  inviter: UserDoc,
  read: ReadUser,
  config: MerchantConfig,
  now: number,
): Promise<Decided> {
  const walk = await ancestorsOf(inviter, read, { stopAt: user._id });
  // A chain too deep to check is treated like a cycle: binding is refused, never guessed.
  if (walk.truncated) return { action: 'keep', reason: 'cycle', ancestors: walk.ids };
  const decision = decideBinding({
    userId: user._id,
    inviter: { userId: inviter._id, distributorStatus: inviter.distributorStatus },
    current: currentBinding(user),
    inviterAncestors: walk.ids,
    config,
    now,
  });
  return { ...decision, ancestors: walk.ids };
}

const result = (d: { action: BindingAction; reason: BindingReason }, inviterId: string | null) => ({
  action: d.action,
  reason: d.reason,
  message: BINDING_REASON_TEXT[d.reason],
  inviterId,
});

/**
 * The counts that move when `user` (with `children` and `grandchildren` below it) leaves or joins the
 * subtrees of `uplines`: the upline at depth d gains or loses the user at level d+1, its children at d+2, ...
 */
function moveTeam(deltas: AccountDeltas, uplines: readonly string[], counts: number[], sign: 1 | -1): void {
  uplines.slice(0, MAX_UPLINES).forEach((uplineId, depth) => {
    const team = { level1: 0, level2: 0, level3: 0 };
    const keys = ['level1', 'level2', 'level3'] as const;
    for (let k = 0; depth + k < MAX_UPLINES; k += 1) team[keys[depth + k]] += sign * counts[k];
    deltas.figures(uplineId, { team });
  });
}

/**
 * Applies an invite code to a user through the merchant's binding policy. Never refuses: a code that is
 * malformed or unknown, or a binding the policy does not allow, leaves the binding as it is and says why.
 */
export async function applyInviteCode(
  user: UserDoc,
  rawCode: string,
  source: BindingSource,
  config: MerchantConfig,
  now: number,
): Promise<BindingResult> {
  const code = normalizeInviteCode(rawCode);
  const inviter = code ? await findUserByInviteCode(code) : null;
  if (!code || !inviter) return result({ action: 'keep', reason: 'no_inviter' }, user.inviterId);

  // Most visits through a link change nothing (already bound, first-touch wins): decided without a
  // transaction, and without the lock.
  const outside = await decide(user, inviter, findUserById, config, now);
  if (outside.action === 'keep') return result(outside, user.inviterId);

  const applied = await inTransaction(
    async (t) => {
      const read: ReadUser = async (id) =>
        ((await t.collection(COLLECTIONS.users).doc(id).get()).data as UserDoc | null) ?? null;
      const fresh = await read(user._id);
      const freshInviter = await read(inviter._id);
      if (!fresh || !freshInviter)
        return { ...result({ action: 'keep', reason: 'no_inviter' }, null), uplines: [] };
      const decided = await decide(fresh, freshInviter, read, config, now);
      if (decided.action === 'keep') return { ...result(decided, fresh.inviterId), uplines: [] };

      await t
        .collection(COLLECTIONS.jobs)
        .doc(BINDING_LOCK_ID)
        .set({ data: { userId: fresh._id, inviterId: freshInviter._id, at: now } });
      const uplines = [freshInviter._id, ...decided.ancestors].slice(0, MAX_UPLINES);
      await rebindInTx(t, fresh, freshInviter, uplines, read, { ...decided, source, code, config, now });
      return { ...result(decided, freshInviter._id), uplines };
    },
    // Binding changes queue on the lock: allow more turns than the default.
    { attempts: 20 },
  );
  if (applied.action !== 'keep') await rewriteDescendantUplines(user._id, applied.uplines);
  return {
    action: applied.action,
    reason: applied.reason,
    message: applied.message,
    inviterId: applied.inviterId,
  };
}

interface RebindContext {
  action: BindingAction;
  reason: BindingReason;
  source: BindingSource;
  code: string;
  config: MerchantConfig;
  now: number;
}

async function rebindInTx(
  t: Transaction,
  user: UserDoc,
  inviter: UserDoc,
  uplines: string[],
  read: ReadUser,
  ctx: RebindContext,
): Promise<void> {
  const { now } = ctx;
  const oldUplines = (await ancestorsOf(user, read, { max: MAX_UPLINES })).ids;
  const own = await readAccount(t, user._id, now);
  const counts = [1, own.team.level1, own.team.level2];
  const deltas = new AccountDeltas();
  moveTeam(deltas, oldUplines, counts, -1);
  moveTeam(deltas, uplines, counts, 1);
  if (user.distributorStatus === 'active') {
    if (user.inviterId) deltas.figures(user.inviterId, { directDistributors: -1 });
    deltas.figures(inviter._id, { directDistributors: 1 });
  }
  await deltas.write(t, now);

  await t
    .collection(COLLECTIONS.users)
    .doc(user._id)
    .update({
      data: { inviterId: inviter._id, uplines: _.set(uplines), boundAt: now, bindingSource: ctx.source },
    });
  await t.collection(COLLECTIONS.bindings).add({
    data: {
      _id: newId(),
      userId: user._id,
      inviterId: inviter._id,
      previousInviterId: user.inviterId ?? null,
      action: ctx.action,
      reason: ctx.reason,
      source: ctx.source,
      inviteCode: ctx.code,
      at: now,
      boundAt: now,
      expiresAt: bindingExpiresAt(now, ctx.config),
    },
  });
}

/** Children get `[user, ...its uplines]`, grandchildren `[child, user, its inviter]`. */
async function rewriteDescendantUplines(userId: string, uplines: readonly string[]): Promise<void> {
  const users = db.collection(COLLECTIONS.users);
  await users.where({ inviterId: userId }).update({
    data: { uplines: _.set([userId, ...uplines].slice(0, MAX_UPLINES)) },
  });
  await users.where({ 'uplines.1': userId }).update({ data: { 'uplines.2': uplines[0] } });
}
