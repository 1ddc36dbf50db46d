/**
 * The platform adapters as TcbHandlers, called directly with TcbRequest objects (no processes, no
 * HTTP): what each answers for requests the SDK would not send or the platform would refuse.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionRegistry, TcbError, type TcbReply, type TcbRequest } from '../../../localcloud/api';
import { Clock } from '../../../localcloud/clock';
import { createPlatform, type Platform } from '../../../localcloud/platform';
import { decodeOpenApiReply, encodeOpenApiParams } from '../../../localcloud/platform/openapi/protocol';
import { FunctionCatalog } from '../../../localcloud/runner/catalog';
import { type Invocation, InvocationRegistry } from '../../../localcloud/runner/invocations';
import type { FunctionRunner, InvokeRequest } from '../../../localcloud/runner/runner';

let dir: string;
let registry: ActionRegistry;
let platform: Platform;
let invocations: InvocationRegistry;
let codes: Invocation;
const invoked: InvokeRequest[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-adapters-'));
  const functions = path.join(dir, 'functions');
  fs.mkdirSync(path.join(functions, 'codes'), { recursive: true });
  fs.writeFileSync(path.join(functions, 'codes', 'index.js'), 'exports.main = async () => null;\n');
  fs.writeFileSync(
    path.join(functions, 'codes', 'config.json'),
    JSON.stringify({ permissions: { openapi: ['wxacode.getUnlimited'] } }),
  );
  invocations = new InvocationRegistry();
  const runner = {
    catalog: new FunctionCatalog(functions),
    invoke: async (request: InvokeRequest) => {
      invoked.push(request);
      return { ok: true as const, value: { echoed: request.event } };
    },
  } as unknown as FunctionRunner;
  platform = createPlatform({
    dataDir: path.join(dir, 'data'),
    envId: 'local',
    appId: 'wx-app',
    clock: new Clock(),
    runner,
    invocations,
    publicUrl: () => 'http://127.0.0.1:4000',
  });
  registry = new ActionRegistry();
  platform.register(registry);
  codes = invocations.begin(
    'codes',
    { openid: 'o-1', unionid: null, appid: 'wx-app', source: 'wx_client', clientIp: null },
    0,
  );
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function request(
  action: string,
  params: Record<string, unknown>,
  files: Record<string, Buffer> = {},
): TcbRequest {
  return { action, params, files, env: 'local', apiToken: codes.token };
}

async function handle(req: TcbRequest): Promise<TcbReply> {
  const handler = registry.resolve(req.action);
  if (!handler) throw new Error(`no handler for ${req.action}`);
  return handler(req);
}

async function json(req: TcbRequest): Promise<Record<string, unknown>> {
  const reply = await handle(req);
  if (reply.kind !== 'json') throw new Error('expected a JSON reply');
  return reply.data as Record<string, unknown>;
}

async function bytes(req: TcbRequest): Promise<Buffer> {
  const reply = await handle(req);
  if (reply.kind !== 'binary') throw new Error('expected a binary reply');
  return reply.body;
}

describe('functions.invokeFunction', () => {
  it('runs the callee for the caller of the token and answers response_data as JSON text', async () => {
    const data = await json(
      request('functions.invokeFunction', { function_name: 'x', request_data: '{"a":1}' }),
    );
    expect(JSON.parse(data.response_data as string)).toEqual({ echoed: { a: 1 } });
    expect(invoked[invoked.length - 1]).toMatchObject({
      name: 'x',
      openid: 'o-1',
      source: 'wx_client',
      parent: codes,
    });
  });

  it('refuses request_data that is not a JSON object', async () => {
    for (const bad of ['{nope', '[1]', '"text"']) {
      await expect(
        handle(request('functions.invokeFunction', { function_name: 'x', request_data: bad })),
      ).rejects.toThrow(TcbError);
    }
  });
});

describe('storage', () => {
  it('grants an upload URL that is percent-encoded and a temporary URL that is not', async () => {
    const meta = await json(request('storage.getUploadMetadata', { path: 'a b/图.png', method: 'put' }));
    expect(meta.url).toBe(`http://127.0.0.1:4000/files/${encodeURIComponent('a b/图.png')}`);
    expect(meta.fileId).toBe('cloud://local.6c6f-local-1250000000/a b/图.png');
    expect(platform.bucket.takeGrant('a b/图.png', meta.token as string)).toBe(true);
    platform.bucket.write('a b/图.png', Buffer.from('x'));
    const urls = await json(
      request('storage.batchGetDownloadUrl', { file_list: [{ fileid: meta.fileId, max_age: 60 }] }),
    );
    expect(urls.download_list).toEqual([
      expect.objectContaining({
        code: 'SUCCESS',
        tempFileURL: expect.stringMatching(/\/files\/a b\/图\.png\?sign=/),
      }),
    ]);
  });

  it('refuses a cloud path that leaves the bucket', async () => {
    await expect(
      handle(request('storage.getUploadMetadata', { path: '../../etc/passwd' })),
    ).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    });
  });
});

describe('wx.openApi', () => {
  const getUnlimited = (token: string) => ({
    ...request(
      'wx.openApi',
      { apiName: 'wxacode.getUnlimited' },
      { requestData: encodeOpenApiParams({ scene: 'a=1' }) },
    ),
    apiToken: token,
  });

  it('answers a granted API with the WeChat body in CommOpenApiResp', async () => {
    const reply = decodeOpenApiReply(await bytes(getUnlimited(codes.token)));
    expect(reply).toMatchObject({ errorCode: 0, contentType: 'image/png' });
    expect(reply.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses an API the function was not granted with -604101, and a caller that is no invocation', async () => {
    const denied = request(
      'wx.openApi',
      { apiName: 'subscribeMessage.send' },
      { requestData: encodeOpenApiParams({}) },
    );
    expect(decodeOpenApiReply(await bytes(denied)).errorCode).toBe(-604101);
    await expect(handle(getUnlimited('stale-token'))).rejects.toMatchObject({
      code: 'INVALID_REQUEST_SOURCE',
    });
  });
});

describe('wx.wxPayApi', () => {
  const pay = (apiName: string, params: Record<string, unknown>) =>
    request('wx.wxPayApi', { apiName }, { requestData: Buffer.from(JSON.stringify(params)) });

  it('answers a missing parameter with return_code FAIL, as WeChat Pay does', async () => {
    const reply = JSON.parse((await bytes(pay('unifiedOrder', { body: 'x' }))).toString());
    expect(reply).toEqual({ return_code: 'FAIL', return_msg: '缺少参数 out_trade_no' });
  });

  it('throws INVALID_PARAM for an API the local CloudBase does not have', async () => {
    await expect(handle(pay('downloadBill', {}))).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });
});
