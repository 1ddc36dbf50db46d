/**
 * The settle run's phases, each over an indexed query on status + due time (database/collections.json:
 * orders `unpaidExpiry`, `autoConfirm`, `settle`; refunds `status`), oldest due first:
 *
 *  1. expire      – unpaid orders past `unpaidTimeoutMinutes`: closed, stock given back;
 *  2. autoConfirm – shipped orders `autoConfirmDays` after shipping: received;
 *  3. settle      – received orders whose return window has closed, with no open refund: commission
 *                   pending → settled, order completed;
 *  4. refunds     – approved refunds that were interrupted before they finished: finished.
 * Every change is conditional on the status it found (inside a transaction where several documents move),
 * so two runs at once never apply anything twice: the loser of a race finds the order moved on.
 */
import type { MerchantConfig } from '../../shared/config';
import { MINUTE_MS } from '../../shared/time';
import { COLLECTIONS, type Doc, _, db } from '../common/platform/db';
import { closeUnpaidOrder, markReceived } from '../common/workflows/order-transitions';
import type { OrderDoc } from '../common/stores/orders';
import { executeRefund } from '../common/workflows/refunds';
import { type Budget, type Drained, drain, drainChunks } from './budget';
import { type OrderSettlement, SETTLE_CHUNK, settleOrders } from './settlement';

export interface RunCounts {
  expired: number;
  /** Unpaid orders past their timeout that WeChat Pay says were paid (or could not tell): left open. */
  expiryDeferred: number;
  autoConfirmed: number;
  settled: number;
  commissionsSettled: number;
  settledFen: number;
  refundsResumed: number;
  upgraded: number;
  failed: number;
}

export function emptyCounts(): RunCounts {
  return {
    expired: 0,
    expiryDeferred: 0,
    autoConfirmed: 0,
    settled: 0,
    commissionsSettled: 0,
    settledFen: 0,
    refundsResumed: 0,
    upgraded: 0,
    failed: 0,
  };
}

/** Refunds approved this long ago and still not finished were interrupted (a normal one takes seconds). */
export const STUCK_REFUND_MS = 5 * MINUTE_MS;

function dueOrders(status: string, dueField: 'expiresAt' | 'autoConfirmAt' | 'settleAt') {
  return async (exclude: string[], limit: number): Promise<Doc[]> => {
    const where: Doc = { status, [dueField]: _.lte(Date.now()) };
    if (exclude.length > 0) where._id = _.nin(exclude);
    const { data } = await db
      .collection(COLLECTIONS.orders)
      .where(where)
      .orderBy(dueField, 'asc')
      .limit(limit)
      .get();
    return data;
  };
}

export interface PhaseContext {
  budget: Budget;
  config: MerchantConfig;
  counts: RunCounts;
  /** Called for every settled order (after its transaction committed). */
  onSettled: (settlement: OrderSettlement) => void;
}

function logFailure(phase: string, counts: RunCounts) {
  return (doc: Doc, error: unknown) => {
    counts.failed += 1;
    console.error(`[settle] ${phase} ${String(doc._id)}`, error);
  };
}

export function expireUnpaid({ budget, counts }: PhaseContext): Promise<Drained> {
  return drain(
    budget,
    dueOrders('unpaid', 'expiresAt'),
    async (doc) => {
      const outcome = await closeUnpaidOrder(doc as OrderDoc, 'expire');
      if (outcome === 'cancelled') counts.expired += 1;
      if (outcome === 'paid' || outcome === 'unknown') counts.expiryDeferred += 1;
      return outcome === 'cancelled';
    },
    logFailure('expire', counts),
  );
}

/**
 * Receipt is deemed to happen at the due time, not when this run got to it: a late or interrupted timer
 * does not push the return window (and the commission) back.
 */
export function autoConfirm({ budget, config, counts }: PhaseContext): Promise<Drained> {
  return drain(
    budget,
    dueOrders('shipped', 'autoConfirmAt'),
    async (doc) => {
      const order = doc as OrderDoc;
      await markReceived(order, 'autoConfirm', order.autoConfirmAt ?? Date.now(), config);
      counts.autoConfirmed += 1;
      return true;
    },
    logFailure('autoConfirm', counts),
  );
}

export function settleDue({ budget, counts, onSettled }: PhaseContext): Promise<Drained> {
  return drainChunks(budget, dueOrders('received', 'settleAt'), SETTLE_CHUNK, async (docs) => {
    const ids = docs.map((doc) => String(doc._id));
    let settled: OrderSettlement[];
    try {
      settled = await settleOrders(ids, Date.now());
    } catch (error) {
      counts.failed += ids.length;
      console.error(`[settle] settle ${ids.join(',')}`, error);
      return ids;
    }
    for (const settlement of settled) {
      counts.settled += 1;
      counts.commissionsSettled += settlement.commissions.length;
      counts.settledFen += settlement.commissions.reduce((sum, c) => sum + c.amountFen, 0);
      onSettled(settlement);
    }
    const done = new Set(settled.map((s) => s.orderId));
    return ids.filter((id) => !done.has(id));
  });
}

export function resumeRefunds({ budget, counts }: PhaseContext): Promise<Drained> {
  return drain(
    budget,
    async (exclude, limit) => {
      const where: Doc = { status: 'approved', approvedAt: _.lte(Date.now() - STUCK_REFUND_MS) };
      if (exclude.length > 0) where._id = _.nin(exclude);
      const { data } = await db.collection(COLLECTIONS.refunds).where(where).limit(limit).get();
      return data;
    },
    async (doc) => {
      await executeRefund(String(doc._id));
      counts.refundsResumed += 1;
      return true;
    },
    logFailure('refund', counts),
  );
}
