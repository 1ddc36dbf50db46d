/**
 * A stand-alone HTTP server for the API handler: what the transport and database tests use. The
 * runtime's gateway mounts `createApiHandler` on its own server and applies `configureKeepAlive`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiHandler, type ApiHandlerOptions } from './handler';
import type { ActionRegistry } from './registry';

/**
 * The SDKs keep idle sockets for 4.8 s (agentkeepalive `freeSocketTimeout`) and do not retry an
 * ECONNRESET, so the server must keep them open longer than that (NOTES.md §2.6).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 10_000;

export function configureKeepAlive(server: http.Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires headersTimeout > keepAliveTimeout, or it may close a socket a request is arriving on.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;
}

export interface ApiServer {
  server: http.Server;
  port: number;
  /** `http://127.0.0.1:<port>/admin` – what `init({ serviceUrl })` takes. */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions extends ApiHandlerOptions {
  port?: number;
  host?: string;
}

/** Serves the API on `POST /admin` (port 0 = any free port). Other paths answer 404. */
export function listen(registry: ActionRegistry, options: ListenOptions = {}): Promise<ApiServer> {
  const handler = createApiHandler(registry, options);
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === '/admin') {
      handler(req, res);
      return;
    }
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  configureKeepAlive(server);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        port,
        url: `http://${host}:${port}/admin`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // The SDKs' keep-alive sockets would hold close() for up to KEEP_ALIVE_TIMEOUT_MS.
            server.closeAllConnections();
          }),
      });
    });
  });
}
