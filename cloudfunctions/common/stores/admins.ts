/**
 * Who is an admin: the OPENIDs of the function's `ADMIN_OPENIDS` environment variable (comma separated,
 * set in the CloudBase console for each function), plus any granted at run time (collection `admins`).
 */
import { AppError } from '../../../shared/errors';
import { COLLECTIONS, db } from '../platform/db';
import type { ActionContext } from '../platform/handler';

export function envAdminOpenids(): string[] {
  return (process.env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function isAdmin(openid: string | null): Promise<boolean> {
  if (!openid) return false;
  if (envAdminOpenids().includes(openid)) return true;
  const { data } = await db.collection(COLLECTIONS.admins).doc(openid).get();
  return data !== null;
}

/** The caller's OPENID if it is an admin; FORBIDDEN otherwise (UNAUTHENTICATED without an OPENID). */
export async function requireAdmin(ctx: ActionContext): Promise<string> {
  const openid = ctx.requireOpenid();
  if (!(await isAdmin(openid))) throw new AppError('FORBIDDEN', '仅管理员可以操作');
  return openid;
}
