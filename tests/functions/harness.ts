/**
 * Function integration tests: the real built functions (build/functions, `npm test` builds first) on the
 * local CloudBase, driven over HTTP as the mini program would, with the database reachable through the
 * real @cloudbase/node-sdk for arranging state and for looking at what a call wrote.
 *
 *   const mall = await startMall();
 *   const login = await mall.ok('user', 'login', {}, 'o-buyer');
 *   await mall.stop();
 */
import tcb from '@cloudbase/node-sdk';
import type { Envelope } from '../../shared/errors';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../localcloud/testing';
import { sumShards } from '../../shared/stats';

// The SDK would otherwise probe metadata.tencentyun.com on every request (see localcloud/README.md).
process.env.TENCENTCLOUD = 'true';
process.env.SILENCE = 'true';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's documents are schemaless */
export type NodeDatabase = ReturnType<ReturnType<typeof tcb.init>['database']>;

export interface Mall {
  cloud: LocalCloud;
  /** @cloudbase/node-sdk's database on the local CloudBase. */
  db: NodeDatabase;
  /** The envelope of `fn.action(params)` called as `openid` (no caller when null). */
  call<T = any>(
    fn: string,
    action: string,
    params?: Record<string, unknown>,
    openid?: string | null,
  ): Promise<Envelope<T>>;
  /** Like call, but the data of a successful envelope; throws with the error code otherwise. */
  ok<T = any>(
    fn: string,
    action: string,
    params?: Record<string, unknown>,
    openid?: string | null,
  ): Promise<T>;
  /** The error code of a refused call; throws if the call succeeded. */
  refused(
    fn: string,
    action: string,
    params?: Record<string, unknown>,
    openid?: string | null,
  ): Promise<string>;
  /** A document by id, or null. */
  doc<T = any>(collection: string, id: string): Promise<T | null>;
  /** Every document matching `where`, fetched a page of 100 at a time (the most one get() returns). */
  find<T = any>(collection: string, where?: Record<string, unknown>): Promise<T[]>;
  stop(): Promise<void>;
}

export const ADMIN = 'dev-admin';

export async function startMall(options: LocalCloudOptions = {}): Promise<Mall> {
  const cloud = await startLocalCloud({ adminOpenids: ADMIN, ...options });
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${cloud.url}/admin`,
    secretId: 'local',
    secretKey: 'local',
  });
  const db = app.database();

  const call = <T>(
    fn: string,
    action: string,
    params: Record<string, unknown> = {},
    openid: string | null = null,
  ) => cloud.call<Envelope<T>>(fn, { ...params, action }, openid);

  return {
    cloud,
    db,
    call,
    async ok<T>(
      fn: string,
      action: string,
      params: Record<string, unknown> = {},
      openid: string | null = null,
    ) {
      const reply = await call<T>(fn, action, params, openid);
      if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
        throw new Error(`${fn}.${action}: not an envelope: ${JSON.stringify(reply)}`);
      }
      if (!reply.ok) throw new Error(`${fn}.${action} refused: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
    async refused(fn, action, params = {}, openid = null) {
      const reply = await call(fn, action, params, openid);
      if (reply.ok)
        throw new Error(`${fn}.${action} was expected to be refused, got ${JSON.stringify(reply.data)}`);
      return reply.error.code;
    },
    async doc<T>(collection: string, id: string) {
      const { data } = await db.collection(collection).doc(id).get();
      return ((data as any[])[0] ?? null) as T | null;
    },
    async find<T>(collection: string, where: Record<string, unknown> = {}) {
      const all: T[] = [];
      for (let skip = 0; ; skip += 100) {
        const { data } = await db.collection(collection).where(where).skip(skip).limit(100).get();
        all.push(...(data as T[]));
        if (data.length < 100) return all;
      }
    },
    stop: () => cloud.stop(),
  };
}

/** The mall's running totals: every `statsTotals` shard summed, as common/stores/stats.ts readStats does. */
export async function statsTotals(mall: Mall): Promise<Record<string, number>> {
  return sumShards(await mall.find('statsTotals')).totals;
}

/** One Beijing day's figures (`YYYY-MM-DD`), summed over the shards (or its archive document). */
export async function statsDaily(mall: Mall, date: string): Promise<Record<string, number>> {
  const kept = sumShards(await mall.find('statsTotals')).days.get(date);
  if (kept) return kept;
  const { date: _date, archivedAt: _at, _id, ...archived } = (await mall.doc<any>('statsDaily', date)) ?? {};
  return archived;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
