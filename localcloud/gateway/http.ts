/**
 * HTTP plumbing of the gateway: bodies, JSON replies and the error shape. Errors of the runtime itself
 * (bad JSON, no such function, a crashed function) use the envelope of the API contract with a code the
 * mini program already handles, `reason` saying precisely what happened, and a fitting HTTP status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ErrorReason =
  | 'BAD_JSON'
  | 'BAD_REQUEST'
  | 'BAD_UPLOAD'
  | 'BODY_TOO_LARGE'
  | 'EVENT_TOO_DEEP'
  | 'NO_ROUTE'
  | 'METHOD_NOT_ALLOWED'
  | 'FUNCTION_NOT_FOUND'
  | 'NO_TIMER'
  | 'PAYMENT_NOT_FOUND'
  | 'PAYMENT_CLOSED'
  | 'FUNCTION_ERROR'
  | 'FUNCTION_TIMEOUT'
  | 'FUNCTION_CRASHED'
  | 'SHUTTING_DOWN'
  | 'INTERNAL';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL',
    readonly reason: ErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, {
    ok: false,
    error: { code: error.code, message: error.message, reason: error.reason },
  });
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBytes) {
        reject(new HttpError(400, 'VALIDATION', 'BODY_TOO_LARGE', `body larger than ${maxBytes} bytes`));
      } else {
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', reject);
  });
}

/** A JSON object body; an empty body is `{}`. */
export async function readJsonObject(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, 'VALIDATION', 'BAD_JSON', `body is not valid JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'VALIDATION', 'BAD_JSON', 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** A path segment, percent-decoded; a malformed escape is the client's mistake, not a runtime failure. */
export function decodeSegment(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'VALIDATION', 'BAD_REQUEST', 'malformed percent-encoding in the path');
  }
}

/** At most `max` characters of a client-supplied value, for an error message. */
export function shown(value: string, max = 64): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}
