/**
 * What else happens when an order's commission has settled (after its transaction committed): the
 * place for "commission arrived" subscribe messages. A failure here is logged and never undoes or
 * repeats the settlement.
 */
import { notifyCommissionsSettled } from '../common/messages';
import type { OrderSettlement } from './settle-order';

export type SettlementHook = (settlement: OrderSettlement) => Promise<void>;

/** Hooks run in order for every settled order; add one here (e.g. common/messages.ts). */
export const settlementHooks: SettlementHook[] = [
  // 佣金到账提醒 (issue 6): one subscribe message per beneficiary; fails softly, logged to `messages`.
  (settlement) => notifyCommissionsSettled(settlement),
];

export async function runSettlementHooks(settlement: OrderSettlement): Promise<void> {
  for (const hook of settlementHooks) {
    try {
      await hook(settlement);
    } catch (error) {
      console.error('[settle] hook failed for', settlement.orderId, error);
    }
  }
}
