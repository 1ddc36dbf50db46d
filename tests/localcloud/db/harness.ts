/**
 * Starts the API transport with the database on a free port and a fresh data directory, and points
 * the real SDKs at it the way the wire notes (localcloud/NOTES.md §1, NOTES.md §2.8) says: dummy secrets, TENCENTCLOUD=true (no
 * metadata probe), SILENCE=true (no slow-request warnings).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionRegistry, listen, type ApiServer } from '../../../localcloud/api';
import { Clock } from '../../../localcloud/clock';
import { createDatabase, type DatabaseOptions, type LocalDatabase } from '../../../localcloud/db';

process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';

export const ENV = 'test-env';

/**
 * The SDKs' query builders are chainable and dynamically shaped (wx-server-sdk's typings return
 * `Promise | void | string` and lack `serviceUrl`); tests reach them through this loose type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface LocalCloud {
  url: string;
  db: LocalDatabase;
  clock: Clock;
  dataDir: string;
  api: ApiServer;
  close(): Promise<void>;
}

export function tempDir(prefix = 'localcloud-db-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startLocalCloud(
  options: Partial<Omit<DatabaseOptions, 'clock'>> & { clock?: Clock } = {},
): Promise<LocalCloud> {
  const dataDir = options.dataDir ?? tempDir();
  const clock = options.clock ?? new Clock();
  const db = createDatabase({ manifest: TEST_MANIFEST, ...options, dataDir, clock });
  const registry = new ActionRegistry();
  db.register(registry);
  const api = await listen(registry);
  return {
    url: api.url,
    db,
    clock,
    dataDir,
    api,
    close: async () => {
      await api.close();
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small manifest for the tests: collections with a unique, a sparse unique and compound indexes. */
export const TEST_MANIFEST = {
  collections: {
    orders: {
      indexes: [
        { name: 'outTradeNo_unique', keys: { outTradeNo: 1 }, unique: true, sparse: true },
        { name: 'statusCreated', keys: { status: 1, createdAt: -1 } },
      ],
    },
    users: {
      indexes: [
        { name: 'openid_unique', keys: { openid: 1 }, unique: true },
        { name: 'inviteCode_unique', keys: { inviteCode: 1 }, unique: true, sparse: true },
        { name: 'upline2', keys: { 'uplines.1': 1 } },
      ],
    },
    accounts: { indexes: [] },
    items: { indexes: [] },
  },
};

export function nodeSdk(url: string): Loose {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as Loose;
  return tcb.init({ env: ENV, serviceUrl: url, secretId: 'x', secretKey: 'y' });
}

/** wx-server-sdk is a process-wide singleton: one `init` per test file. */
export function wxSdk(url: string): Loose {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as Loose;
  cloud.init({ env: ENV, serviceUrl: url, secretId: 'x', secretKey: 'y' });
  return cloud;
}

let collectionCounter = 0;

/** A new, empty collection for one test (collections must exist before use on CloudBase). */
export function freshCollection(cloud: LocalCloud, prefix = 'c'): string {
  collectionCounter += 1;
  const name = `${prefix}_${collectionCounter}`;
  cloud.db.ensureCollection(name);
  return name;
}

/** The error an SDK call rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Loose> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
