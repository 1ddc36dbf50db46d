/**
 * The function runner through the gateway, with fixture functions run by the real wx-server-sdk in
 * worker processes: identity and source per call, isolation of concurrent callers, one invocation at a
 * time per worker, timeouts, crashes, the runtime's error answers and the dev clock inside functions.
 */
import fs from 'node:fs';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { buildFixtures } from './fixtures';
import { sleep, waitFor } from './wait';

interface Whoami {
  openid: string | null;
  appid: string | null;
  env: string | null;
  source: string | null;
  clientIp: string | null;
  userInfo: { appId: string; openId: string } | null;
  event: Record<string, unknown>;
  functionName: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  adminOpenids: string | null;
  dateNow: number;
  newDate: number;
  dateString: string;
  fixedDate: number;
  pid: number;
}

interface SlowReply {
  pid: number;
  startedAt: number;
  endedAt: number;
  openidBefore: string | null;
  openidAfter: string | null;
}

interface ErrorBody {
  ok: false;
  error: { code: string; message: string; reason: string };
}

let functionsDir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  functionsDir = await buildFixtures();
  cloud = await startLocalCloud({
    functionsDir,
    poolSize: 2,
    adminOpenids: 'boss-1,boss-2',
  });
});

afterAll(async () => {
  await cloud?.stop();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

describe('identity and source', () => {
  it('gives a client call its caller (x-openid), the app, the environment and SOURCE wx_client', async () => {
    const reply = await cloud.callRaw<Whoami>('whoami', { action: 'hello', n: 1 }, 'o-buyer-1');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      openid: 'o-buyer-1',
      appid: 'wx0000000000000000',
      env: 'local',
      source: 'wx_client',
      clientIp: '127.0.0.1',
      functionName: 'whoami',
      // Nothing declared (no runtime.json): CloudBase's defaults, 3 s and 256 MB.
      timeLimitMs: 3_000,
      memoryLimitMb: 256,
      adminOpenids: 'boss-1,boss-2',
      event: { action: 'hello', n: 1, userInfo: { appId: 'wx0000000000000000', openId: 'o-buyer-1' } },
    });
  });

  it('has no OPENID and no userInfo without x-openid, and never trusts a userInfo in the payload', async () => {
    const anonymous = await cloud.call<Whoami>('whoami', { userInfo: { openId: 'forged' } });
    expect(anonymous.openid).toBeNull();
    expect(anonymous.userInfo).toBeNull();
    const signedIn = await cloud.call<Whoami>('whoami', { userInfo: { openId: 'forged' } }, 'o-real');
    expect(signedIn.userInfo).toEqual({ appId: 'wx0000000000000000', openId: 'o-real' });
  });

  it('keeps two concurrent callers apart: each sees its own OPENID for the whole call', async () => {
    const [a, b] = await Promise.all([
      cloud.call<SlowReply>('slow', { ms: 300 }, 'o-alice'),
      cloud.call<SlowReply>('slow', { ms: 300 }, 'o-bob'),
    ]);
    expect([a.openidBefore, a.openidAfter]).toEqual(['o-alice', 'o-alice']);
    expect([b.openidBefore, b.openidAfter]).toEqual(['o-bob', 'o-bob']);
    // They overlapped in time, so they ran in two processes.
    expect(a.pid).not.toBe(b.pid);
  });
});

describe('workers', () => {
  it('runs one invocation at a time per worker and queues calls when every worker is busy', async () => {
    const started = Date.now();
    const replies = await Promise.all(
      ['o-1', 'o-2', 'o-3', 'o-4', 'o-5'].map((openid) => cloud.call<SlowReply>('slow', { ms: 250 }, openid)),
    );
    // Five calls of 250 ms on two workers: at least three rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 250 - 20);
    const byPid = new Map<number, SlowReply[]>();
    for (const reply of replies) byPid.set(reply.pid, [...(byPid.get(reply.pid) ?? []), reply]);
    expect(byPid.size).toBeLessThanOrEqual(2);
    for (const runs of byPid.values()) {
      const sorted = [...runs].sort((x, y) => x.startedAt - y.startedAt);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i].startedAt).toBeGreaterThanOrEqual(sorted[i - 1].endedAt);
    }
    expect(replies.map((r) => r.openidAfter)).toEqual(['o-1', 'o-2', 'o-3', 'o-4', 'o-5']);
  });

  it('gives a function without a declared timeout the default 3 s: a 4 s call times out, its worker is replaced', async () => {
    const before = await cloud.call<SlowReply>('slow', { ms: 0 });
    const reply = await cloud.callRaw<ErrorBody>('slow', { ms: 4_000 });
    expect(reply.status).toBe(504);
    expect(reply.body.error).toMatchObject({ code: 'INTERNAL', reason: 'FUNCTION_TIMEOUT' });
    expect(reply.body.error.message).toMatch(/slow timed out after 3 s/);
    const after = await cloud.call<SlowReply>('slow', { ms: 0 });
    expect(after.endedAt).toBeGreaterThan(before.endedAt);
    await waitFor(() => cloud.runtime.stats().workers === 2);
  });

  it('honours a declared timeout (runtime.json): 4 s within 5 s succeeds, and the context says 5000 ms', async () => {
    const reply = await cloud.callRaw<SlowReply & { timeLimitMs: number }>('patient', { ms: 4_000 });
    expect(reply.status).toBe(200);
    expect(reply.body.endedAt - reply.body.startedAt).toBeGreaterThanOrEqual(4_000);
    expect(reply.body.timeLimitMs).toBe(5_000);
  });

  it('runs a function with its declared memory and crashes it when it needs more', async () => {
    const small = await cloud.callRaw<{ held: number; memoryLimitMb: number; heapLimitMb: number }>('hog', {
      mb: 8,
    });
    expect(small.body).toMatchObject({ held: 8, memoryLimitMb: 128 });
    // The heap limit is the declared memory (V8 adds a few MB of young generation on top).
    expect(small.body.heapLimitMb).toBeGreaterThanOrEqual(128);
    expect(small.body.heapLimitMb).toBeLessThan(256);
    const big = await cloud.callRaw<ErrorBody>('hog', { mb: 400 });
    expect(big.status).toBe(502);
    expect(big.body.error).toMatchObject({ code: 'INTERNAL', reason: 'FUNCTION_CRASHED' });
    expect(big.body.error.message).toMatch(/hog crashed \(out of memory: it needed more than its 128 MB\)/);
    // Functions without a declaration get 256 MB, and the runtime goes on.
    expect((await cloud.call<Whoami>('whoami', {})).memoryLimitMb).toBe(256);
    expect((await cloud.request('GET', '/dev/health')).body).toEqual({ ok: true });
  });

  it('answers a crash (process.exit, uncaught exception) with FUNCTION_CRASHED and keeps serving', async () => {
    const exited = await cloud.callRaw<ErrorBody>('crash', { how: 'exit' });
    expect(exited.status).toBe(502);
    expect(exited.body.error).toMatchObject({ reason: 'FUNCTION_CRASHED' });
    expect(exited.body.error.message).toMatch(/exited with code 3/);
    const uncaught = await cloud.callRaw<ErrorBody>('crash', { how: 'uncaught' });
    expect(uncaught.status).toBe(502);
    expect(uncaught.body.error.message).toMatch(/boom outside the promise/);
    expect((await cloud.callRaw('crash', { how: 'none' })).body).toEqual({ survived: true });
    expect((await cloud.request('GET', '/dev/health')).body).toEqual({ ok: true });
  });

  it('answers a function that throws with FUNCTION_ERROR', async () => {
    const reply = await cloud.callRaw<ErrorBody>('crash', { how: 'throw' });
    expect(reply.status).toBe(502);
    expect(reply.body.error).toMatchObject({ code: 'INTERNAL', reason: 'FUNCTION_ERROR' });
    expect(reply.body.error.message).toMatch(/boom inside main/);
  });
});

