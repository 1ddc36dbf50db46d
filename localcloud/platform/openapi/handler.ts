/**
 * `wx.openApi` (NOTES.md §6.3): which function calls is known from its API token; an API missing from
 * that function's `config.json` `permissions.openapi` is refused as CloudBase refuses it (error code
 * -604101, which the SDK throws); anything allowed is answered by OPENAPIS.
 */
import { TcbError, type TcbRegistry, type TcbReply, type TcbRequest } from '../../api/types';
import type { Clock } from '../../clock';
import type { FunctionCatalog } from '../../runner/catalog';
import type { InvocationRegistry } from '../../runner/invocations';
import { OPENAPIS, type OpenApiName } from './apis';
import type { Outbox } from './outbox';
import { decodeOpenApiParams, encodeOpenApiReply } from './protocol';

/** CloudBase's code for "this function has no permission for this API" (captured, NOTES.md §6.3). */
export const NO_PERMISSION = -604101;

export interface OpenApiDeps {
  catalog: FunctionCatalog;
  invocations: InvocationRegistry;
  clock: Clock;
  outbox: Outbox;
}

function binary(body: Buffer): TcbReply {
  return { kind: 'binary', body };
}

async function openApi(deps: OpenApiDeps, request: TcbRequest): Promise<TcbReply> {
  const apiName = request.params.apiName;
  if (typeof apiName !== 'string' || apiName === '')
    throw new TcbError('INVALID_PARAM', 'apiName is required');
  const invocation = deps.invocations.find(request.apiToken);
  if (!invocation) {
    throw new TcbError('INVALID_REQUEST_SOURCE', 'openapi is called from a running cloud function only');
  }
  const allowed: readonly string[] =
    deps.catalog.get(invocation.functionName)?.config.permissions.openapi ?? [];
  if (!allowed.includes(apiName) || !(apiName in OPENAPIS)) {
    return binary(encodeOpenApiReply({ errorCode: NO_PERMISSION }));
  }
  const requestData = request.files.requestData;
  if (!requestData) throw new TcbError('INVALID_PARAM', 'requestData is required');
  const params = decodeOpenApiParams(requestData);
  const response = await OPENAPIS[apiName as OpenApiName](params, {
    functionName: invocation.functionName,
    clock: deps.clock,
    outbox: deps.outbox,
  });
  return binary(encodeOpenApiReply(response));
}

export function registerOpenApi(registry: TcbRegistry, deps: OpenApiDeps): void {
  registry.register('wx.openApi', (request) => openApi(deps, request));
}
