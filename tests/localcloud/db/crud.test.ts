/**
 * CRUD through both real SDKs: add, get (where and doc), count, update, set, remove, and the shapes
 * and errors of each (NOTES.md §3.1–3.7).
 */
import { freshCollection, rejection, startLocalCloud, type LocalCloud } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
const sdks = {} as Record<Sdk['name'], Sdk>;

beforeAll(async () => {
  cloud = await startLocalCloud();
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
});
afterAll(() => cloud.close());

describe.each(['node-sdk', 'wx-server-sdk'] as const)('%s', (name) => {
  const sdk = (): Sdk => sdks[name];

  it('adds a document with a generated 32-hex _id and reads it back', async () => {
    const c = freshCollection(cloud);
    const id = await sdk().add(c, { status: 'paid', amountFen: 1999 });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await sdk().getDoc(c, id)).toEqual({ _id: id, status: 'paid', amountFen: 1999 });
  });

  it('adds many documents in order, keeping a given _id', async () => {
    const c = freshCollection(cloud);
    const ids = await sdk().addMany(c, [{ n: 1 }, { _id: 'mine', n: 2 }, { n: 3 }]);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe('mine');
    expect((await sdk().get(c)).map((doc) => doc.n)).toEqual([1, 2, 3]);
  });

  it('accepts numeric _ids, distinct from the same digits as a string', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 123, kind: 'number' });
    await sdk().add(c, { _id: '123', kind: 'string' });
    expect(await sdk().getDoc(c, 123)).toEqual({ _id: 123, kind: 'number' });
    expect(await sdk().getDoc(c, '123')).toEqual({ _id: '123', kind: 'string' });
  });

  it('does not add _openid to server-side writes', async () => {
    const c = freshCollection(cloud);
    const id = await sdk().add(c, { a: 1 });
    expect(await sdk().getDoc(c, id)).not.toHaveProperty('_openid');
  });

  it('refuses a duplicate _id with E11000 and writes nothing of the batch', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'dup', v: 1 });
    const error = await rejection(
      sdk().addMany(c, [
        { _id: 'new', v: 2 },
        { _id: 'dup', v: 3 },
      ]),
    );
    expect(error.message ?? error.errMsg).toMatch(/E11000 duplicate key error collection: .* index: _id_/);
    expect(await sdk().count(c)).toBe(1);
  });

  it('answers doc(id).get() of a missing document with nothing (not an error on the wire)', async () => {
    const c = freshCollection(cloud);
    expect(await sdk().getDoc(c, 'missing')).toBeNull();
  });

  it('counts the documents that match', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [{ s: 'a' }, { s: 'b' }, { s: 'a' }]);
    expect(await sdk().count(c, { s: 'a' })).toBe(2);
    expect(await sdk().count(c)).toBe(3);
  });

  it('updates one document by id, merging nested fields by path', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'd', a: { x: 1, y: 2 }, keep: true });
    expect(await sdk().updateDoc(c, 'd', { a: { x: 10 }, b: 'new' })).toBe(1);
    expect(await sdk().getDoc(c, 'd')).toEqual({ _id: 'd', a: { x: 10, y: 2 }, keep: true, b: 'new' });
  });

  it('counts an update that changes nothing as 0 updated (MongoDB nModified)', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'd', a: 1 });
    expect(await sdk().updateDoc(c, 'd', { a: 1 })).toBe(0);
  });

  it('updates nothing for a missing document', async () => {
    const c = freshCollection(cloud);
    expect(await sdk().updateDoc(c, 'missing', { a: 1 })).toBe(0);
    expect(await sdk().count(c)).toBe(0);
  });

  it('set() replaces the whole document but its _id', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'd', old: 1, nested: { a: 1 } });
    expect(await sdk().setDoc(c, 'd', { fresh: true })).toEqual({ updated: 1, upsertedId: null });
    expect(await sdk().getDoc(c, 'd')).toEqual({ _id: 'd', fresh: true });
  });

  it('set() creates a missing document (upsert) under the given _id', async () => {
    const c = freshCollection(cloud);
    expect(await sdk().setDoc(c, 'new-doc', { v: 1 })).toEqual({ updated: 0, upsertedId: 'new-doc' });
    expect(await sdk().getDoc(c, 'new-doc')).toEqual({ _id: 'new-doc', v: 1 });
  });

  it('where().update() updates every match by default, or only the first with multi: false', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [
      { s: 'p', n: 0 },
      { s: 'p', n: 0 },
      { s: 'q', n: 0 },
    ]);
    expect(await sdk().updateWhere(c, { s: 'p' }, { n: 1 })).toBe(2);
    expect(await sdk().updateWhere(c, { s: 'p' }, { n: 2 }, false)).toBe(1);
    expect((await sdk().get(c)).map((doc) => doc.n)).toEqual([2, 1, 0]);
  });

  it('removes a document by id', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [{ _id: 'a' }, { _id: 'b' }]);
    expect(await sdk().removeDoc(c, 'a')).toBe(1);
    expect(await sdk().removeDoc(c, 'a')).toBe(0);
    expect((await sdk().get(c)).map((doc) => doc._id)).toEqual(['b']);
  });

  it('removes every match of a where()', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [{ s: 'x' }, { s: 'y' }, { s: 'x' }]);
    expect(await sdk().removeWhere(c, { s: 'x' })).toBe(2);
    expect(await sdk().count(c)).toBe(1);
  });

  it('orders, skips, limits and projects', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [
      { _id: 'a', n: 3, g: 1, x: 'a' },
      { _id: 'b', n: 1, g: 1, x: 'b' },
      { _id: 'c', n: 2, g: 2, x: 'c' },
      { _id: 'd', n: 4, g: 2, x: 'd' },
    ]);
    const docs = await sdk().get(c, (q) =>
      q.orderBy('g', 'desc').orderBy('n', 'asc').skip(1).limit(2).field({ n: true }),
    );
    expect(docs).toEqual([
      { _id: 'd', n: 4 },
      { _id: 'b', n: 1 },
    ]);
  });

  it('excludes fields with field({ x: false })', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', secret: 's', shown: 1 });
    expect(await sdk().get(c, (q) => q.field({ secret: false }))).toEqual([{ _id: 'a', shown: 1 }]);
  });

  it('reports a missing collection as DATABASE_COLLECTION_NOT_EXIST for reads and writes', async () => {
    const read = await rejection(sdk().get('no_such_collection'));
    const write = await rejection(sdk().add('no_such_collection', { a: 1 }));
    for (const error of [read, write]) {
      if (name === 'node-sdk') expect(error.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
      else expect(error.errCode).toBe(-502005);
      expect(error.message ?? error.errMsg).toMatch(/Db or Table not exist: no_such_collection/);
    }
  });

  it('creates a collection with createCollection, and refuses to create it twice', async () => {
    const c = `created_${name.replace(/-/g, '_')}`;
    await sdk().db.createCollection(c);
    await sdk().add(c, { a: 1 });
    expect(await sdk().count(c)).toBe(1);
    const error = await rejection(sdk().db.createCollection(c));
    expect(error.message ?? error.errMsg).toMatch(/Table exist/);
  });
});

