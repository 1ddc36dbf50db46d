/**
 * Sorted pages served by walking an index in order, and counts served by index entries (query/select.ts):
 * the dashboard's leaderboard (`accounts` by `totalEarnedFen` desc, limit 10) reads about ten accounts
 * however many there are, the settle timer's due orders (status + settleAt asc) read one batch, and
 * `users.where({ distributorStatus: 'pending' }).count()` reads no document – with results equal to the
 * general path's (mingo sorting every match). Also through the SDK.
 */
import fs from 'node:fs';
import { Query } from 'mingo';
import { Clock } from '../../../localcloud/clock';
import { createDatabase, type LocalDatabase } from '../../../localcloud/db';
import { startLocalCloud, tempDir, type LocalCloud } from './harness';
import { nodeAdapter, type Sdk } from './sdks';

type Doc = Record<string, unknown>;

const ACCOUNTS = 5000;

/** Mingo over every document: the reference. */
function reference(
  docs: Doc[],
  filter: Doc,
  order: Record<string, 1 | -1>,
  limit: number,
  skip = 0,
): unknown[] {
  return new Query(filter)
    .find<Doc>(docs)
    .sort(order)
    .skip(skip)
    .limit(limit)
    .all()
    .map((d) => d._id);
}

describe('ordered index walks and index counts', () => {
  let db: LocalDatabase;
  let dir: string;
  const accounts: Doc[] = [];
  const users: Doc[] = [];
  const orders: Doc[] = [];

  beforeAll(() => {
    dir = tempDir();
    db = createDatabase({ dataDir: dir, clock: new Clock() });
    for (let i = 0; i < ACCOUNTS; i += 1) {
      // Ties on purpose (i % 997), a seventh of the accounts with no earnings, some without the field.
      const earned = i % 7 === 0 ? 0 : (i % 997) * 100;
      accounts.push(
        i % 50 === 1 ? { _id: `a${i}` } : { _id: `a${i}`, totalEarnedFen: earned, availableFen: i },
      );
      users.push({ _id: `u${i}`, openid: `o${i}`, distributorStatus: i % 10 === 0 ? 'pending' : 'active' });
      orders.push({
        _id: `o${i}`,
        status: i % 3 === 0 ? 'received' : 'completed',
        settleAt: (i * 7919) % 10_000,
      });
    }
    db.insert('accounts', accounts);
    db.insert('users', users);
    db.insert('orders', orders);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function examined<T>(run: () => T): { value: T; examined: number } {
    const before = db.stats().documentsExamined;
    const value = run();
    return { value, examined: db.stats().documentsExamined - before };
  }

  it("serves the dashboard's leaderboard from the totalEarned index, reading about a page", () => {
    const filter = { totalEarnedFen: { $gt: 0 } };
    const order = { totalEarnedFen: -1 } as const;
    const explained = db.explain('accounts', filter, order);
    expect(explained.access).toBe('totalEarned (ordered)');
    expect(explained.sqlitePlan.join('\n')).not.toMatch(/TEMP B-TREE/);
    const { value, examined: read } = examined(() => db.find('accounts', filter, { order, limit: 10 }));
    expect(value.map((d) => d._id)).toEqual(reference(accounts, filter, order, 10));
    // The 10 of the page, the ones tying with the 10th (996 × 100 occurs 5 times), one more to see the key change.
    expect(read).toBeLessThan(20);
  });

  it('keeps ties in natural order and pages with skip as the general path does', () => {
    const filter = { totalEarnedFen: { $gte: 0 } };
    for (const [order, limit, skip] of [
      [{ totalEarnedFen: -1 }, 7, 0],
      [{ totalEarnedFen: -1 }, 3, 4],
      [{ totalEarnedFen: 1 }, 25, 10],
      [{ totalEarnedFen: 1 }, 1000, 700],
    ] as const) {
      const ids = db.find('accounts', filter, { order, limit, skip }).map((d) => d._id);
      expect(ids).toEqual(reference(accounts, filter, order, limit, skip));
    }
  });

  it('walks the whole index when the filter does not bound the sort field (missing fields sort first)', () => {
    for (const order of [{ totalEarnedFen: 1 }, { totalEarnedFen: -1 }] as const) {
      expect(db.explain('accounts', {}, order).access).toBe('totalEarned (ordered)');
      const { value, examined: read } = examined(() => db.find('accounts', {}, { order, limit: 5 }));
      expect(value.map((d) => d._id)).toEqual(reference(accounts, {}, order, 5));
      expect(read).toBeLessThan(order.totalEarnedFen === 1 ? 120 : 20);
    }
  });

  it("serves the settle timer's due orders from the status + settleAt index", () => {
    const filter = { status: 'received', settleAt: { $lte: 5000 }, _id: { $nin: ['o3', 'o6'] } };
    const order = { settleAt: 1 } as const;
    expect(db.explain('orders', filter, order).access).toBe('settle (ordered)');
    const { value, examined: read } = examined(() => db.find('orders', filter, { order, limit: 50 }));
    expect(value.map((d) => d._id)).toEqual(reference(orders, filter, order, 50));
    expect(read).toBeLessThanOrEqual(53);
  });

  it('counts an indexed equality from index entries, reading no document', () => {
    for (const filter of [
      { distributorStatus: 'pending' },
      { distributorStatus: { $eq: 'active' } },
      { distributorStatus: { $in: ['pending', 'active', 'none'] } },
    ]) {
      const { value, examined: read } = examined(() => db.count('users', filter));
      expect(value).toBe(new Query(filter).find<Doc>(users).all().length);
      expect(read).toBe(0);
    }
    // Not an exact equality (a range; an unindexed field too): the documents are read and tested.
    expect(examined(() => db.count('users', { distributorStatus: 'pending', nickname: null })).examined).toBe(
      500,
    );
  });

  it('still counts and sorts documents the index cannot key (opaque) correctly', () => {
    db.insert('users', [{ _id: 'odd', openid: 'o-odd', distributorStatus: [['pending']] }]);
    db.insert('accounts', [
      { _id: 'nan', totalEarnedFen: Number.NaN },
      { _id: 'nested', totalEarnedFen: [[99_999_999]] },
    ]);
    const all = db.find('accounts', {}, { limit: 1e9 });
    for (const order of [{ totalEarnedFen: 1 }, { totalEarnedFen: -1 }] as const) {
      expect(db.find('accounts', {}, { order, limit: 12 }).map((d) => d._id)).toEqual(
        reference(all, {}, order, 12),
      );
    }
    expect(db.count('users', { distributorStatus: 'pending' })).toBe(500);
  });

  it('falls back to sorting every match where the index order and mingo order could differ', () => {
    const local = createDatabase({
      dataDir: tempDir(),
      clock: new Clock(),
      manifest: { collections: { things: { indexes: [{ name: 'k', keys: { k: 1 } }] } } },
    });
    try {
      // UTF-8 (SQLite) puts the emoji after U+E000; UTF-16 (JavaScript, mingo) before.
      const things: Doc[] = [
        { _id: 'private-use', k: '\uE000' },
        { _id: 'emoji', k: '\u{1F600}' },
        { _id: 'plain', k: 'b' },
        { _id: 'object-b', k: { b: 1 } },
        { _id: 'object-a', k: { a: 2 } },
        { _id: 'number', k: 3 },
      ];
      local.insert('things', things);
      for (const order of [{ k: 1 }, { k: -1 }] as const) {
        for (let limit = 1; limit <= things.length; limit += 1) {
          expect(local.find('things', {}, { order, limit }).map((d) => d._id)).toEqual(
            reference(things, {}, order, limit),
          );
        }
      }
    } finally {
      local.close();
    }
  });
});

describe('through the SDK', () => {
  let cloud: LocalCloud;
  let sdk: Sdk;

  beforeAll(async () => {
    cloud = await startLocalCloud({
      manifest: {
        collections: { accounts: { indexes: [{ name: 'totalEarned', keys: { totalEarnedFen: -1 } }] } },
      },
    });
    sdk = nodeAdapter(cloud.url);
    cloud.db.insert(
      'accounts',
      Array.from({ length: 2000 }, (_v, i) => ({ _id: `a${i}`, totalEarnedFen: (i * 37) % 1000 })),
    );
  });
  afterAll(() => cloud.close());

  it('answers orderBy + limit from the index', async () => {
    const _ = sdk.db.command;
    const query = (q: Loose) =>
      q
        .where({ totalEarnedFen: _.gt(0) })
        .orderBy('totalEarnedFen', 'desc')
        .limit(10);
    const before = cloud.db.stats().documentsExamined;
    const outside = (await sdk.get('accounts', query)).map((d: Loose) => d._id);
    expect(cloud.db.stats().documentsExamined - before).toBeLessThan(20);
    const expected = cloud.db
      .find('accounts', { totalEarnedFen: { $gt: 0 } }, { limit: 1e9 })
      .sort((a, b) => (b.totalEarnedFen as number) - (a.totalEarnedFen as number))
      .slice(0, 10)
      .map((d) => d._id);
    expect(outside).toEqual(expected);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
