/**
 * Order status changes that two functions make – the buyer in `order` and the timer in `settle`:
 * closing an unpaid order (cancel / expire) and receipt (confirmReceipt / autoConfirm).
 */
import type { MerchantConfig } from '../../../shared/config';
import { settleDueAt } from '../../../shared/order-status';
import { COLLECTIONS } from '../platform/db';
import { type OrderDoc, orderTransition, transitionOrder } from '../stores/orders';
import { closeUnpaidPayment } from '../platform/pay';
import { restoreStockInTx } from '../stores/products';
import { inTransaction } from '../platform/tx';

export type CloseOutcome =
  /** closed now, stock given back */
  | 'cancelled'
  /** it was no longer unpaid (paid, or closed by someone else) */
  | 'changed'
  /** WeChat Pay says the buyer paid: left open for the payment notification */
  | 'paid'
  /** WeChat Pay could not tell: left open, try later */
  | 'unknown';

/**
 * Closes an unpaid order and gives its stock back, exactly once (the status change and the stock are one
 * transaction, conditional on the status). If a payment was ever opened for it, the payment is closed
 * first, so that the buyer cannot pay a cancelled order; should WeChat Pay say it was paid already, the
 * order stays open and the payment notification makes it paid. (A payment that still slips through is
 * refunded automatically by payNotify.)
 */
export async function closeUnpaidOrder(order: OrderDoc, event: 'cancel' | 'expire'): Promise<CloseOutcome> {
  if (order.payRequestedAt !== null) {
    const payment = await closeUnpaidPayment(order.outTradeNo);
    if (payment !== 'closed') return payment;
  }
  return inTransaction(async (t) => {
    const ref = t.collection(COLLECTIONS.orders).doc(order._id);
    const fresh = (await ref.get()).data as OrderDoc | null;
    if (!fresh || fresh.status !== 'unpaid') return 'changed';
    const now = Date.now();
    await ref.update({
      data: { ...orderTransition(fresh, { type: event }), cancelledAt: now, updatedAt: now },
    });
    await restoreStockInTx(
      t,
      fresh.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
    );
    return 'cancelled';
  });
}

/**
 * Receipt: by the buyer, or by the timer `autoConfirmDays` after shipping. From the moment of receipt
 * the return window runs; `settleAt` is when it closes and the commission may settle.
 */
export async function markReceived(
  order: OrderDoc,
  event: 'confirmReceipt' | 'autoConfirm',
  receivedAt: number,
  config: Pick<MerchantConfig, 'order'>,
): Promise<void> {
  await transitionOrder(order, { type: event }, { receivedAt, settleAt: settleDueAt(receivedAt, config) });
}
