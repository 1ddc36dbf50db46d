/** The gateway's route table: a method, a path pattern and a handler that gets the pattern's groups. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Route {
  methods: string[];
  path: RegExp;
  handle(req: IncomingMessage, res: ServerResponse, params: string[]): Promise<void> | void;
}

export type RouteMatch = { route: Route; params: string[] } | { methodNotAllowed: string[] } | null;

export function matchRoute(routes: Route[], method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    if (route.methods.includes(method)) return { route, params: match.slice(1) };
    allowed.push(...route.methods);
  }
  return allowed.length > 0 ? { methodNotAllowed: allowed } : null;
}
