/**
 * Hostile input at the gateway: events too deep or too large are refused with 400 before they reach a
 * worker (NOTES.md §7.4), a malformed path is a 400, and /dev/pay answers 400 or 404 for any value –
 * never a 500, never a crash. After each, the runtime and its workers still serve.
 */
import fs from 'node:fs';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { PaymentStore } from '../../../localcloud/platform/pay/payments';
import { MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from '../../../localcloud/runner/eventLimits';
import { buildFixtures } from './fixtures';

interface ErrorBody {
  ok: false;
  error: { code: string; message: string; reason: string };
}

let functionsDir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  functionsDir = await buildFixtures();
  cloud = await startLocalCloud({ functionsDir, poolSize: 2 });
});

afterAll(async () => {
  await cloud?.stop();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

/** `{ action, a: { a: { … } } }` with `depth` levels of objects in all. */
function nested(depth: number): string {
  let text = '{}';
  for (let i = 1; i < depth; i++) text = `{"a":${text}}`;
  return text.replace(/^\{/, '{"action":"deep",');
}

async function post(pathname: string, body: string): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetch(`${cloud.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': 'o-hostile' },
    body,
  });
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

async function stillServes(): Promise<void> {
  expect((await cloud.request('GET', '/dev/health')).body).toEqual({ ok: true });
  expect(await cloud.call<{ functionName: string }>('whoami', {})).toMatchObject({ functionName: 'whoami' });
  expect(cloud.runtime.stats().workers).toBeGreaterThanOrEqual(2);
}

describe('events', () => {
  it.each([6_000, 100_000, MAX_EVENT_DEPTH + 1])(
    'refuses an event nested %i deep with 400',
    async (depth) => {
      const reply = await post('/fn/whoami', nested(depth));
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'VALIDATION', reason: 'EVENT_TOO_DEEP' });
      expect(reply.body.error.message).toMatch(/nested deeper than 32 levels/);
      await stillServes();
    },
  );

  it('refuses deep arrays too, and accepts an event exactly 32 deep', async () => {
    const arrays = `{"a":${'['.repeat(40)}${']'.repeat(40)}}`;
    expect((await post('/fn/whoami', arrays)).status).toBe(400);
    const ok = await post('/fn/whoami', nested(MAX_EVENT_DEPTH));
    expect(ok.status).toBe(200);
  });

  it('refuses a body above 6 MB with 400 and takes one just below', async () => {
    const big = JSON.stringify({ action: 'big', blob: 'x'.repeat(MAX_EVENT_BYTES) });
    const refused = await post('/fn/whoami', big);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION', reason: 'BODY_TOO_LARGE' });
    const fits = JSON.stringify({ action: 'big', blob: 'x'.repeat(MAX_EVENT_BYTES - 100) });
    const reply = await post('/fn/whoami', fits);
    expect(reply.status).toBe(200);
    await stillServes();
  });

  it('answers a malformed percent-encoded function name with 400, an odd one with 404', async () => {
    expect((await post('/fn/%E0%A4%A', '{}')).status).toBe(400);
    expect((await post('/fn/..%2F..%2Fetc', '{}')).status).toBe(404);
    expect((await post('/fn/__proto__', '{}')).status).toBe(404);
    expect((await post('/dev/timer/%ZZ', '')).status).toBe(400);
    await stillServes();
  });

  it('refuses a deep event a function passes to callFunction, and the caller goes on', async () => {
    // wx-server-sdk refuses such data itself (as a "circular reference")…
    const reply = await cloud.call<Record<string, unknown>>('caller', { target: 'whoami', deep: 5_000 });
    expect(reply).toMatchObject({ ok: false });
    // …and the server refuses it when it arrives all the same.
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'functions.invokeFunction',
        function_name: 'whoami',
        request_data: nested(6_000),
      }),
    });
    const answer = (await res.json()) as { code: string; message: string };
    expect(answer).toMatchObject({ code: 'INVALID_PARAM' });
    expect(answer.message).toMatch(/nested deeper than 32 levels/);
    await stillServes();
  });
});

it('fails only the invocation when an event that skipped the gateway cannot reach the worker', async () => {
  const event = JSON.parse(nested(20_000)) as Record<string, unknown>;
  const result = await cloud.runtime.runner.invoke({ name: 'whoami', event, source: 'wx_client' });
  expect(result).toMatchObject({ ok: false, failure: 'error' });
  expect(!result.ok && result.message).toMatch(/could not be passed to the function/);
  await stillServes();
});

describe('/dev/pay', () => {
  it.each([
    ['a number', { outTradeNo: 5 }],
    ['an object', { orderId: { $ne: null } }],
    ['an array', { outTradeNo: ['x'] }],
    ['an empty string', { orderId: '' }],
    ['a huge string', { outTradeNo: 'x'.repeat(100_000) }],
    ['nothing', {}],
    ['__proto__ as the body key', JSON.parse('{"__proto__":{"outTradeNo":"x"}}')],
  ])('answers 400 for %s', async (_label, body) => {
    const reply = await cloud.request<ErrorBody>('POST', '/dev/pay', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '../../etc/passwd', '%00', '*'])(
    'answers 404 for an unknown payment %s',
    async (key) => {
      for (const body of [{ outTradeNo: key }, { orderId: key }]) {
        const reply = await cloud.request<ErrorBody>('POST', '/dev/pay', body);
        expect(reply.status).toBe(404);
        expect(reply.body.error.reason).toBe('PAYMENT_NOT_FOUND');
      }
    },
  );

  it('answers a body that is not a JSON object with 400', async () => {
    for (const body of ['[]', '"x"', '12', 'null', '{']) {
      expect((await cloud.request('POST', '/dev/pay', body)).status).toBe(400);
    }
    await stillServes();
  });
});

it('keeps payments whose out_trade_no is __proto__ or constructor as plain entries', () => {
  const file = `${fs.mkdtempSync('/tmp/localcloud-payments-')}/payments.json`;
  const store = new PaymentStore(file);
  const record = (outTradeNo: string) =>
    ({ outTradeNo, totalFee: 1, notifications: [], refunds: [] }) as unknown as Parameters<
      PaymentStore['save']
    >[0];
  expect(store.get('constructor')).toBeUndefined();
  store.save(record('__proto__'));
  store.save(record('constructor'));
  const again = new PaymentStore(file);
  expect(again.get('__proto__')?.outTradeNo).toBe('__proto__');
  expect(again.get('constructor')?.outTradeNo).toBe('constructor');
  expect(again.get('toString')).toBeUndefined();
  expect(again.all()).toHaveLength(2);
});
