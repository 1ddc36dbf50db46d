/**
 * The runtime's one HTTP server: CloudBase's API at `/admin` (the transport of localcloud/api), the
 * functions at `/fn/<name>`, the developer's controls at `/dev/*`, the storage bucket at `/files/*`, and
 * HTTP access to functions at `/http/<name>` with WeChat Pay's transfer stand-in at `/wxpay/v3/*`.
 * A failing request answers an error and never takes the server down.
 */
import http from 'node:http';
import { configureKeepAlive, type ApiRequestHandler } from '../api';
import type { Clock } from '../clock';
import type { Outbox } from '../platform/openapi/outbox';
import type { PaymentNotifier } from '../platform/pay/notify';
import type { TransferStandIn } from '../platform/transfer/standIn';
import type { Bucket } from '../platform/storage/bucket';
import type { FunctionRunner } from '../runner/runner';
import type { TimerScheduler } from '../timers/scheduler';
import { devRoutes } from './devRoutes';
import { fileRoutes } from './fileRoutes';
import { functionRoutes } from './functionRoutes';
import { HttpError, sendError } from './http';
import { matchRoute, type Route } from './routes';
import { wxpayRoutes } from './wxpayRoutes';

/** The path of CloudBase's API; TCB_CONTEXT_CNFG points the SDK here. */
export const ADMIN_PATH = '/admin';

export interface GatewayOptions {
  adminHandler: ApiRequestHandler;
  runner: FunctionRunner;
  clock: Clock;
  timers: TimerScheduler;
  bucket: Bucket;
  notifier: PaymentNotifier;
  outbox: Outbox;
  /** WeChat Pay's merchant transfer stand-in, or null when off. */
  transfer?: TransferStandIn | null;
  envId?: string;
  /** Largest JSON body of /dev calls (default 1 MB; /fn bodies are events, 6 MB, runner/eventLimits.ts). */
  maxBodyBytes?: number;
  /** Largest file upload (default 50 MB). */
  maxUploadBytes?: number;
  /** Reports errors that are bugs of the runtime (they answer 500). */
  onError?: (message: string, error: unknown) => void;
}

export function createGatewayServer(options: GatewayOptions): http.Server {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const routes: Route[] = [
    ...functionRoutes(options.runner),
    ...devRoutes({ ...options, maxBodyBytes }),
    ...fileRoutes(options.bucket, options.maxUploadBytes ?? 50 * 1024 * 1024),
    ...wxpayRoutes(options.runner, options.transfer ?? null, options.envId ?? 'local'),
  ];
  const onError = options.onError ?? ((message, error) => console.error(message, error));

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === ADMIN_PATH) {
      options.adminHandler(req, res);
      return;
    }
    const method = req.method ?? 'GET';
    const match = matchRoute(routes, method, pathname);
    if (!match) {
      req.resume();
      throw new HttpError(404, 'NOT_FOUND', 'NO_ROUTE', `no route for ${method} ${pathname}`);
    }
    if ('methodNotAllowed' in match) {
      req.resume();
      res.setHeader('allow', match.methodNotAllowed.join(', '));
      throw new HttpError(
        405,
        'VALIDATION',
        'METHOD_NOT_ALLOWED',
        `${pathname} takes ${match.methodNotAllowed.join(', ')}`,
      );
    }
    await match.route.handle(req, res, match.params);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (thrown instanceof HttpError) {
        sendError(res, thrown);
        return;
      }
      onError(`[gateway] ${req.method} ${req.url} failed`, thrown);
      sendError(
        res,
        new HttpError(500, 'INTERNAL', 'INTERNAL', (thrown as Error)?.message ?? String(thrown)),
      );
    });
  });
  configureKeepAlive(server);
  return server;
}
