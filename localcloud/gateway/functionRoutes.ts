/**
 * `POST /fn/<name>`: a call from the mini program (local mode). The body is the event, `x-openid` the
 * caller (absent: none); the answer is the function's return value – the envelope.
 */
import type { Route } from './routes';
import type { FunctionRunner, InvokeResult } from '../runner/runner';
import { eventProblem, MAX_EVENT_BYTES } from '../runner/eventLimits';
import { decodeSegment, HttpError, readJsonObject, sendJson } from './http';

/** What a call that produced no return value answers. */
export function invokeFailure(name: string, result: Extract<InvokeResult, { ok: false }>): HttpError {
  switch (result.failure) {
    case 'not_found':
      return new HttpError(404, 'NOT_FOUND', 'FUNCTION_NOT_FOUND', `no function named ${name}`);
    case 'timeout':
      return new HttpError(504, 'INTERNAL', 'FUNCTION_TIMEOUT', result.message);
    case 'crash':
      return new HttpError(502, 'INTERNAL', 'FUNCTION_CRASHED', result.message);
    case 'closed':
      return new HttpError(503, 'INTERNAL', 'SHUTTING_DOWN', result.message);
    case 'error':
      return new HttpError(502, 'INTERNAL', 'FUNCTION_ERROR', `${name} threw: ${result.message}`);
  }
}

/**
 * `/fn` bodies are events: at most CloudBase's 6 MB, nested at most 32 deep (runner/eventLimits.ts,
 * NOTES.md §7.4). Anything else is refused here, before it can reach a worker.
 */
export function functionRoutes(runner: FunctionRunner): Route[] {
  return [
    {
      methods: ['POST'],
      path: /^\/fn\/([^/]+)$/,
      async handle(req, res, [encoded]) {
        const name = decodeSegment(encoded);
        const event = await readJsonObject(req, MAX_EVENT_BYTES);
        const problem = eventProblem(event);
        if (problem) throw new HttpError(400, 'VALIDATION', 'EVENT_TOO_DEEP', problem);
        const header = req.headers['x-openid'];
        const openid = typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
        // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; CLIENTIP is the plain address.
        const clientIp = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? null;
        const result = await runner.invoke({ name, event, source: 'wx_client', openid, clientIp });
        if (!result.ok) throw invokeFailure(name, result);
        sendJson(res, 200, result.value);
      },
    },
  ];
}
