/**
 * The protobuf messages of `wx.openApi` (NOTES.md §6.3; schema checked against captured bytes in
 * notes/scratch/openapi.proto): the request's `requestData` is a CommApiData whose pairs carry each
 * top-level parameter as JSON text, the reply is a CommOpenApiResp wrapping the WeChat API's own body.
 */
import { Root } from 'protobufjs';

const root = Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

interface DecodedCommApiData {
  apiType?: number;
  openapiData?: { pairs?: Array<{ key?: string; value?: Uint8Array }> };
  appid?: string;
}

/** The WeChat HTTP API body the SDK meant to send: `{ key: JSON.parse(value) }` for every pair. */
export function decodeOpenApiParams(requestData: Buffer): Record<string, unknown> {
  const message = CommApiData.toObject(CommApiData.decode(requestData)) as DecodedCommApiData;
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    if (!pair.key) continue;
    const text = Buffer.from(pair.value ?? new Uint8Array()).toString('utf8');
    params[pair.key] = text === '' ? undefined : (JSON.parse(text) as unknown);
  }
  return params;
}

export interface OpenApiResponse {
  /** What the WeChat API would answer: JSON text or image bytes. */
  body: Buffer;
  contentType: string;
}

/** The reply bytes: errorCode ≠ 0 is a platform refusal the SDK throws as-is (e.g. -604101). */
export function encodeOpenApiReply(response: OpenApiResponse | { errorCode: number }): Buffer {
  const fields =
    'errorCode' in response
      ? { errorCode: response.errorCode, httpCode: 200 }
      : { respData: response.body, contentType: response.contentType, httpCode: 200 };
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create(fields)).finish());
}

/** Test-side counterparts: what the SDK encodes and decodes. */
export function encodeOpenApiParams(params: Record<string, unknown>): Buffer {
  const pairs = Object.entries(params).map(([key, value]) => ({
    key,
    value: Buffer.from(JSON.stringify(value)),
  }));
  return Buffer.from(CommApiData.encode(CommApiData.create({ apiType: 0, openapiData: { pairs } })).finish());
}

export function decodeOpenApiReply(bytes: Buffer): {
  errorCode: number;
  contentType: string;
  body: Buffer;
} {
  const message = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    errorCode: number;
    contentType: string;
    respData: Uint8Array;
  };
  return {
    errorCode: message.errorCode,
    contentType: message.contentType,
    body: Buffer.from(message.respData),
  };
}
