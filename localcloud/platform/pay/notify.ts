/**
 * WeChat Pay's side of a payment: the user pays, WeChat Pay marks the trade paid and calls the function
 * named in unifiedOrder with the notification event (source `wx_paycallback`). `POST /dev/pay` drives it.
 * A repeated call repeats the notification with the same transaction id and time, as WeChat Pay's retries
 * do, so that the application's idempotency can be tested.
 */
import type { Clock } from '../../clock';
import type { FunctionRunner } from '../../runner/runner';
import { PROVIDER } from './cloudPay';
import { beijingStamp, nonce, transactionId } from './ids';
import type { PaymentRecord, PaymentStore } from './payments';

export interface PayRequest {
  /** The application's order id: matched against out_trade_no and attach (PaymentStore.findForOrder). */
  orderId?: string;
  outTradeNo?: string;
}

export type PayOutcome =
  | { ok: true; outTradeNo: string; transactionId: string; reply: unknown }
  | { ok: false; status: number; code: string; message: string };

export interface NotifierDeps {
  payments: PaymentStore;
  runner: FunctionRunner;
  clock: Clock;
  appId: string;
}

/** The camelCase event cloudPay hands to the callback (public docs; unverified on the wire, NOTES.md §6.4). */
export function notificationEvent(payment: PaymentRecord, appId: string): Record<string, unknown> {
  const paid = payment.paid;
  if (!paid) throw new Error(`payment ${payment.outTradeNo} is not paid`);
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    appid: PROVIDER.appid,
    mchId: PROVIDER.mchId,
    subAppid: appId,
    subMchId: payment.subMchId,
    nonceStr: paid.nonceStr,
    openid: payment.payerOpenid,
    subOpenid: payment.payerOpenid,
    isSubscribe: 'N',
    subIsSubscribe: 'N',
    tradeType: 'JSAPI',
    bankType: 'OTHERS',
    feeType: 'CNY',
    totalFee: payment.totalFee,
    cashFee: payment.totalFee,
    outTradeNo: payment.outTradeNo,
    transactionId: paid.transactionId,
    timeEnd: paid.timeEnd,
    ...(payment.attach !== null ? { attach: payment.attach } : {}),
  };
}

export class PaymentNotifier {
  constructor(private readonly deps: NotifierDeps) {}

  async pay(request: PayRequest): Promise<PayOutcome> {
    const { payments, clock, runner, appId } = this.deps;
    const found = request.outTradeNo
      ? payments.get(request.outTradeNo)
      : request.orderId
        ? payments.findForOrder(request.orderId)
        : undefined;
    if (!found) {
      const key = request.outTradeNo ?? request.orderId ?? '';
      const shown = key.length <= 64 ? key : `${key.slice(0, 64)}…`;
      const which = request.outTradeNo ? `outTradeNo ${shown}` : `order ${shown}`;
      return { ok: false, status: 404, code: 'NOT_FOUND', message: `no unifiedOrder payment for ${which}` };
    }
    if (found.state === 'CLOSED') {
      return { ok: false, status: 409, code: 'CONFLICT', message: `payment ${found.outTradeNo} is closed` };
    }
    let payment = found;
    let paid = found.paid;
    if (!paid) {
      const now = clock.now();
      paid = {
        transactionId: transactionId(now),
        paidAt: now,
        timeEnd: beijingStamp(now),
        nonceStr: nonce(),
      };
      payment = { ...payment, state: 'SUCCESS', paid };
      payments.save(payment);
    }
    const result = await runner.invoke({
      name: payment.functionName,
      event: notificationEvent(payment, appId),
      source: 'wx_paycallback',
      openid: payment.payerOpenid,
    });
    const reply = result.ok ? result.value : { failure: result.failure, message: result.message };
    // Re-read: the callback may have changed the record meanwhile (e.g. refunded a late payment).
    const latest = payments.get(payment.outTradeNo) ?? payment;
    payments.save({ ...latest, notifications: [...latest.notifications, { at: clock.now(), reply }] });
    if (!result.ok) {
      return {
        ok: false,
        status: result.failure === 'timeout' ? 504 : 502,
        code: 'INTERNAL',
        message: `pay callback ${payment.functionName}: ${result.message}`,
      };
    }
    return { ok: true, outTradeNo: payment.outTradeNo, transactionId: paid.transactionId, reply };
  }
}