describe('SDK-specific shapes', () => {
  it('node-sdk: doc().get() answers an array, updateAndReturn the updated document', async () => {
    const db = sdks['node-sdk'].db;
    const c = freshCollection(cloud);
    await db.collection(c).add({ _id: 'd', n: 1 });
    const got = await db.collection(c).doc('d').get();
    expect(got.data).toEqual([{ _id: 'd', n: 1 }]);
    const res = await db
      .collection(c)
      .where({ _id: 'd' })
      .updateAndReturn({ n: db.command.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 'd', n: 2 });
    const none = await db.collection(c).where({ _id: 'x' }).updateAndReturn({ n: 1 });
    expect(none).toMatchObject({ updated: 0, doc: null });
  });

  it('wx-server-sdk: doc().get() of a missing document throws with throwOnNotFound (the default)', async () => {
    const { wxSdk } = await import('./harness');
    const db = wxSdk(cloud.url).database();
    const c = freshCollection(cloud);
    const error = await rejection(db.collection(c).doc('missing').get());
    expect(error.errMsg).toMatch(/document with _id missing does not exist/);
    await db.collection(c).add({ data: { _id: 'there' } });
    expect((await db.collection(c).doc('there').get()).data).toEqual({ _id: 'there' });
  });

  it('wx-server-sdk: throwOnNotFound: false answers data: null', async () => {
    const db = sdks['wx-server-sdk'].db;
    const res = await db.collection(freshCollection(cloud)).doc('missing').get();
    expect(res).toMatchObject({ data: null, errMsg: 'document.get:ok' });
  });
});
