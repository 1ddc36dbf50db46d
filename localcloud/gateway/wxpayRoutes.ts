/**
 * The merchant transfer stand-in's HTTP side (platform/transfer/standIn.ts) and CloudBase's HTTP access
 * to functions (NOTES.md §6.5):
 *
 *   /wxpay/v3/…           WeChat Pay's transfer API, as https://api.mch.weixin.qq.com/v3/… answers it
 *   /http/<function>[/…]  HTTP access (云接入): the request becomes the function's integration request
 *                         `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded,
 *                         requestContext }`; a return value with `statusCode` is the integration response
 *   POST /dev/transfer    `{ outBillNo, action: confirm | fail | cancel | notify }`: plays the user and
 *                         WeChat Pay, and delivers the transfer notification to the bill's notify_url
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransferStandIn } from '../platform/transfer/standIn';
import type { FunctionRunner } from '../runner/runner';
import { invokeFailure } from './functionRoutes';
import { HttpError, decodeSegment, readBody, readJsonObject, sendJson } from './http';
import type { Route } from './routes';

/** WeChat Pay's notifications and API bodies are small; HTTP access bodies too (NOTES.md §7.4: 100 KB text). */
const MAX_BODY = 100 * 1024;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.join(',');
  }
  return out;
}

const ACTIONS = ['confirm', 'fail', 'cancel', 'notify'] as const;

export function wxpayRoutes(runner: FunctionRunner, standIn: TransferStandIn | null, envId: string): Route[] {
  const requireStandIn = (): TransferStandIn => {
    if (!standIn) {
      throw new HttpError(
        404,
        'NOT_FOUND',
        'NO_ROUTE',
        'the WeChat transfer stand-in is off (runtime option wechatTransfer)',
      );
    }
    return standIn;
  };
  return [
    {
      methods: ['GET', 'POST'],
      path: /^\/wxpay\/v3\//,
      async handle(req, res) {
        const transfer = requireStandIn();
        const body = (await readBody(req, MAX_BODY)).toString('utf8');
        const answer = transfer.handleApi(
          req.method ?? 'GET',
          req.url ?? '/',
          req.headers.authorization,
          body,
        );
        send(res, answer.status, answer.headers, answer.body);
      },
    },
    {
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      path: /^\/http\/([^/]+)(\/.*)?$/,
      async handle(req, res, [encoded, rest]) {
        const name = decodeSegment(encoded);
        const raw = await readBody(req, MAX_BODY);
        const url = new URL(req.url ?? '/', 'http://localhost');
        const event = {
          path: rest ?? '/',
          httpMethod: req.method ?? 'GET',
          headers: headersOf(req),
          queryStringParameters: Object.fromEntries(url.searchParams),
          requestContext: { envId, requestId: `${Date.now()}` },
          body: raw.toString('utf8'),
          isBase64Encoded: false,
        };
        // Nobody signed in: HTTP access carries no WeChat user (source unverified on CloudBase).
        const result = await runner.invoke({ name, event, source: 'wx_unknown', openid: null });
        if (!result.ok) throw invokeFailure(name, result);
        const value = result.value as { statusCode?: unknown; headers?: unknown; body?: unknown } | null;
        if (value && typeof value === 'object' && typeof value.statusCode === 'number') {
          const headers = (value.headers ?? {}) as Record<string, string>;
          const body = typeof value.body === 'string' ? value.body : JSON.stringify(value.body ?? '');
          send(res, value.statusCode, headers, body);
          return;
        }
        sendJson(res, 200, value);
      },
    },
    {
      methods: ['POST'],
      path: /^\/dev\/transfer$/,
      async handle(req, res) {
        const transfer = requireStandIn();
        const { outBillNo, action } = await readJsonObject(req, MAX_BODY);
        if (typeof outBillNo !== 'string' || !ACTIONS.includes(action as (typeof ACTIONS)[number])) {
          throw new HttpError(
            400,
            'VALIDATION',
            'BAD_REQUEST',
            `send { outBillNo, action: ${ACTIONS.join(' | ')} }`,
          );
        }
        const bill = transfer.get(outBillNo);
        if (!bill) throw new HttpError(404, 'NOT_FOUND', 'NO_ROUTE', `no transfer bill ${outBillNo}`);
        let sent = action === 'notify' ? transfer.lastSent(outBillNo) : undefined;
        if (action === 'notify' && !sent) sent = transfer.notification(bill);
        if (action !== 'notify') {
          if (bill.state !== 'WAIT_USER_CONFIRM') {
            throw new HttpError(
              409,
              'CONFLICT',
              'BAD_REQUEST',
              `transfer bill ${outBillNo} is ${bill.state}`,
            );
          }
          sent = transfer.notification(transfer.finish(outBillNo, action as 'confirm' | 'fail' | 'cancel'));
        }
        const delivered = await fetch(bill.notifyUrl, {
          method: 'POST',
          headers: sent!.headers,
          body: sent!.body,
        });
        sendJson(res, 200, {
          state: transfer.get(outBillNo)!.state,
          delivery: { status: delivered.status, body: await delivered.text() },
        });
      },
    },
  ];
}
