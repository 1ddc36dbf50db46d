/**
 * WeChat Pay through CloudBase's cloudPay (wx-server-sdk `cloud.cloudPay`): typed calls for what the mall
 * uses – unifiedOrder, refund, closeOrder – and where their fixed parameters come from.
 *
 * - `subMchId`: the merchant's WeChat Pay sub-merchant id, from the function's environment variable
 *   `WXPAY_SUB_MCH_ID` (set it in the CloudBase console for `order`, `payNotify`, `settle` and `admin`).
 *   Without it the local placeholder below is used, which only the local CloudBase accepts.
 * - `envId`: the environment the payment notification is delivered to: the current one.
 * - WeChat-level failures come back as `resultCode: 'FAIL'` with an `errCode` string (the SDK does not
 *   throw them); a call the SDK could not make at all throws.
 */
import crypto from 'node:crypto';
import { cloud } from './cloud';

/** Accepted by the local CloudBase only; a real environment must set WXPAY_SUB_MCH_ID. */
export const LOCAL_SUB_MCH_ID = '1900000109';
/** The function WeChat Pay notifies of payments (and of refund results). */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
/** WeChat Pay's limit for out_trade_no and out_refund_no. */
export const OUT_NO_MAX_LENGTH = 32;
/** WeChat Pay's limit for `body`, in bytes (UTF-8). */
const BODY_MAX_BYTES = 128;

export function subMchId(): string {
  return process.env.WXPAY_SUB_MCH_ID?.trim() || LOCAL_SUB_MCH_ID;
}

export function currentEnvId(): string {
  const wx = cloud.getWXContext() as { ENV?: string };
  return wx.ENV || process.env.TCB_ENV || process.env.SCF_NAMESPACE || 'local';
}

function clientIp(): string {
  const wx = cloud.getWXContext() as { CLIENTIP?: string };
  return wx.CLIENTIP || '127.0.0.1';
}

const nonceStr = (): string => crypto.randomBytes(16).toString('hex');

/** A product title cut to what WeChat Pay accepts as `body` (128 bytes), on a character boundary. */
export function payBody(title: string): string {
  let body = '';
  for (const char of title) {
    if (Buffer.byteLength(body + char, 'utf8') > BODY_MAX_BYTES) break;
    body += char;
  }
  return body || '商品';
}

/** What every cloudPay call answers (camelCase, as the SDK converts it). */
export interface PayReply {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCode?: number | string;
  errCodeDes?: string;
  [key: string]: unknown;
}

type PayCall = (params: Record<string, unknown>) => Promise<PayReply>;
const cloudPay = (cloud as unknown as { cloudPay: Record<string, PayCall> }).cloudPay;

/** Both WeChat Pay levels said SUCCESS. */
export function paySucceeded(reply: PayReply): boolean {
  return reply.returnCode === 'SUCCESS' && reply.resultCode === 'SUCCESS';
}

/**
 * WeChat Pay's description of a failed call. (The SDK writes its own `errCode: 0` over WeChat's
 * `err_code`, so the code itself – ORDERPAID, NOTENOUGH – is lost; only the description survives, which
 * is why decisions are taken on queryOrder's `tradeState`, never on an error text.)
 */
export function payError(reply: PayReply): string {
  if (reply.returnCode !== 'SUCCESS') return String(reply.returnMsg ?? 'FAIL');
  return String(reply.errCodeDes ?? 'FAIL');
}

export interface UnifiedOrderInput {
  outTradeNo: string;
  totalFee: number;
  body: string;
  /** Handed back in the notification: the order id. */
  attach: string;
}

/** Opens (or, with the same amount, re-opens) the payment; `payment` is what wx.requestPayment takes. */
export function unifiedOrder(input: UnifiedOrderInput): Promise<PayReply> {
  return cloudPay.unifiedOrder({
    body: payBody(input.body),
    outTradeNo: input.outTradeNo,
    totalFee: input.totalFee,
    attach: input.attach,
    spbillCreateIp: clientIp(),
    subMchId: subMchId(),
    envId: currentEnvId(),
    functionName: PAY_NOTIFY_FUNCTION,
    nonceStr: nonceStr(),
    tradeType: 'JSAPI',
  });
}

export interface RefundInput {
  outTradeNo: string;
  /** Deterministic per refund: WeChat Pay answers a repeated out_refund_no with the same refund. */
  outRefundNo: string;
  /** The payment's whole amount (WeChat checks it against the payment). */
  totalFee: number;
  refundFee: number;
}

export function refundPayment(input: RefundInput): Promise<PayReply> {
  return cloudPay.refund({
    outTradeNo: input.outTradeNo,
    outRefundNo: input.outRefundNo,
    totalFee: input.totalFee,
    refundFee: input.refundFee,
    subMchId: subMchId(),
    envId: currentEnvId(),
    functionName: PAY_NOTIFY_FUNCTION,
    nonceStr: nonceStr(),
  });
}

/** Closes an unpaid payment so that it can no longer be paid. */
function closePayment(outTradeNo: string): Promise<PayReply> {
  return cloudPay.closeOrder({ outTradeNo, subMchId: subMchId(), nonceStr: nonceStr() });
}

/** WeChat Pay's own record of a payment: `tradeState` NOTPAY | SUCCESS | REFUND | CLOSED, `totalFee`, ... */
export function queryPayment(outTradeNo: string): Promise<PayReply> {
  return cloudPay.queryOrder({ outTradeNo, subMchId: subMchId(), nonceStr: nonceStr() });
}

/**
 * Before an unpaid order is cancelled: make sure WeChat Pay will not take the money afterwards.
 * `closed` – the payment is closed, or was never opened; `paid` – the buyer has paid (the notification is
 * on its way or was missed: the order must not be cancelled); `unknown` – neither could be established
 * (try again later).
 */
export async function closeUnpaidPayment(outTradeNo: string): Promise<'closed' | 'paid' | 'unknown'> {
  const closed = await closePayment(outTradeNo);
  if (paySucceeded(closed)) return 'closed';
  const query = await queryPayment(outTradeNo);
  if (query.returnCode !== 'SUCCESS') return 'unknown';
  // resultCode FAIL here is ORDERNOTEXIST: unifiedOrder was never called for it, nothing can be paid.
  if (query.resultCode !== 'SUCCESS') return 'closed';
  if (query.tradeState === 'SUCCESS' || query.tradeState === 'REFUND') return 'paid';
  return query.tradeState === 'CLOSED' ? 'closed' : 'unknown';
}
