/**
 * The process environment a function sees, as on CloudBase: the variables that point wx-server-sdk at
 * this runtime (fixed per worker) and the ones that say who is calling (per invocation). The names and
 * their effects are in localcloud/NOTES.md §1, §2.2, §2.8 and §7.1.
 */
import path from 'node:path';
import type { Invocation } from './invocations';

/** Variables of the parent that must not leak into a function: they would change what the SDK does. */
const PLATFORM_PREFIXES = ['WX_', 'TCB_', 'SCF_', 'TENCENTCLOUD', 'CLOUDBASE_'];

export interface WorkerEnvOptions {
  /** The CloudBase API endpoint the SDK posts to, e.g. http://127.0.0.1:3000/admin. */
  apiUrl: string;
  envId: string;
  /** node_modules folders where a bundle's `require('wx-server-sdk')` is found wherever the bundle lies. */
  nodePath: string[];
}

/** The environment a worker starts with: the parent's, minus platform variables, plus the fixed ones. */
export function workerEnv(parent: NodeJS.ProcessEnv, options: WorkerEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && !PLATFORM_PREFIXES.some((p) => key.startsWith(p))) env[key] = value;
  }
  const nodePath = [...options.nodePath, ...(parent.NODE_PATH ? [parent.NODE_PATH] : [])];
  return {
    ...env,
    NODE_PATH: nodePath.join(path.delimiter),
    // The SDK's endpoint (NOTES.md §1) and dummy credentials: without any the SDK crashes the process (NOTES.md §2.2).
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: options.apiUrl }),
    TENCENTCLOUD_SECRETID: 'localcloud',
    TENCENTCLOUD_SECRETKEY: 'localcloud',
    // No metadata probe to metadata.tencentyun.com on every request (NOTES.md §2.8), no slow-query warnings.
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    // DYNAMIC_CURRENT_ENV resolves to TCB_ENV only when TCB_CONTEXT_KEYS lists it (NOTES.md §1).
    TCB_ENV: options.envId,
    SCF_NAMESPACE: options.envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SOURCE',
  };
}

/** WX_API_TOKEN must be listed for the SDK to send it; getWXContext() hides it from the function (NOTES.md §7.1). */
const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN';

/** The variables of one invocation: its caller, its source, its token and the function's own variables. */
export function invocationEnv(
  invocation: Invocation,
  functionEnv: Record<string, string>,
): Record<string, string> {
  const { caller } = invocation;
  return {
    ...functionEnv,
    WX_CONTEXT_KEYS,
    WX_APPID: caller.appid,
    ...(caller.openid ? { WX_OPENID: caller.openid } : {}),
    ...(caller.unionid ? { WX_UNIONID: caller.unionid } : {}),
    ...(caller.clientIp ? { WX_CLIENTIP: caller.clientIp } : {}),
    WX_API_TOKEN: invocation.token,
    TCB_SOURCE: caller.source,
    SCF_FUNCTIONNAME: invocation.functionName,
    SCF_FUNCTIONVERSION: '$LATEST',
  };
}
