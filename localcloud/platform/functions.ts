/**
 * `functions.invokeFunction` (NOTES.md §6.1): callFunction from inside a function. The callee runs with
 * its caller's identity – the caller is found by the API token its SDK sends – and its reply travels back
 * as the JSON text `response_data`.
 */
import { TcbError, type TcbRegistry, type TcbReply, type TcbRequest } from '../api/types';
import type { InvocationRegistry } from '../runner/invocations';
import { eventProblem, MAX_EVENT_BYTES } from '../runner/eventLimits';
import type { FunctionRunner } from '../runner/runner';

export interface FunctionsDeps {
  runner: FunctionRunner;
  invocations: InvocationRegistry;
}

async function invokeFunction(deps: FunctionsDeps, request: TcbRequest): Promise<TcbReply> {
  const name = request.params.function_name;
  if (typeof name !== 'string' || name === '')
    throw new TcbError('INVALID_PARAM', 'function_name is required');
  let event: unknown = {};
  const data = request.params.request_data;
  // The same limits as a call from the client (NOTES.md §7.4): 6 MB, 32 levels.
  if (typeof data === 'string' && Buffer.byteLength(data) > MAX_EVENT_BYTES) {
    throw new TcbError(
      'EXCEED_MAX_PAYLOAD_SIZE',
      `callFunction data is larger than ${MAX_EVENT_BYTES} bytes`,
    );
  }
  if (typeof data === 'string' && data !== '') {
    try {
      event = JSON.parse(data);
    } catch {
      throw new TcbError('INVALID_PARAM', 'request_data is not valid JSON');
    }
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new TcbError('INVALID_PARAM', 'callFunction data must be an object');
  }
  const problem = eventProblem(event);
  if (problem) throw new TcbError('INVALID_PARAM', `callFunction data: ${problem}`);
  const parent = deps.invocations.find(request.apiToken);
  const result = await deps.runner.invoke({
    name,
    event: event as Record<string, unknown>,
    // Who the caller is, not the function: a nested call acts for the same user (unverified on CloudBase).
    source: parent?.caller.source ?? 'wx_unknown',
    openid: parent?.caller.openid ?? null,
    unionid: parent?.caller.unionid ?? null,
    clientIp: parent?.caller.clientIp ?? null,
    parent,
  });
  if (!result.ok) {
    const message =
      result.failure === 'not_found'
        ? `[ResourceNotFound.Function] function ${name} not found`
        : `[${result.failure}] ${result.message}`;
    throw new TcbError('FUNCTIONS_EXECUTE_FAIL', message);
  }
  return { kind: 'json', data: { response_data: JSON.stringify(result.value) } };
}

export function registerFunctions(registry: TcbRegistry, deps: FunctionsDeps): void {
  registry.register('functions.invokeFunction', (request) => invokeFunction(deps, request));
}
