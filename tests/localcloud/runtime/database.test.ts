/**
 * End to end through the gateway: a function writes and reads the embedded database with the real
 * wx-server-sdk; `db.serverDate()` and the function's own `new Date()` both follow the dev clock; and
 * a restart on the same DATA_DIR keeps the data, the clock, the payments and the outbox – while a fresh
 * DATA_DIR gets the demo catalogue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { buildFixtures } from './fixtures';
import { PNG_SIGNATURE } from './png';

interface ListedNote {
  _id: string;
  text: string;
  at: number;
  localAt: number;
  hasOpenidField: boolean;
}

const DAY = 24 * 3600_000;
let functionsDir: string;
let dataDir: string;

beforeAll(async () => {
  functionsDir = await buildFixtures();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-db-'));
});

afterAll(() => {
  fs.rmSync(functionsDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(seed: 'if-empty' | false = false): Promise<LocalCloud> {
  return startLocalCloud({ functionsDir, dataDir, poolSize: 2, seed });
}

describe('the database through wx-server-sdk', () => {
  it('stores what a function adds, per caller, with serverDate and Date on the dev clock', async () => {
    const cloud = await start();
    try {
      cloud.runtime.database.ensureCollection('notes');
      const first = await cloud.call<{ _id: string }>('notes', { action: 'add', text: '第一条' }, 'o-writer');
      expect(first._id).toMatch(/^[0-9a-f]{32}$/);
      const moved = await cloud.advanceClock(30 * DAY);
      await cloud.call('notes', { action: 'add', text: '一个月后' }, 'o-writer');
      await cloud.call('notes', { action: 'add', text: '别人的' }, 'o-other');

      const listed = await cloud.call<ListedNote[]>('notes', { action: 'list' }, 'o-writer');
      expect(listed.map((n) => n.text)).toEqual(['第一条', '一个月后']);
      expect(listed[0].hasOpenidField).toBe(false);
      expect(Math.abs(listed[1].at - moved)).toBeLessThan(5_000);
      expect(Math.abs(listed[1].localAt - moved)).toBeLessThan(5_000);
      expect(listed[1].at - listed[0].at).toBeGreaterThan(30 * DAY - 5_000);
      expect(await cloud.call('notes', { action: 'count' }, 'o-other')).toBe(1);
      expect(cloud.runtime.database.count('notes')).toBe(3);
    } finally {
      await cloud.stop();
    }
  });

  it('keeps data, clock, payments and outbox across a restart on the same DATA_DIR', async () => {
    const before = await start();
    const clockBefore = before.now();
    await before.call('shop', { action: 'order', orderId: 'kept', totalFee: 500 }, 'o-payer');
    const paid = await before.pay<{ event: { transactionId: string } }>('kept');
    await before.call('codes', { action: 'send', touser: 'o-kept' });
    await before.stop();

    const after = await start();
    try {
      expect(Math.abs(after.now() - clockBefore)).toBeLessThan(10_000);
      expect(await after.call('notes', { action: 'count' }, 'o-writer')).toBe(2);
      const replay = await after.pay<{ event: { transactionId: string } }>('kept');
      expect(replay.body.event.transactionId).toBe(paid.body.event.transactionId);
      expect((await after.outbox()).map((m) => m.touser)).toEqual(['o-kept']);
    } finally {
      await after.stop();
    }
  });
});

describe('the demo catalogue', () => {
  it('seeds an empty DATA_DIR with products whose covers the gateway serves, once', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-seed-'));
    const first = await startLocalCloud({ functionsDir, dataDir: fresh, seed: 'if-empty', poolSize: 1 });
    try {
      const products = first.runtime.database.find('products', { status: 'on' });
      expect(products.length).toBeGreaterThanOrEqual(8);
      for (const product of products) {
        expect(product).toMatchObject({
          title: expect.any(String),
          priceFen: expect.any(Number),
          stock: expect.any(Number),
        });
        expect(Number.isInteger(product.priceFen)).toBe(true);
      }
      const cover = await fetch(String(products[0].cover));
      expect(cover.status).toBe(200);
      expect(cover.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await cover.arrayBuffer())
          .subarray(0, 8)
          .equals(PNG_SIGNATURE),
      ).toBe(true);
    } finally {
      await first.stop();
    }
    const again = await startLocalCloud({ functionsDir, dataDir: fresh, seed: true, poolSize: 1 });
    try {
      expect(again.runtime.database.count('products')).toBe(8);
    } finally {
      await again.stop();
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });
});
