/**
 * The buyer's commission chain at payment: its inviter, that one's inviter and the next, read inside the
 * payment transaction. The walk stops at the first hop whose binding is no longer live (validDays): an
 * expired binding holds nobody, neither the buyer nor anyone above (shared/binding.ts).
 */
import { isBindingLive } from '../../shared/binding';
import type { ChainMember } from '../../shared/commission';
import { MAX_LEVELS, type MerchantConfig } from '../../shared/config';
import { COLLECTIONS, type Transaction } from '../common/db';
import type { UserDoc } from '../common/users';

export function chainMember(user: UserDoc): ChainMember {
  return { userId: user._id, distributorStatus: user.distributorStatus, gradeId: user.gradeId };
}

export async function readUplines(
  t: Transaction,
  buyer: UserDoc,
  config: Pick<MerchantConfig, 'binding'>,
  now: number,
): Promise<ChainMember[]> {
  const uplines: ChainMember[] = [];
  const seen = new Set([buyer._id]);
  let current = buyer;
  while (uplines.length < MAX_LEVELS) {
    const { inviterId, boundAt } = current;
    if (!inviterId || typeof boundAt !== 'number') break;
    if (!isBindingLive({ inviterId, boundAt }, now, config)) break;
    if (seen.has(inviterId)) break;
    const { data } = await t.collection(COLLECTIONS.users).doc(inviterId).get();
    if (!data) break;
    const next = data as UserDoc;
    uplines.push(chainMember(next));
    seen.add(next._id);
    current = next;
  }
  return uplines;
}
