/**
 * A WeChat Pay notification as cloudPay delivers it (camelCase), and its record in `paymentNotices`:
 * every notification is kept with what became of it, whether or not it changed anything.
 */
import { COLLECTIONS, type Transaction, db } from '../common/platform/db';
import { newId } from '../common/platform/ids';

export interface PaymentNotice {
  returnCode: string | null;
  resultCode: string | null;
  outTradeNo: string | null;
  transactionId: string | null;
  totalFee: number | null;
  attach: string | null;
  payerOpenid: string | null;
  timeEnd: string | null;
}

export type NoticeOutcome =
  /** the order became paid (with its commissions) */
  | 'applied'
  /** the order was paid already: a retry or a concurrent copy */
  | 'duplicate'
  | 'unknown_order'
  | 'amount_mismatch'
  /** result or return code not SUCCESS */
  | 'not_success'
  /** WeChat Pay's own record does not show the payment: not a genuine notification */
  | 'not_verified'
  /** paid after the order was cancelled: refunded automatically (order.latePayment) */
  | 'paid_after_cancel'
  /** a refund result (refunds are applied when cloudPay.refund accepts them; this is kept for the record) */
  | 'refund_notice'
  /** the event has no out_trade_no */
  | 'malformed'
  /** handling failed inside the mall: answered with a non-zero errcode, so WeChat Pay sends it again */
  | 'error';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/**
 * An amount in fen as WeChat Pay may send it: the documentation does not say whether cloudPay passes
 * `totalFee` on as a number or as the numeric string of WeChat Pay's XML, so both are read; anything
 * else (a fraction, a sign, an exponent, a non-safe integer) is no amount.
 */
export function readFen(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  return null;
}

export function readNotice(event: Record<string, unknown>): PaymentNotice {
  return {
    returnCode: str(event.returnCode),
    resultCode: str(event.resultCode),
    outTradeNo: str(event.outTradeNo),
    transactionId: str(event.transactionId),
    totalFee: readFen(event.totalFee),
    attach: str(event.attach),
    payerOpenid: str(event.subOpenid) ?? str(event.openid),
    timeEnd: str(event.timeEnd),
  };
}

export function isRefundNotice(event: Record<string, unknown>): boolean {
  return typeof event.outRefundNo === 'string' || typeof event.reqInfo === 'string';
}

export interface NoticeRecord {
  outcome: NoticeOutcome;
  orderId?: string | null;
  detail?: string;
}

function noticeDoc(id: string, notice: PaymentNotice, record: NoticeRecord, now: number) {
  return { _id: id, ...notice, orderId: null, ...record, receivedAt: now };
}

/** Records a notification outside any transaction (the outcomes that change nothing). */
export async function recordNotice(notice: PaymentNotice, record: NoticeRecord, now: number): Promise<void> {
  await db.collection(COLLECTIONS.paymentNotices).add({ data: noticeDoc(newId(), notice, record, now) });
}

/** Records the notification that made the order paid, in the same transaction (`id` fixed across retries). */
export async function recordNoticeInTx(
  t: Transaction,
  id: string,
  notice: PaymentNotice,
  record: NoticeRecord,
  now: number,
): Promise<void> {
  await t.collection(COLLECTIONS.paymentNotices).add({ data: noticeDoc(id, notice, record, now) });
}

/** A refund result notification, kept as received. */
export async function recordRefundNotice(event: Record<string, unknown>, now: number): Promise<void> {
  const { userInfo: _userInfo, ...rest } = event;
  await db.collection(COLLECTIONS.paymentNotices).add({
    data: {
      _id: newId(),
      outTradeNo: str(event.outTradeNo),
      outRefundNo: str(event.outRefundNo),
      refundStatus: str(event.refundStatus),
      outcome: 'refund_notice',
      event: rest,
      receivedAt: now,
    },
  });
}
