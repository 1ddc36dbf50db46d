/** The durable stores of the platform: the bucket's paths and grants, payments and their lookup by order. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bucket, checkCloudPath } from '../../../localcloud/platform/storage/bucket';
import { type PaymentRecord, PaymentStore } from '../../../localcloud/platform/pay/payments';
import { PersistedClock } from '../../../localcloud/timers/persistedClock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-stores-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Bucket', () => {
  it('refuses cloud paths that are empty or leave the bucket', () => {
    for (const bad of ['', '/abs.png', 'a//b.png', '../x', 'a/./b', 'a/../../b', 'a\\b', 'a\u0000b']) {
      expect(() => checkCloudPath(bad)).toThrow(/invalid cloud path/);
    }
    expect(checkCloudPath('posters/用户 1/a.png')).toBe('posters/用户 1/a.png');
  });

  it('reads file IDs of any environment and stores files under the storage folder', () => {
    const bucket = new Bucket(path.join(dir, 'storage'), 'local');
    const fileId = bucket.fileId('a/b.png');
    expect(fileId).toBe('cloud://local.6c6f-local-1250000000/a/b.png');
    expect(bucket.pathOf('cloud://prod-123.7072-prod-123-1300000000/a/b.png')).toBe('a/b.png');
    expect(bucket.pathOf('https://example.com/a.png')).toBeNull();
    expect(bucket.pathOf('cloud://env/../etc/passwd')).toBeNull();
    bucket.write('a/b.png', Buffer.from('png'));
    expect(fs.readFileSync(path.join(dir, 'storage', 'a', 'b.png'), 'utf8')).toBe('png');
    expect(bucket.remove('a/b.png')).toBe(true);
    expect(bucket.read('a/b.png')).toBeNull();
  });

  it('grants one upload of one path', () => {
    const bucket = new Bucket(dir, 'local');
    const token = bucket.grantUpload('a.png');
    expect(bucket.takeGrant('b.png', token)).toBe(false);
    expect(bucket.takeGrant('a.png', token)).toBe(true);
    expect(bucket.takeGrant('a.png', token)).toBe(false);
    expect(bucket.takeGrant('a.png', undefined)).toBe(false);
  });
});

describe('PaymentStore', () => {
  const payment = (outTradeNo: string, attach: string | null, createdAt: number): PaymentRecord => ({
    outTradeNo,
    totalFee: 100,
    body: '商品',
    attach,
    functionName: 'payNotify',
    envId: 'local',
    subMchId: '1900000109',
    payerOpenid: 'o-1',
    prepayId: 'wx1',
    createdAt,
    state: 'NOTPAY',
    paid: null,
    notifications: [],
    refunds: [],
  });

  it('finds the latest payment of an order by out_trade_no, plain attach or JSON attach, after a restart', () => {
    const file = path.join(dir, 'payments.json');
    const store = new PaymentStore(file);
    store.save(payment('order-1', null, 1));
    store.save(payment('T2', 'order-2', 1));
    store.save(payment('T3a', JSON.stringify({ orderId: 'order-3' }), 1));
    store.save(payment('T3b', JSON.stringify({ orderId: 'order-3' }), 2));
    const reopened = new PaymentStore(file);
    expect(reopened.findForOrder('order-1')?.outTradeNo).toBe('order-1');
    expect(reopened.findForOrder('order-2')?.outTradeNo).toBe('T2');
    expect(reopened.findForOrder('order-3')?.outTradeNo).toBe('T3b');
    expect(reopened.findForOrder('order-4')).toBeUndefined();
  });
});

describe('PersistedClock', () => {
  it('keeps its offset across restarts', () => {
    const file = path.join(dir, 'clock.json');
    const clock = new PersistedClock(file, () => 1_000);
    clock.advance(5_000);
    expect(new PersistedClock(file, () => 2_000).now()).toBe(7_000);
    new PersistedClock(file, () => 2_000).set(100);
    expect(new PersistedClock(file, () => 3_000).now()).toBe(1_100);
  });
});
