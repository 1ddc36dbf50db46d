/**
 * Runs a built function the way CloudBase does: finds its bundle, gives the invocation an identity and
 * a token, adds `userInfo` to the event of a call with a user, runs it in a worker under the function's
 * timeout and answers its return value – or why there is none.
 */
import type { FunctionCatalog, FunctionInfo } from './catalog';
import { invocationEnv } from './environment';
import type { CallSource, Invocation, InvocationRegistry } from './invocations';
import type { JobFailure, WorkerPool } from './pool';

export interface InvokeRequest {
  name: string;
  event: Record<string, unknown>;
  source: CallSource;
  openid?: string | null;
  unionid?: string | null;
  clientIp?: string | null;
  /** The running invocation that makes this call (callFunction from a function). */
  parent?: Invocation;
}

export type InvokeFailure = JobFailure | 'not_found';

export type InvokeResult =
  { ok: true; value: unknown } | { ok: false; failure: InvokeFailure; message: string };

/** One finished invocation, for the runtime's log. */
export interface InvocationRecord {
  name: string;
  action: string | null;
  openid: string | null;
  source: CallSource;
  ms: number;
  /** `ok`, the envelope's error code, or the failure (`timeout`, `crash`, ...). */
  outcome: string;
}

export interface RunnerOptions {
  catalog: FunctionCatalog;
  pool: WorkerPool;
  invocations: InvocationRegistry;
  appId: string;
  envId: string;
  /** The functions' own environment variables (e.g. ADMIN_OPENIDS). */
  functionEnv: Record<string, string>;
  onInvocation?: (record: InvocationRecord) => void;
}

/** Beyond this a chain of callFunction is a runaway recursion, not an application. */
const MAX_DEPTH = 8;

export class FunctionRunner {
  constructor(private readonly options: RunnerOptions) {}

  get catalog(): FunctionCatalog {
    return this.options.catalog;
  }

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const started = Date.now();
    const result = await this.run(request);
    this.options.onInvocation?.({
      name: request.name,
      action: typeof request.event.action === 'string' ? request.event.action : null,
      openid: request.openid ?? null,
      source: request.source,
      ms: Date.now() - started,
      outcome: outcomeOf(result),
    });
    return result;
  }

  private async run(request: InvokeRequest): Promise<InvokeResult> {
    let info: FunctionInfo | undefined;
    try {
      info = this.options.catalog.get(request.name);
    } catch (e) {
      return { ok: false, failure: 'error', message: (e as Error).message };
    }
    if (!info) return { ok: false, failure: 'not_found', message: `no function named ${request.name}` };
    const depth = request.parent ? request.parent.depth + 1 : 0;
    if (depth > MAX_DEPTH) {
      return { ok: false, failure: 'error', message: `callFunction nested deeper than ${MAX_DEPTH}` };
    }
    const { appId, envId, invocations, pool } = this.options;
    const openid = request.openid ?? null;
    const invocation = invocations.begin(
      info.name,
      {
        openid,
        unionid: request.unionid ?? null,
        appid: appId,
        source: request.source,
        clientIp: request.clientIp ?? null,
      },
      depth,
    );
    // The platform, not the payload, says who calls: a userInfo sent by the caller is replaced.
    const event: Record<string, unknown> = { ...request.event };
    if (openid) event.userInfo = { appId, openId: openid };
    else delete event.userInfo;
    try {
      const outcome = await pool.run({
        name: info.name,
        file: info.file,
        event,
        context: {
          request_id: invocation.requestId,
          function_name: info.name,
          function_version: '$LATEST',
          namespace: envId,
          memory_limit_in_mb: info.memoryMb,
          time_limit_in_ms: info.timeoutMs,
        },
        env: invocationEnv(invocation, this.options.functionEnv),
        timeoutMs: info.timeoutMs,
        memoryMb: info.memoryMb,
        nested: depth > 0,
      });
      if (!outcome.ok) return { ok: false, failure: outcome.failure, message: outcome.message };
      return { ok: true, value: JSON.parse(outcome.json) as unknown };
    } finally {
      invocations.end(invocation);
    }
  }
}

function outcomeOf(result: InvokeResult): string {
  if (!result.ok) return result.failure;
  const value = result.value as { ok?: unknown; error?: { code?: unknown } } | null;
  if (value && value.ok === false && typeof value.error?.code === 'string') return value.error.code;
  return 'ok';
}
