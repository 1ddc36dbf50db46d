/**
 * Identifiers made by the functions themselves: document ids chosen before a write (so that the ledger
 * entry of a withdrawal can name it in the same transaction) and distributors' invite codes.
 */
import crypto from 'node:crypto';
import { INVITE_RANDOM_BYTES, generateInviteCode } from '../../../shared/invite-code';

/** 32 lowercase hex digits, the shape of CloudBase's own `_id`s (a poster scene can pack it). */
export function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** A fresh invite code; the caller stores it under the unique index and draws again on a clash. */
export function newInviteCode(): string {
  return generateInviteCode(crypto.randomBytes(INVITE_RANDOM_BYTES));
}
