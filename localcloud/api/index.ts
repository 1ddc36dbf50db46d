/** The transport of CloudBase's HTTP API: `POST /admin`, dispatched on `action`. */
export { DEFAULT_MAX_BODY_BYTES } from './body';
export { createApiHandler, newRequestId } from './handler';
export type { ApiHandlerOptions, ApiLogger, ApiRequestHandler } from './handler';
export { ActionRegistry } from './registry';
export { KEEP_ALIVE_TIMEOUT_MS, configureKeepAlive, listen } from './server';
export type { ApiServer, ListenOptions } from './server';
export { TcbError } from './types';
export type { TcbHandler, TcbRegistry, TcbReply, TcbRequest } from './types';
