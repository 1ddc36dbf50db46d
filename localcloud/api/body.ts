/**
 * Reads the body of a CloudBase API call. The SDKs send `application/json` for everything except
 * `wx.openApi` / `wx.wxPayApi` / `wx.wxCallContainerApi`, which are chunked `multipart/form-data`
 * whose binary parts are labelled application/octet-stream (NOTES.md §2.3).
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { TcbError } from './types';

export interface ParsedBody {
  params: Record<string, unknown>;
  files: Record<string, Buffer>;
}

/**
 * Large `add([...])` batches are several MB of EJSON; the SDKs impose no limit of their own, so the
 * default is generous. A body above it is refused with a TcbError rather than an HTTP 413, which the
 * SDK would turn into an opaque numeric code.
 */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The caller closed the connection before its body was complete: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before the request body was complete');
    this.name = 'ClientGoneError';
  }
}

/**
 * Rejects when the connection fails or closes before the whole body arrived (else the read would
 * hang). Errors of the incoming stream are connection errors (ECONNRESET, "aborted").
 */
function onClientGone(req: IncomingMessage, reject: (error: Error) => void): void {
  req.on('error', () => reject(new ClientGoneError()));
  req.on('close', () => {
    if (!req.complete) reject(new ClientGoneError());
  });
}

function tooLarge(maxBytes: number): TcbError {
  return new TcbError('INVALID_PARAM', `request body is larger than ${maxBytes} bytes`);
}

function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
}

export function readBody(req: IncomingMessage, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<ParsedBody> {
  return isMultipart(req) ? readMultipart(req, maxBytes) : readJson(req, maxBytes);
}

function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining an oversized body instead of destroying the socket: the SDK then gets a
      // readable error reply instead of ECONNRESET.
      if (size > maxBytes) overflow = true;
      else chunks.push(chunk);
    });
    req.on('end', () => (overflow ? reject(tooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    onClientGone(req, reject);
  });
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<ParsedBody> {
  const raw = await readRaw(req, maxBytes);
  if (raw.length === 0) return { params: {}, files: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new TcbError('INVALID_PARAM', `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TcbError('INVALID_PARAM', 'request body must be a JSON object');
  }
  return { params: parsed as Record<string, unknown>, files: {} };
}

function readMultipart(req: IncomingMessage, maxBytes: number): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    const params: Record<string, unknown> = {};
    const files: Record<string, Buffer> = {};
    let failure: Error | undefined;
    // busboy's 'close' does not wait for file streams to be drained, so count them.
    let openFiles = 0;
    let parsed = false;
    const settle = (): void => {
      if (!parsed || openFiles > 0) return;
      if (failure) reject(failure);
      else resolve({ params, files });
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy's defaults (1 MB fields, unlimited files but 10 MB in practice) are too small for
        // cloudPay's JSON and openapi's protobuf payloads.
        limits: { fieldSize: maxBytes, fileSize: maxBytes, fields: 1000, files: 100, parts: 1100 },
      });
    } catch (error) {
      req.resume();
      reject(new TcbError('INVALID_PARAM', `bad multipart request: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= tooLarge(maxBytes);
      params[name] = value;
    });
    // busboy classifies a part as a file when it is application/octet-stream or has a filename:
    // exactly the binary parts of the SDKs' requests.
    parser.on('file', (name, stream) => {
      openFiles += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (failure ??= tooLarge(maxBytes)));
      stream.on('end', () => {
        files[name] = Buffer.concat(chunks);
        openFiles -= 1;
        settle();
      });
    });
    parser.on('error', (error: Error) => {
      failure ??= new TcbError('INVALID_PARAM', `bad multipart request: ${error.message}`);
      req.unpipe(parser);
      req.resume();
      reject(failure);
    });
    parser.on('close', () => {
      parsed = true;
      settle();
    });
    onClientGone(req, reject);
    req.pipe(parser);
  });
}
