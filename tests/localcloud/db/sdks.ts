/**
 * One face for both SDKs. They send identical database requests (both use @cloudbase/database) but
 * wrap calls (`add({ data })` in wx-server-sdk) and results (`stats.updated` vs `updated`)
 * differently; the adapter lets one test body run against each.
 */
import { nodeSdk, wxSdk, type Loose } from './harness';

export interface SetResult {
  updated: number;
  upsertedId: unknown;
}

export interface Sdk {
  name: 'node-sdk' | 'wx-server-sdk';
  /** The SDK's database object: `db.command`, `db.serverDate()`, `db.RegExp`, `db.collection()`. */
  db: Loose;
  add(collection: string, doc: Record<string, unknown>): Promise<unknown>;
  addMany(collection: string, docs: Array<Record<string, unknown>>): Promise<unknown[]>;
  /** Runs `build(db.collection(name))…get()` and returns the documents. */
  get(collection: string, build?: (query: Loose) => Loose): Promise<Array<Record<string, unknown>>>;
  /** doc(id).get(): the document, or null when missing (wx-server-sdk with throwOnNotFound: false). */
  getDoc(collection: string, id: unknown): Promise<Record<string, unknown> | null>;
  count(collection: string, where?: Record<string, unknown>): Promise<number>;
  updateDoc(collection: string, id: unknown, data: Record<string, unknown>): Promise<number>;
  setDoc(collection: string, id: unknown, data: Record<string, unknown>): Promise<SetResult>;
  updateWhere(
    collection: string,
    where: Record<string, unknown>,
    data: Record<string, unknown>,
    multi?: boolean,
  ): Promise<number>;
  removeDoc(collection: string, id: unknown): Promise<number>;
  removeWhere(collection: string, where: Record<string, unknown>): Promise<number>;
  aggregate(collection: string, build: (aggregate: Loose) => Loose): Promise<Array<Record<string, unknown>>>;
}

export function nodeAdapter(url: string): Sdk {
  const app = nodeSdk(url);
  const db = app.database();
  return {
    name: 'node-sdk',
    db,
    add: async (c, doc) => (await db.collection(c).add(doc)).id,
    addMany: async (c, docs) => (await db.collection(c).add(docs)).ids,
    get: async (c, build = (q) => q) => (await build(db.collection(c)).get()).data,
    // node-sdk answers doc().get() with an array outside transactions (NOTES.md §3.3).
    getDoc: async (c, id) => (await db.collection(c).doc(id).get()).data[0] ?? null,
    count: async (c, where = {}) => (await db.collection(c).where(where).count()).total,
    updateDoc: async (c, id, data) => (await db.collection(c).doc(id).update(data)).updated,
    setDoc: async (c, id, data) => {
      const res = await db.collection(c).doc(id).set(data);
      return { updated: res.updated, upsertedId: res.upsertedId };
    },
    updateWhere: async (c, where, data, multi = true) =>
      (await db.collection(c).where(where).options({ multiple: multi }).update(data)).updated,
    removeDoc: async (c, id) => (await db.collection(c).doc(id).remove()).deleted,
    removeWhere: async (c, where) => (await db.collection(c).where(where).remove()).deleted,
    aggregate: async (c, build) => (await build(db.collection(c).aggregate()).end()).data,
  };
}

export function wxAdapter(url: string): Sdk {
  const cloud = wxSdk(url);
  const db = cloud.database({ throwOnNotFound: false });
  return {
    name: 'wx-server-sdk',
    db,
    add: async (c, doc) => (await db.collection(c).add({ data: doc }))._id,
    addMany: async (c, docs) => (await db.collection(c).add({ data: docs }))._ids,
    get: async (c, build = (q) => q) => (await build(db.collection(c)).get()).data,
    getDoc: async (c, id) => (await db.collection(c).doc(id).get()).data,
    count: async (c, where = {}) => (await db.collection(c).where(where).count()).total,
    updateDoc: async (c, id, data) => (await db.collection(c).doc(id).update({ data })).stats.updated,
    setDoc: async (c, id, data) => {
      const res = await db.collection(c).doc(id).set({ data });
      return { updated: res.stats.updated, upsertedId: res.stats.created ? res._id : null };
    },
    updateWhere: async (c, where, data, multi = true) =>
      (await db.collection(c).where(where).update({ data, multi })).stats.updated,
    removeDoc: async (c, id) => (await db.collection(c).doc(id).remove()).stats.removed,
    removeWhere: async (c, where) => (await db.collection(c).where(where).remove()).stats.removed,
    aggregate: async (c, build) => (await build(db.collection(c).aggregate()).end()).list,
  };
}

export function bothSdks(url: string): Sdk[] {
  return [nodeAdapter(url), wxAdapter(url)];
}
