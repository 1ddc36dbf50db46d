/**
 * The transport of CloudBase's HTTP API: body parsing (JSON, chunked multipart), dispatch on
 * `action`, and replies the SDKs accept (always HTTP 200).
 */
import http from 'node:http';
import {
  ActionRegistry,
  KEEP_ALIVE_TIMEOUT_MS,
  TcbError,
  listen,
  type ApiServer,
  type TcbRequest,
} from '../../../localcloud/api';

process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function post(
  url: string,
  body: Buffer | string,
  headers: http.OutgoingHttpHeaders,
  chunks = 1,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
    });
    req.on('error', reject);
    const bytes = Buffer.from(body);
    const size = Math.ceil(bytes.length / chunks);
    for (let i = 0; i < bytes.length; i += size) req.write(bytes.subarray(i, i + size));
    req.end();
  });
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const reply = await post(url, JSON.stringify(body), { 'content-type': 'application/json' });
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toBe('application/json');
  return JSON.parse(reply.body.toString()) as Record<string, unknown>;
}

describe('ActionRegistry', () => {
  const noop = () => ({ kind: 'json' as const });

  it('prefers an exact action, then the longest prefix', () => {
    const registry = new ActionRegistry();
    const exact = () => ({ kind: 'json' as const, data: 'exact' });
    const short = () => ({ kind: 'json' as const, data: 'short' });
    const long = () => ({ kind: 'json' as const, data: 'long' });
    registry.registerPrefix('wx.', short);
    registry.registerPrefix('wx.open', long);
    registry.register('wx.openApi', exact);
    expect(registry.resolve('wx.openApi')).toBe(exact);
    expect(registry.resolve('wx.openApiX')).toBe(long);
    expect(registry.resolve('wx.wxPayApi')).toBe(short);
    expect(registry.resolve('storage.x')).toBeUndefined();
    expect(registry.list()).toEqual(['wx.*', 'wx.open*', 'wx.openApi']);
  });

  it('refuses to register one action or prefix twice', () => {
    const registry = new ActionRegistry();
    registry.register('a.b', noop);
    registry.registerPrefix('a.', noop);
    expect(() => registry.register('a.b', noop)).toThrow(/already registered/);
    expect(() => registry.registerPrefix('a.', noop)).toThrow(/already registered/);
  });
});

