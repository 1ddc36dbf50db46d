/**
 * The real SDKs through the transport, with stand-in handlers: JSON actions, errors mapped by each
 * SDK, and wx-server-sdk's multipart `wx.openApi` call answered with bytes.
 */
import { ActionRegistry, TcbError, listen, type ApiServer, type TcbRequest } from '../../../localcloud/api';

process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDKs' typings do not describe these calls
type Loose = any;

let api: ApiServer;
const seen: TcbRequest[] = [];
let node: Loose;
let wx: Loose;

beforeAll(async () => {
  const registry = new ActionRegistry();
  registry.register('functions.invokeFunction', (request) => {
    seen.push(request);
    if (request.params.function_name === 'broken') throw new TcbError('FUNCTIONS_EXECUTE_FAIL', 'boom');
    return {
      kind: 'json',
      data: { response_data: JSON.stringify({ echo: JSON.parse(String(request.params.request_data)) }) },
    };
  });
  registry.registerPrefix('wx.', (request) => {
    seen.push(request);
    // An empty protobuf message: the SDK decodes it as a successful, empty answer.
    return { kind: 'binary', body: Buffer.alloc(0) };
  });
  api = await listen(registry);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  node = require('@cloudbase/node-sdk').init({
    env: 'e1',
    serviceUrl: api.url,
    secretId: 'x',
    secretKey: 'y',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wx = require('wx-server-sdk');
  wx.init({ env: 'e1', serviceUrl: api.url, secretId: 'x', secretKey: 'y' });
});
afterAll(() => api.close());
beforeEach(() => {
  seen.length = 0;
});

it('node-sdk: a JSON action and its reply', async () => {
  const res = await node.callFunction({ name: 'echo', data: { a: 1 } });
  expect(res.result).toEqual({ echo: { a: 1 } });
  expect(res.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(seen[0]).toMatchObject({ action: 'functions.invokeFunction', env: 'e1' });
});

it('node-sdk: a TcbError keeps its code', async () => {
  await expect(node.callFunction({ name: 'broken', data: {} })).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: 'boom',
  });
});

it('wx-server-sdk: a JSON action and a mapped error', async () => {
  expect((await wx.callFunction({ name: 'echo', data: { b: 2 } })).result).toEqual({ echo: { b: 2 } });
  await expect(wx.callFunction({ name: 'broken', data: {} })).rejects.toMatchObject({
    errMsg: expect.stringMatching(/boom/),
  });
});

it('wx-server-sdk: openapi travels as chunked multipart with a binary part, and takes bytes back', async () => {
  const res = await wx.openapi.wxacode.getUnlimited({ scene: 'inviter=abc', page: 'pages/index/index' });
  expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok' });
  expect(seen[0].action).toBe('wx.openApi');
  expect(seen[0].params.apiName).toBe('wxacode.getUnlimited');
  expect(Buffer.isBuffer(seen[0].files.requestData)).toBe(true);
  expect(seen[0].files.requestData.toString('latin1')).toContain('inviter=abc');
});