describe('the gateway’s own errors', () => {
  it('refuses a body that is not JSON or not an object with 400 BAD_JSON', async () => {
    const broken = await cloud.request<ErrorBody>('POST', '/fn/whoami', '{"action":', {
      'content-type': 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'VALIDATION', reason: 'BAD_JSON' });
    const array = await cloud.request<ErrorBody>('POST', '/fn/whoami', [1, 2]);
    expect(array.status).toBe(400);
  });

  it('answers 404 for an unknown function or route and 405 for a wrong method', async () => {
    const unknown = await cloud.callRaw<ErrorBody>('nope', { action: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', reason: 'FUNCTION_NOT_FOUND' });
    expect((await cloud.request<ErrorBody>('GET', '/nowhere')).status).toBe(404);
    const wrongMethod = await cloud.request<ErrorBody>('GET', '/fn/whoami');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.reason).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('the dev clock', () => {
  it('moves Date.now(), new Date() and Date() inside functions, not dates built from a value', async () => {
    const day = 24 * 3600_000;
    const now = await cloud.advanceClock(3 * day);
    expect(now - Date.now()).toBeGreaterThan(3 * day - 5_000);
    const seen = await cloud.call<Whoami>('whoami', {});
    expect(Math.abs(seen.dateNow - cloud.now())).toBeLessThan(2_000);
    expect(Math.abs(seen.newDate - seen.dateNow)).toBeLessThan(50);
    expect(seen.fixedDate).toBe(0);

    const fixed = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(await cloud.setClock(fixed)).toBeGreaterThanOrEqual(fixed);
    const later = await cloud.call<Whoami>('whoami', {});
    expect(later.dateNow).toBeGreaterThanOrEqual(fixed);
    expect(later.dateNow).toBeLessThan(fixed + 5_000);
    expect(later.dateString).toMatch(/2030/);
  });

  it('refuses a clock request without advanceMs or now', async () => {
    expect((await cloud.request('POST', '/dev/clock', { advanceMs: 'soon' })).status).toBe(400);
    expect((await cloud.request('POST', '/dev/clock', {})).status).toBe(400);
  });
});

describe('the invocation log', () => {
  it('records function, action, caller, duration and outcome of each call', async () => {
    await cloud.call('whoami', { action: 'logged' }, 'o-log');
    await cloud.callRaw('crash', { how: 'throw' });
    const records = cloud.invocations();
    expect(records).toContainEqual(
      expect.objectContaining({
        name: 'whoami',
        action: 'logged',
        openid: 'o-log',
        source: 'wx_client',
        outcome: 'ok',
      }),
    );
    expect(records).toContainEqual(expect.objectContaining({ name: 'crash', outcome: 'error' }));
    expect(records.every((r) => r.ms >= 0)).toBe(true);
  });
});

describe('shutdown', () => {
  it('lets a running call finish, refuses new ones, then stops', async () => {
    const own = await startLocalCloud({ functionsDir, poolSize: 1 });
    const running = own.callRaw<SlowReply>('slow', { ms: 400 }, 'o-late');
    await sleep(100);
    const stopped = own.stop();
    await sleep(50);
    const refused = await own.callRaw<ErrorBody>('whoami', {});
    expect(refused.status).toBe(503);
    expect(refused.body.error.reason).toBe('SHUTTING_DOWN');
    const finished = await running;
    expect(finished.status).toBe(200);
    expect(finished.body.openidAfter).toBe('o-late');
    await stopped;
    expect(own.runtime.stats().workers).toBe(0);
  });
});
