/**
 * The helper the function integration tests use, on the real bundles of build/functions (`npm test`
 * builds them first): start on a free port with a temporary DATA_DIR, call, drive the dev endpoints, stop.
 */
import fs from 'node:fs';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud();
});

afterAll(async () => {
  const { dataDir } = cloud;
  await cloud.stop();
  expect(fs.existsSync(dataDir)).toBe(false);
});

it('runs the built user function: ping answers the caller, or UNAUTHENTICATED without one', async () => {
  expect(cloud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await cloud.call('user', { action: 'ping' }, 'o-helper')).toEqual({
    ok: true,
    data: { openid: 'o-helper', appid: 'wx0000000000000000', source: 'wx_client' },
  });
  expect(await cloud.call('user', { action: 'ping' })).toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  });
});

it('starts with an empty database (no demo catalogue) and a clock it can move', async () => {
  expect(cloud.runtime.database.count('products')).toBe(0);
  const before = cloud.now();
  const after = await cloud.advanceClock(60_000);
  expect(after - before).toBeGreaterThanOrEqual(60_000);
  expect(await cloud.outbox()).toEqual([]);
});

it('delays every CloudBase API request of a runtime started with latencyMs, not the gateway', async () => {
  const slow = await startLocalCloud({ latencyMs: 150, poolSize: 1 });
  try {
    const t0 = Date.now();
    expect((await slow.request('GET', '/dev/health')).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(150);
    const t1 = Date.now();
    const res = await fetch(`${slow.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'users' }),
    });
    expect(((await res.json()) as { data: { total: number } }).data.total).toBe(0);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(145);
  } finally {
    await slow.stop();
  }
});
