/**
 * `/dev/*`: what a developer or a test drives instead of WeChat – the clock, payments, timers – and
 * what it can look at: health, the subscribe-message outbox. Nothing here knows about orders: a payment
 * is found among the recorded unifiedOrder calls (PaymentStore.findForOrder).
 */
import type { Clock } from '../clock';
import type { Outbox } from '../platform/openapi/outbox';
import type { PaymentNotifier } from '../platform/pay/notify';
import type { FunctionRunner } from '../runner/runner';
import type { TimerScheduler } from '../timers/scheduler';
import { invokeFailure } from './functionRoutes';
import { decodeSegment, HttpError, readJsonObject, sendJson, shown } from './http';
import type { Route } from './routes';

export interface DevDeps {
  clock: Clock;
  runner: FunctionRunner;
  timers: TimerScheduler;
  notifier: PaymentNotifier;
  outbox: Outbox;
  maxBodyBytes: number;
}

/** Longer than any out_trade_no (32) or order id: a value no payment can have. */
const MAX_PAYMENT_KEY = 128;

/** `{ orderId }` / `{ outTradeNo }` of /dev/pay: a non-empty string of reasonable length, or absent. */
function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(body, key) || body[key] === undefined) return undefined;
  const value = body[key];
  if (typeof value !== 'string' || value === '' || value.length > MAX_PAYMENT_KEY) {
    throw new HttpError(
      400,
      'VALIDATION',
      'BAD_REQUEST',
      `${key} must be a non-empty string of at most ${MAX_PAYMENT_KEY} characters`,
    );
  }
  return value;
}

export function devRoutes(deps: DevDeps): Route[] {
  const { clock, runner, timers, notifier, outbox, maxBodyBytes } = deps;
  return [
    {
      methods: ['GET'],
      path: /^\/dev\/health$/,
      handle: (_req, res) => sendJson(res, 200, { ok: true }),
    },
    {
      methods: ['GET'],
      path: /^\/dev\/clock$/,
      handle: (_req, res) => sendJson(res, 200, { now: clock.now(), offsetMs: clock.offset() }),
    },
    {
      methods: ['POST'],
      path: /^\/dev\/clock$/,
      async handle(req, res) {
        const body = await readJsonObject(req, maxBodyBytes);
        const { advanceMs, now } = body;
        if (typeof advanceMs === 'number' && Number.isFinite(advanceMs) && now === undefined) {
          clock.advance(advanceMs);
        } else if (typeof now === 'number' && Number.isSafeInteger(now) && advanceMs === undefined) {
          clock.set(now);
        } else {
          throw new HttpError(
            400,
            'VALIDATION',
            'BAD_REQUEST',
            'send { advanceMs: number } or { now: epoch ms }',
          );
        }
        sendJson(res, 200, { now: clock.now() });
      },
    },
    {
      methods: ['POST'],
      path: /^\/dev\/pay$/,
      async handle(req, res) {
        const body = await readJsonObject(req, maxBodyBytes);
        const orderId = optionalString(body, 'orderId');
        const outTradeNo = optionalString(body, 'outTradeNo');
        if (!orderId && !outTradeNo) {
          throw new HttpError(400, 'VALIDATION', 'BAD_REQUEST', 'send { orderId } or { outTradeNo }');
        }
        const outcome = await notifier.pay({ orderId, outTradeNo });
        if (outcome.ok) {
          sendJson(res, 200, outcome.reply);
          return;
        }
        if (outcome.status === 404)
          throw new HttpError(404, 'NOT_FOUND', 'PAYMENT_NOT_FOUND', outcome.message);
        if (outcome.status === 409) throw new HttpError(409, 'CONFLICT', 'PAYMENT_CLOSED', outcome.message);
        const reason = outcome.status === 504 ? 'FUNCTION_TIMEOUT' : 'FUNCTION_ERROR';
        throw new HttpError(outcome.status, 'INTERNAL', reason, outcome.message);
      },
    },
    {
      methods: ['POST'],
      path: /^\/dev\/timer\/([^/]+)$/,
      async handle(req, res, [encoded]) {
        req.resume();
        const name = decodeSegment(encoded);
        if (!runner.catalog.get(name)) {
          throw new HttpError(404, 'NOT_FOUND', 'FUNCTION_NOT_FOUND', `no function named ${shown(name)}`);
        }
        const result = await timers.fire(name);
        if (!result) throw new HttpError(404, 'NOT_FOUND', 'NO_TIMER', `${name} has no timer trigger`);
        if (!result.ok) throw invokeFailure(name, result);
        sendJson(res, 200, result.value);
      },
    },
    {
      methods: ['GET'],
      path: /^\/dev\/outbox$/,
      handle: (_req, res) => sendJson(res, 200, { messages: outbox.list() }),
    },
  ];
}
