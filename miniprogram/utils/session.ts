/**
 * The caller's login, once per launch (and again when an entry brings a new inviter): `user.login` with
 * the kept invite code. Pages ask `ensureLogin()` for who the user is (distributor status, own invite
 * code for shares, admin flag).
 */
import { login, type LoginResult } from '../services/user/index';
import { loginInvite } from './invite';

let current: Promise<LoginResult> | null = null;

/** Logs in when not yet logged in (or when `again`), sending the kept inviter. */
export function ensureLogin(again = false): Promise<LoginResult> {
  if (!current || again) {
    const attempt = login(loginInvite());
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) current = null; // a failed login is tried again next time
    });
  }
  return current;
}

/** The sharer's own invite code: an active distributor's code, else null (a share then carries none). */
export async function ownInviteCode(): Promise<string | null> {
  try {
    return (await ensureLogin()).inviteCode;
  } catch {
    return null;
  }
}

/** Forget the login (tests; after a profile or distributor change the next call logs in again). */
export function resetSession(): void {
  current = null;
}
