/**
 * A small benchmark of the database (not a test): `npx tsx localcloud/db/tools/benchmark.ts`.
 * Measures single-document inserts through the action handler (each its own SQLite transaction)
 * with synchronous=NORMAL and FULL, the same through the HTTP transport and the real node-sdk, and an
 * indexed query against a scan of the same collection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { ActionRegistry, listen, type TcbRequest } from '../../api';
import { Clock } from '../../clock';
import { createDatabase, type LocalDatabase, type Synchronous } from '..';

const ORDERS = 50_000;
const STATUSES = ['unpaid', 'paid', 'shipped', 'received', 'completed'];
const DAY = 24 * 3600_000;

function request(action: string, params: Record<string, unknown>): TcbRequest {
  return { action, params: { action, ...params }, files: {}, env: 'bench', apiToken: '' };
}

function order(i: number): Record<string, unknown> {
  return {
    buyerId: `u${i % 2000}`,
    outTradeNo: `T${i}`,
    status: STATUSES[i % STATUSES.length],
    createdAt: new Date(Date.UTC(2026, 0, 1) + (i % 90) * DAY + i),
    payableFen: 1000 + (i % 5000),
    items: [{ productId: `p${i % 300}`, quantity: 1 + (i % 3) }],
    memo: `order ${i}`,
  };
}

function withDatabase<T>(synchronous: Synchronous, run: (db: LocalDatabase) => T): T {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const db = createDatabase({ dataDir, clock: new Clock(), synchronous });
  try {
    return run(db);
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function perSecond(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;
}

function insertsThroughHandler(synchronous: Synchronous, count: number): void {
  withDatabase(synchronous, (db) => {
    const insert = db.handlers['database.insertDocument'];
    const started = performance.now();
    for (let i = 0; i < count; i += 1) {
      insert(
        request('database.insertDocument', {
          collectionName: 'orders',
          data: [EJSON.stringify(order(i), { relaxed: false })],
        }),
      );
    }
    const ms = performance.now() - started;
    console.log(
      `insert, one per transaction, synchronous=${synchronous}: ${perSecond(count, ms)} (${count} in ${ms.toFixed(0)} ms)`,
    );
  });
}

async function insertsThroughSdk(count: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'));
  const db = createDatabase({ dataDir, clock: new Clock() });
  const registry = new ActionRegistry();
  db.register(registry);
  const api = await listen(registry);
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as {
    init(config: Record<string, string>): {
      database(): { collection(name: string): { add(doc: unknown): Promise<unknown> } };
    };
  };
  const orders = tcb
    .init({ env: 'bench', serviceUrl: api.url, secretId: 'x', secretKey: 'y' })
    .database()
    .collection('orders');
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await orders.add(order(i));
  const ms = performance.now() - started;
  console.log(
    `insert through HTTP + node-sdk, sequential: ${perSecond(count, ms)} (${count} in ${ms.toFixed(0)} ms)`,
  );
  await api.close();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function time(label: string, db: LocalDatabase, run: () => number): void {
  const examined = db.stats().documentsExamined;
  const runs = 20;
  let found = 0;
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) found = run();
  const ms = (performance.now() - started) / runs;
  const read = (db.stats().documentsExamined - examined) / runs;
  console.log(`${label}: ${ms.toFixed(2)} ms per query, ${found} found, ${read} documents read`);
}

function queries(): void {
  withDatabase('NORMAL', (db) => {
    const batch = 5_000;
    const started = performance.now();
    for (let i = 0; i < ORDERS; i += batch)
      db.insert(
        'orders',
        Array.from({ length: batch }, (_v, j) => order(i + j)),
      );
    console.log(
      `bulk insert of ${ORDERS} orders (batches of ${batch}): ${perSecond(ORDERS, performance.now() - started)}`,
    );
    const from = new Date(Date.UTC(2026, 0, 10));
    const to = new Date(Date.UTC(2026, 0, 13));
    const indexed = { status: 'paid', createdAt: { $gte: from, $lt: to } };
    const scanned = { memo: { $in: ['order 10', 'order 20000'] } };
    console.log(`plan of ${JSON.stringify(indexed)}: ${db.explain('orders', indexed).access}`);
    time('indexed status + createdAt range', db, () => db.find('orders', indexed, { limit: 1000 }).length);
    time(
      'indexed buyerId equality, sorted',
      db,
      () => db.find('orders', { buyerId: 'u7' }, { order: { createdAt: -1 }, limit: 20 }).length,
    );
    time('unindexed field (scan)', db, () => db.find('orders', scanned, { limit: 1000 }).length);
    time('count by indexed status', db, () => db.count('orders', { status: 'shipped' }));
  });
}

async function main(): Promise<void> {
  insertsThroughHandler('NORMAL', 5_000);
  insertsThroughHandler('FULL', 5_000);
  await insertsThroughSdk(2_000);
  queries();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
