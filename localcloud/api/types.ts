/**
 * The contract between the transport of CloudBase's HTTP API (`POST /admin`, localcloud/api/) and the
 * services behind it: the database (localcloud/db/) and the platform adapters (functions, storage,
 * openapi, cloudPay in localcloud/platform/). The transport parses the body (JSON, or multipart for
 * `wx.openApi` / `wx.wxPayApi`), looks the `action` up in a registry and writes the reply.
 */

export interface TcbRequest {
  /** e.g. `database.getDocument`, `storage.getUploadMetadata`, `wx.openApi`. */
  action: string;
  /** Every non-file field of the body (JSON fields, or multipart string parts). */
  params: Record<string, unknown>;
  /** Multipart parts sent as application/octet-stream (e.g. `requestData`, `apiOptions`). */
  files: Record<string, Buffer>;
  /** `env` of the query string (the environment the SDK was initialised with). */
  env: string;
  /** The opaque per-invocation token the SDK sends as `wxCloudApiToken` (the runner sets WX_API_TOKEN). */
  apiToken: string;
}

/**
 * What a handler answers. `json`: the transport sends `{ requestId, data, ...top }` as JSON.
 * `binary`: sent as is with content type application/octet-stream (openapi and cloudPay replies must
 * not be labelled `application/json; charset=utf-8`, or the SDK mis-parses them).
 */
export type TcbReply =
  { kind: 'json'; data?: unknown; top?: Record<string, unknown> } | { kind: 'binary'; body: Buffer };

export type TcbHandler = (request: TcbRequest) => Promise<TcbReply> | TcbReply;

/** An error the SDK understands: sent as HTTP 200 `{ requestId, code, message }`. */
export class TcbError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'TcbError';
    this.code = code;
  }
}

export interface TcbRegistry {
  register(action: string, handler: TcbHandler): void;
  /** Registers every action that starts with `prefix` (e.g. `database.`). */
  registerPrefix(prefix: string, handler: TcbHandler): void;
}
