/**
 * transferNotify: WeChat Pay's transfer result notification (转账结果通知) of a merchant transfer that
 * pays a withdrawal. WeChat Pay POSTs it to the `notify_url` of the bill, which is this function's HTTP
 * access path (CloudBase 云接入 / HTTP 访问服务, localcloud/NOTES.md §6.5): the event is CloudBase's
 * integration request `{ path, httpMethod, headers, body, isBase64Encoded }` and the answer an
 * integration response `{ statusCode, headers, body }`.
 *
 * Trust: nothing is believed before the Wechatpay-Signature verifies with the merchant's configured
 * WeChat Pay public key and the resource decrypts with the API v3 key (common/platform/wxpay-transfer.ts); a
 * forged or stale notification is answered 401 and changes nothing. What the bill's state does to the
 * withdrawal – exactly once, however often or concurrently WeChat Pay delivers it – is
 * common/workflows/transfers.ts. Answers: 200 when handled (or nothing to do), 5xx when something failed before the
 * outcome was recorded, so that WeChat Pay delivers it again.
 *
 * Its timer trigger `transferPoll` (the platform says so: SOURCE wx_trigger, which no HTTP request can
 * claim) asks WeChat Pay about transfers whose notification is overdue (poll.ts).
 */
import { AppError } from '../../shared/errors';
import { withdrawalIdOf } from '../../shared/transfer';
import { cloud } from '../common/platform/cloud';
import { selfCheckOnce } from '../common/platform/self-check';
import { applyTransferBill } from '../common/workflows/transfers';
import { type TransferBill, openNotification, transferConfig } from '../common/platform/wxpay-transfer';
import { type PollResult, pollOpenTransfers } from './poll';

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const reply = (statusCode: number, code: 'SUCCESS' | 'FAIL', message: string): HttpReply => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ code, message }),
});

/** Sources that are certainly a mini program calling, never WeChat Pay through HTTP access. */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools'];

export async function main(event: unknown): Promise<HttpReply | PollResult> {
  await selfCheckOnce();
  const source = (cloud.getWXContext() as { SOURCE?: string }).SOURCE ?? '';
  if (CLIENT_SOURCES.includes(source)) return reply(403, 'FAIL', 'FORBIDDEN');
  if (source === 'wx_trigger') {
    const polled = await pollOpenTransfers();
    console.log('[transferPoll]', JSON.stringify(polled));
    return polled;
  }
  const request = (typeof event === 'object' && event !== null ? event : {}) as {
    headers?: Record<string, string>;
    body?: unknown;
    isBase64Encoded?: boolean | string;
  };
  const raw = typeof request.body === 'string' ? request.body : '';
  const body =
    request.isBase64Encoded === true || request.isBase64Encoded === 'true'
      ? Buffer.from(raw, 'base64').toString('utf8')
      : raw;

  let bill: TransferBill;
  try {
    bill = openNotification(transferConfig(), request.headers ?? {}, body);
  } catch (error) {
    if (error instanceof AppError) {
      console.error('[transferNotify] not configured:', error.message);
      return reply(500, 'FAIL', '未配置');
    }
    console.warn('[transferNotify] refused a notification:', String(error));
    return reply(401, 'FAIL', '签名验证失败');
  }

  const withdrawalId = withdrawalIdOf(bill.outBillNo);
  if (!withdrawalId) {
    console.warn('[transferNotify] unknown out_bill_no', bill.outBillNo);
    return reply(200, 'SUCCESS', 'ignored');
  }
  try {
    const applied = await applyTransferBill(withdrawalId, bill);
    console.log('[transferNotify]', withdrawalId, bill.state, applied.changed ? 'applied' : 'no change');
    return reply(200, 'SUCCESS', 'OK');
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      console.warn('[transferNotify] no withdrawal for', bill.outBillNo);
      return reply(200, 'SUCCESS', 'ignored');
    }
    console.error('[transferNotify] failed', withdrawalId, error);
    return reply(500, 'FAIL', '处理失败，请重试');
  }
}