describe('the API endpoint', () => {
  let api: ApiServer;
  const seen: TcbRequest[] = [];
  const logged: unknown[] = [];

  beforeAll(async () => {
    const registry = new ActionRegistry();
    registry.register('test.echo', (request) => {
      seen.push(request);
      return { kind: 'json', data: { got: request.params.value } };
    });
    registry.register('test.top', () => ({ kind: 'json', top: { transactionId: 'tx-1' } }));
    registry.register('test.binary', () => ({ kind: 'binary', body: Buffer.from([0, 1, 2, 255]) }));
    registry.register('test.refuse', () => {
      throw new TcbError('DATABASE_PERMISSION_DENIED', 'Permission denied');
    });
    registry.register('test.crash', () => {
      throw new Error('boom');
    });
    registry.register('test.asyncCrash', async () => Promise.reject(new Error('async boom')));
    registry.register('test.files', (request) => {
      seen.push(request);
      return { kind: 'json', data: { files: Object.keys(request.files) } };
    });
    api = await listen(registry, { logger: { error: (_message, error) => logged.push(error) } });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    seen.length = 0;
    logged.length = 0;
  });

  it('answers { requestId, data } and hands the handler params, env and the caller token', async () => {
    const body = await postJson(`${api.url}?env=env-1&seqId=abc_1`, {
      action: 'test.echo',
      value: 42,
      wxCloudApiToken: 'token-7',
    });
    expect(body).toEqual({ requestId: expect.stringMatching(/^[0-9a-f]{32}$/), data: { got: 42 } });
    expect(seen[0]).toMatchObject({ action: 'test.echo', env: 'env-1', apiToken: 'token-7', files: {} });
    expect(seen[0].params).toMatchObject({ action: 'test.echo', value: 42 });
  });

  it('puts top-level fields beside requestId', async () => {
    expect(await postJson(api.url, { action: 'test.top' })).toEqual({
      requestId: expect.any(String),
      transactionId: 'tx-1',
    });
  });

  it('sends binary replies as application/octet-stream', async () => {
    const reply = await post(api.url, JSON.stringify({ action: 'test.binary' }), {
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect([...reply.body]).toEqual([0, 1, 2, 255]);
  });

  it('answers a TcbError as { requestId, code, message } with status 200', async () => {
    expect(await postJson(api.url, { action: 'test.refuse' })).toEqual({
      requestId: expect.any(String),
      code: 'DATABASE_PERMISSION_DENIED',
      message: 'Permission denied',
    });
  });

  it('answers an unknown action with INVALID_ACTION and a missing one with INVALID_PARAM', async () => {
    expect(await postJson(api.url, { action: 'nope.nothing' })).toMatchObject({
      code: 'INVALID_ACTION',
      message: 'unknown action nope.nothing',
    });
    expect(await postJson(api.url, { value: 1 })).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'missing action',
    });
  });

  it('answers bodies that are not a JSON object with INVALID_PARAM', async () => {
    for (const text of ['{"action":', '[1,2]', 'null']) {
      const reply = await post(api.url, text, { 'content-type': 'application/json' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
    }
  });

  it('turns an unexpected exception into SYS_ERR, logs it and keeps serving', async () => {
    expect(await postJson(api.url, { action: 'test.crash' })).toMatchObject({
      code: 'SYS_ERR',
      message: 'boom',
    });
    expect(await postJson(api.url, { action: 'test.asyncCrash' })).toMatchObject({
      code: 'SYS_ERR',
      message: 'async boom',
    });
    expect(logged.map((error) => (error as Error).message)).toEqual(['boom', 'async boom']);
    expect(await postJson(api.url, { action: 'test.echo', value: 'still here' })).toMatchObject({
      data: { got: 'still here' },
    });
  });

  it('accepts a JSON body of several MB', async () => {
    const value = 'x'.repeat(8 * 1024 * 1024);
    const body = await postJson(api.url, { action: 'test.echo', value });
    expect((body.data as { got: string }).got).toHaveLength(value.length);
  });

  it('parses a chunked multipart body: octet-stream parts are files, the others params', async () => {
    const boundary = '--------------------------515890814546601021194782';
    const part = (name: string, value: Buffer | string, binary: boolean): Buffer =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n` +
            (binary ? 'Content-Type: application/octet-stream\r\n' : '') +
            '\r\n',
        ),
        Buffer.from(value),
        Buffer.from('\r\n'),
      ]);
    const payload = Buffer.from([8, 0, 18, 3, 0xff, 0x00, 0x7f]);
    const body = Buffer.concat([
      part('action', 'test.files', false),
      part('apiName', 'wxacode.getUnlimited', false),
      part('requestData', payload, true),
      part('envName', 'env-2', false),
      part('wxCloudApiToken', 'token-9', false),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    // No content-length: node sends it chunked, as form-data does in the SDK.
    const reply = await post(
      `${api.url}?env=env-2`,
      body,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      7,
    );
    expect(JSON.parse(reply.body.toString())).toMatchObject({ data: { files: ['requestData'] } });
    expect(seen[0].params).toMatchObject({
      action: 'test.files',
      apiName: 'wxacode.getUnlimited',
      envName: 'env-2',
    });
    expect(seen[0].apiToken).toBe('token-9');
    expect(seen[0].files.requestData.equals(payload)).toBe(true);
  });

  it('answers other methods with an error body and other paths with 404', async () => {
    const get = await fetch(api.url);
    expect(await get.json()).toMatchObject({ code: 'INVALID_PARAM' });
    expect((await fetch(api.url.replace('/admin', '/other'), { method: 'POST' })).status).toBe(404);
  });

  it('survives a client that goes away mid-request', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(api.url, { method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('error', () => resolve());
      req.write('{"action":"test.echo","value":"');
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
    expect(await postJson(api.url, { action: 'test.echo', value: 1 })).toMatchObject({ data: { got: 1 } });
    // A caller hanging up is not a server error worth logging.
    expect(logged).toEqual([]);
  });

  it('keeps idle connections open longer than the SDKs (4.8 s)', () => {
    expect(api.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(4_800);
    expect(api.server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });
});

describe('body limit', () => {
  it('refuses a body above maxBodyBytes with a readable error, not a broken connection', async () => {
    const registry = new ActionRegistry();
    registry.register('test.echo', () => ({ kind: 'json', data: 'ok' }));
    const small = await listen(registry, { maxBodyBytes: 1024 });
    try {
      expect(await postJson(small.url, { action: 'test.echo', value: 'x'.repeat(2000) })).toMatchObject({
        code: 'INVALID_PARAM',
        message: 'request body is larger than 1024 bytes',
      });
      expect(await postJson(small.url, { action: 'test.echo' })).toMatchObject({ data: 'ok' });
    } finally {
      await small.close();
    }
  });
});

describe('latencyMs (LATENCY_MS of npm start, NOTES.md §2.7)', () => {
  function registryWithLog(log: string[]): ActionRegistry {
    const registry = new ActionRegistry();
    registry.register('t.echo', (request: TcbRequest) => {
      log.push(String(request.params.n));
      return { kind: 'json', data: { n: request.params.n } };
    });
    return registry;
  }

  it('delays every request by that many ms and keeps their order', async () => {
    const log: string[] = [];
    const api = await listen(registryWithLog(log), { latencyMs: 200 });
    try {
      const started = Date.now();
      const replies = await Promise.all([1, 2, 3].map((n) => postJson(api.url, { action: 't.echo', n })));
      const elapsed = Date.now() - started;
      expect(replies.map((r) => (r.data as { n: number }).n)).toEqual([1, 2, 3]);
      expect(elapsed).toBeGreaterThanOrEqual(195);
      expect(log).toEqual(['1', '2', '3']);
      // Sequential requests pay it each time: what a chatty function costs.
      const again = Date.now();
      await postJson(api.url, { action: 't.echo', n: 4 });
      await postJson(api.url, { action: 't.echo', n: 5 });
      expect(Date.now() - again).toBeGreaterThanOrEqual(395);
    } finally {
      await api.close();
    }
  });

  it('adds nothing by default, and refuses a negative latency', async () => {
    const api = await listen(registryWithLog([]));
    try {
      const started = Date.now();
      for (let n = 0; n < 5; n++) await postJson(api.url, { action: 't.echo', n });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await api.close();
    }
    expect(() => listen(registryWithLog([]), { latencyMs: -1 })).toThrow(/latencyMs/);
  });
});
