/**
 * The request handler of CloudBase's HTTP API (`POST <serviceUrl>?env=…&seqId=…`): parse the body,
 * dispatch on `action`, write the reply the SDKs expect. Every reply is HTTP 200 – the SDKs turn any
 * other status into an opaque numeric error – and business errors travel as `{ requestId, code,
 * message }` (NOTES.md §2.4).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClientGoneError, DEFAULT_MAX_BODY_BYTES, readBody } from './body';
import type { ActionRegistry } from './registry';
import { TcbError, type TcbReply, type TcbRequest } from './types';

export type ApiRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ApiLogger {
  error(message: string, error?: unknown): void;
}

export interface ApiHandlerOptions {
  /** Largest accepted body (JSON or multipart), default 32 MB. */
  maxBodyBytes?: number;
  /** Where unexpected exceptions are reported (they are answered as SYS_ERR), default console. */
  logger?: ApiLogger;
  /**
   * Milliseconds every request waits before it is handled (default 0): a CloudBase round trip is a
   * network call, so code that makes many shows its cost locally too (NOTES.md §2.7).
   */
  latencyMs?: number;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opaque to the SDKs, which only copy it into results (`requestId` / `requestID`). */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

function sendJson(res: ServerResponse, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  // Plain `application/json`: the SDKs JSON.parse whatever the type is for database calls, and the
  // exact `application/json; charset=utf-8` is what breaks wx.openApi / wx.wxPayApi replies (NOTES.md §2.4 5).
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendReply(res: ServerResponse, requestId: string, reply: TcbReply): void {
  if (reply.kind === 'binary') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.body.length });
    res.end(reply.body);
    return;
  }
  sendJson(res, { requestId, data: reply.data, ...reply.top });
}

function sendError(res: ServerResponse, requestId: string, code: string, message: string): void {
  sendJson(res, { requestId, code, message });
}

function stringParam(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  return typeof value === 'string' ? value : '';
}

export function createApiHandler(
  registry: ActionRegistry,
  options: ApiHandlerOptions = {},
): ApiRequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const logger = options.logger ?? { error: (message, error) => console.error(message, error) };
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`latencyMs must be ≥ 0, not ${latencyMs}`);

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      sendError(res, requestId, 'INVALID_PARAM', `the CloudBase API takes POST, not ${req.method}`);
      return;
    }
    const env = new URL(req.url ?? '/', 'http://localhost').searchParams.get('env') ?? '';
    const { params, files } = await readBody(req, maxBodyBytes);
    // After the body, before the action: requests keep their order (equal delays, FIFO timers).
    if (latencyMs > 0) await delay(latencyMs);
    const action = params.action;
    if (typeof action !== 'string' || action === '') {
      sendError(res, requestId, 'INVALID_PARAM', 'missing action');
      return;
    }
    const handler = registry.resolve(action);
    if (!handler) {
      sendError(res, requestId, 'INVALID_ACTION', `unknown action ${action}`);
      return;
    }
    const request: TcbRequest = {
      action,
      params,
      files,
      env,
      apiToken: stringParam(params, 'wxCloudApiToken'),
    };
    sendReply(res, requestId, await handler(request));
  }

  return (req, res) => {
    const requestId = newRequestId();
    handle(req, res, requestId).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return;
      if (error instanceof TcbError) {
        sendError(res, requestId, error.code, error.message);
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`[localcloud/api] ${requestId} failed unexpectedly:`, error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, requestId, 'SYS_ERR', message);
    });
  };
}
