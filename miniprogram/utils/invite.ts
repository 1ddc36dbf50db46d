/**
 * Who invited this buyer: captured on every entry, kept across launches, sent with `user.login` and
 * `order.create`. An entry carries the inviter as
 * - `?inviteCode=` on a shared page link (onShareAppMessage) or a timeline share (onShareTimeline's query);
 * - `scene` on a mini program code (a poster): URL-encoded, decoded by shared/invite-code.ts decodeScene,
 *   which also names the page the code opens (home, shop, a product).
 * The newest valid code wins here; whether it rebinds the buyer is the server's binding policy.
 */
import { decodeScene, normalizeInviteCode } from '../shared/index';
import type { LoginInput } from '../services/user/index';

export const INVITE_STORAGE_KEY = 'mall.invite';

export type InviteSource = NonNullable<LoginInput['source']>;

export interface CapturedInvite {
  inviteCode: string;
  source: InviteSource;
  capturedAt: number;
  /** The product a poster's code opens, when it opens one. */
  productId?: string;
}

/** What an entry's query may carry (App onLaunch/onShow options.query, a page's onLoad query). */
export type EntryQuery = Record<string, string | undefined> | undefined | null;

/** Reads the inviter from an entry's query, without storing it; null when it carries none (or a bad one). */
export function readInvite(query: EntryQuery, now = Date.now()): CapturedInvite | null {
  if (!query) return null;
  const linked = normalizeInviteCode(query.inviteCode ?? '');
  if (linked) return { inviteCode: linked, source: 'share_link', capturedAt: now };
  if (query.scene) {
    const scene = decodeScene(query.scene);
    if (scene) {
      const productId = scene.page.kind === 'goods' ? scene.page.productId : undefined;
      return {
        inviteCode: scene.inviteCode,
        source: 'poster',
        capturedAt: now,
        ...(productId ? { productId } : {}),
      };
    }
  }
  return null;
}

/** Reads and keeps the inviter of an entry; returns what was captured (null: nothing new). */
export function captureInvite(query: EntryQuery, now = Date.now()): CapturedInvite | null {
  const invite = readInvite(query, now);
  if (invite) wx.setStorageSync(INVITE_STORAGE_KEY, invite);
  return invite;
}

/** The inviter kept from the latest entry that carried one. */
export function storedInvite(): CapturedInvite | null {
  const value = wx.getStorageSync(INVITE_STORAGE_KEY) as CapturedInvite | '' | undefined;
  return value && typeof value === 'object' && normalizeInviteCode(value.inviteCode) ? value : null;
}

/** The `user.login` fields for the kept inviter (empty when there is none). */
export function loginInvite(): Pick<LoginInput, 'inviteCode' | 'source'> {
  const invite = storedInvite();
  return invite ? { inviteCode: invite.inviteCode, source: invite.source } : {};
}

/** The `order.create` field for the kept inviter. */
export function orderInvite(): { inviteCode?: string } {
  const invite = storedInvite();
  return invite ? { inviteCode: invite.inviteCode } : {};
}

/** A page path with the sharer's own code appended: `/pages/x/index?id=1&inviteCode=ABC`. */
export function sharePath(page: string, params: Record<string, string>, ownCode: string | null): string {
  const query = Object.entries({ ...params, ...(ownCode ? { inviteCode: ownCode } : {}) })
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return query ? `${page}?${query}` : page;
}

/** The query of a timeline share (onShareTimeline takes a query string, not a path). */
export function shareQuery(params: Record<string, string>, ownCode: string | null): string {
  return sharePath('', params, ownCode).replace(/^\?/, '');
}
