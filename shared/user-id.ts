/**
 * A user's `_id`, derived from its OPENID: the functions read the caller's user and account documents by
 * id – one call, possible inside a transaction, which allows no queries. A SHA-256 digest, so the id
 * (shown in pages, posters, logs) does not reveal the OPENID; 32 lowercase hex digits, the shape of
 * CloudBase's own ids.
 */
import { createHash } from 'node:crypto';

export function userIdOf(openid: string): string {
  return createHash('sha256').update(`user:${openid}`).digest('hex').slice(0, 32);
}
