/**
 * The buyer's commission chain – its inviter, that one's inviter and the next – as it stands when the
 * order is placed: the plan of the order's commission (`order.commissionSnapshot`), which the payment
 * then applies without reading any user. The walk stops at the first hop whose binding is no longer live
 * (validDays): an expired binding holds nobody, neither the buyer nor anyone above (shared/binding.ts).
 *
 * Cost: one query for the ids the buyer's `uplines` name (kept by binding.ts); a hop that `uplines`
 * does not cover (it lags right after a rebinding) is read on its own.
 */
import { isBindingLive } from '../../../shared/binding';
import type { ChainMember, CommissionOrderLine } from '../../../shared/commission';
import { MAX_LEVELS, type MerchantConfig } from '../../../shared/config';
import { COLLECTIONS, docsByIds } from '../platform/db';
import type { CommissionSnapshot, OrderItem } from '../stores/orders';
import { type UserDoc, findUserById } from '../stores/users';

export function chainMember(user: UserDoc): ChainMember {
  return { userId: user._id, distributorStatus: user.distributorStatus, gradeId: user.gradeId };
}

export async function readUplines(
  buyer: UserDoc,
  config: Pick<MerchantConfig, 'binding'>,
  now: number,
): Promise<ChainMember[]> {
  const known = (await docsByIds(COLLECTIONS.users, (buyer.uplines ?? []).slice(0, MAX_LEVELS))) as Map<
    string,
    UserDoc
  >;
  const uplines: ChainMember[] = [];
  const seen = new Set([buyer._id]);
  let current = buyer;
  while (uplines.length < MAX_LEVELS) {
    const { inviterId, boundAt } = current;
    if (!inviterId || typeof boundAt !== 'number') break;
    if (!isBindingLive({ inviterId, boundAt }, now, config)) break;
    if (seen.has(inviterId)) break;
    const next = known.get(inviterId) ?? (await findUserById(inviterId));
    if (!next) break;
    uplines.push(chainMember(next));
    seen.add(next._id);
    current = next;
  }
  return uplines;
}

function snapshotConfig(config: MerchantConfig): CommissionSnapshot['config'] {
  return {
    levels: config.levels,
    rates: config.rates,
    selfPurchase: config.selfPurchase,
    grades: config.grades,
  };
}

export function commissionLines(items: readonly OrderItem[]): CommissionOrderLine[] {
  return items.map((item) => ({
    lineId: item.lineId,
    productId: item.productId,
    quantity: item.quantity,
    paidFen: item.paidFen,
    override: item.commission ?? null,
  }));
}

/** The commission plan of an order for this buyer: chain, rates and lines as they are now. */
export async function planCommission(
  buyer: UserDoc,
  items: readonly OrderItem[],
  config: MerchantConfig,
  now: number,
): Promise<CommissionSnapshot> {
  return {
    buyer: chainMember(buyer),
    uplines: await readUplines(buyer, config, now),
    config: snapshotConfig(config),
    lines: commissionLines(items),
    at: now,
  };
}
