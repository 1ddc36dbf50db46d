/**
 * The invocations in flight, by the API token each one was given (WX_API_TOKEN). wx-server-sdk sends that
 * token as `wxCloudApiToken` with every request to /admin, which is how the platform adapters know which
 * function – and which caller – a request comes from: the identity of a nested callFunction, the openapi
 * permissions to check, the payer of a cloudPay order.
 */
import crypto from 'node:crypto';

/** CloudBase's names for where a call comes from (TCB_SOURCE, getWXContext().SOURCE). */
export type CallSource = 'wx_client' | 'wx_trigger' | 'wx_paycallback' | 'wx_unknown';

export interface Caller {
  openid: string | null;
  unionid: string | null;
  appid: string;
  source: CallSource;
  /** The client's IP address (getWXContext().CLIENTIP) for calls from the mini program. */
  clientIp: string | null;
}

export interface Invocation {
  token: string;
  requestId: string;
  functionName: string;
  caller: Caller;
  /** 0 for a call from outside, 1 for a function called by a function, ... */
  depth: number;
}

export class InvocationRegistry {
  private readonly byToken = new Map<string, Invocation>();

  /** Registers a new invocation under a fresh token; `end` forgets it. */
  begin(functionName: string, caller: Caller, depth: number): Invocation {
    const invocation: Invocation = {
      token: `lc_${crypto.randomBytes(16).toString('hex')}`,
      requestId: crypto.randomUUID(),
      functionName,
      caller,
      depth,
    };
    this.byToken.set(invocation.token, invocation);
    return invocation;
  }

  end(invocation: Invocation): void {
    this.byToken.delete(invocation.token);
  }

  /** The running invocation that holds this token, if any (a stale or foreign token finds nothing). */
  find(token: string | undefined): Invocation | undefined {
    return token ? this.byToken.get(token) : undefined;
  }
}
