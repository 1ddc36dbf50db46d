/**
 * Values and limits: what a document holds comes back exactly (Dates as Dates), `db.serverDate()`
 * follows the runtime's clock, and `get()` pages as CloudBase does (default 100, at most 100).
 */
import { Clock } from '../../../localcloud/clock';
import { freshCollection, startLocalCloud, type LocalCloud, nodeSdk } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
let clock: Clock;
const sdks = {} as Record<Sdk['name'], Sdk>;

beforeAll(async () => {
  clock = new Clock();
  cloud = await startLocalCloud({ clock });
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
});
afterAll(() => cloud.close());
afterEach(() => clock.setOffset(0));

const SAMPLE = {
  int: 42,
  negative: -7,
  zero: 0,
  float: 0.1 + 0.2,
  big: 2 ** 40,
  maxSafe: Number.MAX_SAFE_INTEGER,
  tiny: 5e-324,
  text: '中文 and emoji 🎉',
  empty: '',
  yes: true,
  no: false,
  nothing: null,
  at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  before1970: new Date(-123456789),
  nested: { deep: { deeper: { at: new Date(5), list: [1, 'two', null] } } },
  items: [
    { sku: 'A', qty: 2, at: new Date(7) },
    { sku: 'B', qty: 1.5 },
  ],
  emptyObject: {},
  emptyArray: [],
};

describe.each(['node-sdk', 'wx-server-sdk'] as const)('%s', (name) => {
  const sdk = (): Sdk => sdks[name];

  it('round-trips numbers, strings, booleans, null, Dates, nested objects and arrays exactly', async () => {
    const c = freshCollection(cloud);
    const id = await sdk().add(c, SAMPLE);
    const back = await sdk().getDoc(c, id);
    expect(back).toEqual({ _id: id, ...SAMPLE });
    expect(back?.at).toBeInstanceOf(Date);
    expect((back?.items as Array<{ at?: Date }>)[0].at).toBeInstanceOf(Date);
  });

  it('returns Dates as Dates from where().get(), aggregate() and after an update', async () => {
    const c = freshCollection(cloud);
    const at = new Date(Date.UTC(2025, 5, 1));
    await sdk().add(c, { _id: 'd', at, n: 1 });
    await sdk().updateDoc(c, 'd', { later: new Date(at.getTime() + 1000) });
    const [doc] = await sdk().get(c, (q) => q.where({ at: sdk().db.command.gte(at) }));
    expect(doc.at).toEqual(at);
    expect(doc.later).toEqual(new Date(at.getTime() + 1000));
    const [agg] = await sdk().aggregate(c, (a) => a.project({ at: 1 }));
    expect(agg.at).toBeInstanceOf(Date);
  });

  it('stores db.serverDate() as the runtime clock, with its offset', async () => {
    const c = freshCollection(cloud);
    clock.set(Date.UTC(2030, 0, 1));
    const { db } = sdk();
    const id = await sdk().add(c, { created: db.serverDate(), due: db.serverDate({ offset: 60_000 }) });
    const doc = await sdk().getDoc(c, id);
    expect(doc?.created).toBeInstanceOf(Date);
    const created = (doc?.created as Date).getTime();
    expect(Math.abs(created - Date.UTC(2030, 0, 1))).toBeLessThan(5_000);
    expect((doc?.due as Date).getTime() - created).toBe(60_000);
  });

  it('resolves every db.serverDate() of one request against one clock reading', async () => {
    // A clock that moves 1 ms at every reading: two readings in one request would show.
    let reads = 0;
    const ticking = new Clock(() => Date.UTC(2031, 0, 1) + reads++);
    const local = await startLocalCloud({ clock: ticking });
    try {
      const db = nodeSdk(local.url).database();
      const c = freshCollection(local);
      const dates = { a: db.serverDate(), b: db.serverDate(), due: db.serverDate({ offset: 60_000 }) };
      const { id } = await db.collection(c).add({ ...dates, nested: { c: db.serverDate() } });
      const [doc] = (await db.collection(c).doc(id).get()).data;
      expect(doc.b.getTime()).toBe(doc.a.getTime());
      expect(doc.nested.c.getTime()).toBe(doc.a.getTime());
      expect(doc.due.getTime() - doc.a.getTime()).toBe(60_000);
    } finally {
      await local.close();
    }
  });

  it('moves db.serverDate() when the clock moves, in updates, set() and queries', async () => {
    const c = freshCollection(cloud);
    const { db } = sdk();
    const _ = db.command;
    clock.set(Date.UTC(2031, 0, 1));
    await sdk().add(c, { _id: 'old', at: db.serverDate() });
    clock.advance(10 * 24 * 3600_000);
    await sdk().updateDoc(c, 'old', { touched: db.serverDate() });
    await sdk().setDoc(c, 'new', { at: db.serverDate() });
    const old = await sdk().getDoc(c, 'old');
    expect((old?.touched as Date).getTime() - (old?.at as Date).getTime()).toBeGreaterThanOrEqual(
      10 * 24 * 3600_000,
    );
    // Older than one day by the (moved) server clock: only the first document.
    const stale = await sdk().get(c, (q) => q.where({ at: _.lt(db.serverDate({ offset: -24 * 3600_000 })) }));
    expect(stale.map((doc) => doc._id)).toEqual(['old']);
  });
});

describe('limits', () => {
  let c: string;
  beforeAll(async () => {
    c = freshCollection(cloud);
    const docs = Array.from({ length: 1200 }, (_v, n) => ({ n, pad: 'x'.repeat(4000) }));
    // ~5 MB in one request: the transport's body limit is well above the SDKs' biggest batches.
    await sdks['node-sdk'].addMany(c, docs);
  });

  it('returns 100 documents from a get() without limit', async () => {
    expect(await sdks['node-sdk'].get(c)).toHaveLength(100);
    expect(await sdks['wx-server-sdk'].get(c)).toHaveLength(100);
  });

  it('returns at most 100 even with a larger limit() (the stricter of the docs, NOTES.md §3.5)', async () => {
    expect(await sdks['node-sdk'].get(c, (q) => q.limit(1000))).toHaveLength(100);
    expect(await sdks['wx-server-sdk'].get(c, (q) => q.limit(101))).toHaveLength(100);
    expect(await sdks['wx-server-sdk'].get(c, (q) => q.skip(1150).limit(100))).toHaveLength(50);
    expect(await sdks['node-sdk'].get(c, (q) => q.limit(30))).toHaveLength(30);
  });

  it('caps a raw request above 100 at 100 on the server too', async () => {
    const res = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.getDocument',
        collectionName: c,
        queryType: 'WHERE',
        limit: 5000,
      }),
    });
    const body = (await res.json()) as { data: { list: string[] } };
    expect(body.data.list).toHaveLength(100);
  });

  it('counts beyond the page size', async () => {
    expect(await sdks['node-sdk'].count(c)).toBe(1200);
  });
});
