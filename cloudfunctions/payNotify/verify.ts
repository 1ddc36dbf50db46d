/**
 * A notification is believed only once WeChat Pay's own record agrees. payNotify is a cloud function like
 * any other, so a client could call it with a made-up "paid" event; instead of trusting the event (or the
 * call's SOURCE, whose value for pay callbacks the platform does not document), the payment is looked up
 * with cloudPay.queryOrder before anything is applied or refunded.
 */
import { queryPayment } from '../common/platform/pay';
import { type PaymentNotice, readFen } from './notice';

export type Verification = 'verified' | 'not_verified';

/** Throws when WeChat Pay cannot be asked (the notification is then answered with a retry). */
export async function verifyPayment(notice: PaymentNotice & { outTradeNo: string }): Promise<Verification> {
  const reply = await queryPayment(notice.outTradeNo);
  if (reply.returnCode !== 'SUCCESS')
    throw new Error(`queryOrder ${notice.outTradeNo}: ${String(reply.returnMsg)}`);
  const paid =
    reply.resultCode === 'SUCCESS' && (reply.tradeState === 'SUCCESS' || reply.tradeState === 'REFUND');
  const same =
    readFen(reply.totalFee) === notice.totalFee &&
    (notice.transactionId === null || reply.transactionId === notice.transactionId);
  return paid && same ? 'verified' : 'not_verified';
}
