/**
 * Manifest indexes: queries on indexed fields read only the matching documents (EXPLAIN QUERY PLAN
 * and a count of documents examined prove it), indexed results equal a full scan's, unique and sparse
 * unique indexes are enforced, and a changed manifest rebuilds indexes at start.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { Query } from 'mingo';
import { Clock } from '../../../localcloud/clock';
import { createDatabase, type LocalDatabase } from '../../../localcloud/db';
import { rejection, startLocalCloud, tempDir, type LocalCloud } from './harness';
import { nodeAdapter, type Sdk } from './sdks';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2026, 0, 1);

describe('with 3000 users and 3000 orders', () => {
  let cloud: LocalCloud;
  let sdk: Sdk;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    sdk = nodeAdapter(cloud.url);
    cloud.db.insert(
      'users',
      Array.from({ length: 3000 }, (_v, i) => ({
        _id: `u${i}`,
        openid: `o${i}`,
        ...(i % 10 === 0 ? { inviteCode: `IC${i}` } : {}),
        uplines: [`u${i - 1}`, `u${i % 7}`, `u${i % 5}`],
      })),
    );
    const statuses = ['unpaid', 'paid', 'shipped', 'completed'];
    cloud.db.insert(
      'orders',
      Array.from({ length: 3000 }, (_v, i) => ({
        _id: `order${i}`,
        status: statuses[i % 4],
        createdAt: new Date(T0 + (i % 30) * DAY + i),
        amountFen: i,
      })),
    );
  });
  afterAll(() => cloud.close());

  /** Documents decoded while `run` ran: what the query had to look at. */
  async function examined(run: () => Promise<unknown>): Promise<number> {
    const before = cloud.db.stats().documentsExamined;
    await run();
    return cloud.db.stats().documentsExamined - before;
  }

  it('finds by a unique field through its index, reading one document', async () => {
    const explained = cloud.db.explain('users', { openid: 'o1234' });
    expect(explained.access).toBe('openid_unique');
    expect(explained.sqlitePlan.join('\n')).toMatch(
      /SEARCH ix_\d+ USING (COVERING )?INDEX ix_\d+_keys \(t0=\? AND v0=\?\)/,
    );
    let found: unknown;
    expect(
      await examined(async () => (found = await sdk.get('users', (q) => q.where({ openid: 'o1234' })))),
    ).toBe(1);
    expect(found).toEqual([expect.objectContaining({ _id: 'u1234' })]);
  });

  it('scans the collection for a field without an index', async () => {
    expect(cloud.db.explain('users', { nickname: 'x' }).access).toBe('scan');
    expect(await examined(() => sdk.get('users', (q) => q.where({ nickname: 'x' })))).toBe(3000);
  });

  it('uses a compound index for equality plus a date range', async () => {
    const _ = sdk.db.command;
    const from = new Date(T0 + 3 * DAY);
    const to = new Date(T0 + 5 * DAY);
    const where = { status: 'paid', createdAt: _.gte(from).and(_.lt(to)) };
    const explained = cloud.db.explain('orders', {
      status: 'paid',
      $and: [{ createdAt: { $gte: from } }, { createdAt: { $lt: to } }],
    });
    expect(explained.access).toBe('statusCreated');
    expect(explained.sqlitePlan.join('\n')).toMatch(/t0=\? AND v0=\? AND t1=\? AND v1>\? AND v1<\?/);
    let docs: Array<Record<string, unknown>> = [];
    const seen = await examined(
      async () => (docs = await sdk.get('orders', (q) => q.where(where).limit(100))),
    );
    const expected = cloud.db
      .find('orders', {}, { limit: 5000 })
      .filter(
        (doc) => doc.status === 'paid' && (doc.createdAt as Date) >= from && (doc.createdAt as Date) < to,
      );
    expect(docs.map((doc) => doc._id).sort()).toEqual(expected.map((doc) => doc._id).sort());
    expect(docs.length).toBeGreaterThan(0);
    expect(seen).toBe(expected.length);
  });

  it('uses an index for $in and for a path into an array (uplines.1)', async () => {
    const _ = sdk.db.command;
    expect(await examined(() => sdk.get('users', (q) => q.where({ openid: _.in(['o1', 'o2', 'o3']) })))).toBe(
      3,
    );
    expect(cloud.db.explain('users', { 'uplines.1': 'u3' }).access).toBe('upline2');
    let docs: Array<Record<string, unknown>> = [];
    const seen = await examined(
      async () => (docs = await sdk.get('users', (q) => q.where({ 'uplines.1': 'u3' }).limit(100))),
    );
    expect(cloud.db.count('users', { 'uplines.1': 'u3' })).toBe(Math.ceil((3000 - 3) / 7));
    // One page (100 at most, NOTES.md §3.5), read straight from the index.
    expect(docs.length).toBe(100);
    expect(seen).toBe(docs.length);
  });

  it('stops reading at the page end of an unsorted get()', async () => {
    expect(
      await examined(() => sdk.get('orders', (q) => q.where({ amountFen: sdk.db.command.gte(0) }).limit(10))),
    ).toBe(10);
  });

  it('finds _id lookups by key', async () => {
    expect(cloud.db.explain('orders', { _id: 'order7' }).access).toBe('_id');
    expect(await examined(() => sdk.getDoc('orders', 'order7'))).toBe(1);
  });
});

describe('unique indexes', () => {
  let cloud: LocalCloud;
  let sdk: Sdk;
  beforeAll(async () => {
    cloud = await startLocalCloud();
    sdk = nodeAdapter(cloud.url);
  });
  afterAll(() => cloud.close());

  it('refuses a second document with the same unique value, naming the index', async () => {
    await sdk.add('users', { _id: 'a', openid: 'same' });
    const error = await rejection(sdk.add('users', { _id: 'b', openid: 'same' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(error.message).toBe(
      '[FailedOperation] E11000 duplicate key error collection: users index: openid_unique dup key: { openid: "same" }',
    );
  });

  it('treats a missing field as null in a unique index that is not sparse (as MongoDB does)', async () => {
    await sdk.add('users', { _id: 'no-openid-1' });
    const error = await rejection(sdk.add('users', { _id: 'no-openid-2' }));
    expect(error.message).toMatch(/openid_unique dup key: \{ openid: null \}/);
  });

  it('lets any number of documents lack the field of a sparse unique index, but not share a value', async () => {
    await sdk.addMany('users', [{ openid: 's1' }, { openid: 's2' }, { openid: 's3', inviteCode: 'ABC' }]);
    const error = await rejection(sdk.add('users', { openid: 's4', inviteCode: 'ABC' }));
    expect(error.message).toMatch(/inviteCode_unique dup key: \{ inviteCode: "ABC" \}/);
  });

  it('refuses an update that would duplicate a unique value and leaves the document as it was', async () => {
    await sdk.addMany('users', [
      { _id: 'x1', openid: 'x1' },
      { _id: 'x2', openid: 'x2' },
    ]);
    const error = await rejection(sdk.updateDoc('users', 'x2', { openid: 'x1' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(await sdk.getDoc('users', 'x2')).toEqual({ _id: 'x2', openid: 'x2' });
  });

  it('rolls back a whole multi-document update that hits a unique violation', async () => {
    await sdk.addMany('users', [
      { _id: 'm1', openid: 'm1', group: 'g', inviteCode: 'M1' },
      { _id: 'm2', openid: 'm2', group: 'g', inviteCode: 'M2' },
    ]);
    const error = await rejection(sdk.updateWhere('users', { group: 'g' }, { inviteCode: 'SAME' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await sdk.get('users', (q) => q.where({ group: 'g' }))).map((doc) => doc.inviteCode)).toEqual([
      'M1',
      'M2',
    ]);
  });
});

describe('indexed results equal a full scan', () => {
  const MANIFEST = {
    collections: {
      scalars: { indexes: [{ name: 'kj', keys: { k: 1, j: -1 } }] },
      arrays: { indexes: [{ name: 'kj', keys: { k: 1, j: -1 } }] },
      // `run` leads, so that a run's equality makes counts exact and ordered walks have an equality prefix.
      scalarRuns: { indexes: [{ name: 'runKj', keys: { run: 1, k: 1, j: -1 } }] },
      arrayRuns: { indexes: [{ name: 'runKj', keys: { run: 1, k: 1, j: -1 } }] },
    },
  };
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ min: -5, max: 5, noNaN: true }),
    // '\uE000' and an emoji sort differently in UTF-8 (SQLite) and UTF-16 (JavaScript).
    fc.constantFrom('a', 'b', 'c', '', '\uE000', '\u{1F600}'),
    fc.boolean(),
    fc.constant(null),
    fc.integer({ min: 0, max: 5 }).map((n) => new Date(n * 1000)),
  );
  const scalarDoc = fc.record({ k: scalar, j: scalar }, { requiredKeys: [] });
  const arrayDoc = fc.record(
    {
      k: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
      j: fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })),
    },
    { requiredKeys: [] },
  );
  const operand = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom('a', 'b', 'c', '\uE000', '\u{1F600}'),
    fc.boolean(),
    fc.integer({ min: 0, max: 5 }).map((n) => new Date(n * 1000)),
  );
  const condition = fc.oneof(
    operand,
    fc.record({ $in: fc.array(operand, { minLength: 1, maxLength: 3 }) }),
    fc.record({ $gt: operand }, { requiredKeys: [] }),
    fc.record({ $gte: operand, $lt: operand }),
    fc.record({ $lte: operand, $gt: operand }),
  );
  const query = fc.oneof(
    fc.record({ k: condition }),
    fc.record({ k: condition, j: condition }),
    fc.record({ $and: fc.tuple(fc.record({ k: condition }), fc.record({ k: condition })) }),
  );

  let db: LocalDatabase;
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    db = createDatabase({ dataDir: dir, manifest: MANIFEST, clock: new Clock() });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('matches an array whose elements meet the two bounds of a range separately, as MongoDB does', () => {
    db.insert('arrays', [
      { _id: 'split', k: [0, 10] },
      { _id: 'inside', k: [3] },
      { _id: 'outside', k: [0, -1] },
    ]);
    const filter = { k: { $gt: 1, $lt: 5 }, run: { $exists: false } };
    expect(db.find('arrays', filter).map((d) => d._id)).toEqual(['split', 'inside']);
  });

  it('orders strings as JavaScript does, also past U+D800 (where SQLite text order differs)', () => {
    db.insert('scalars', [
      { _id: 'private-use', k: '\uE000' },
      { _id: 'emoji', k: '\u{1F600}' },
    ]);
    const ids = (filter: Record<string, unknown>): unknown[] =>
      db.find('scalars', { ...filter, run: { $exists: false } }).map((d) => d._id);
    expect(ids({ k: { $gt: '\u{1F600}' } })).toEqual(['private-use']);
    expect(ids({ k: { $lt: '\uE000' } })).toEqual(['emoji']);
  });

  // The reference is mingo over the same documents with no storage in between: a full scan.
  it.each([
    ['scalar values', 'scalars', scalarDoc],
    ['arrays (multikey)', 'arrays', arrayDoc],
  ] as const)(
    'for random documents with %s and equality, $in and range queries',
    (_label, collection, doc) => {
      let run = 0;
      fc.assert(
        fc.property(
          fc.array(doc, { minLength: 1, maxLength: 20 }),
          fc.array(query, { minLength: 1, maxLength: 4 }),
          (docs, queries) => {
            run += 1;
            const rows = docs.map((d, i) => ({ _id: `${run}-${i}`, run, ...d }));
            db.insert(collection, rows);
            for (const q of queries) {
              const filter = { run, ...q };
              const viaIndex = db.find(collection, filter, { limit: 1000 }).map((d) => d._id);
              const viaScan = new Query(filter)
                .find<Record<string, unknown>>(rows)
                .all()
                .map((d) => d._id);
              expect(viaIndex).toEqual(viaScan);
            }
          },
        ),
        { numRuns: 80, seed: 4242 },
      );
      expect(db.explain(collection, { k: 1 }).access).toBe('kj');
    },
  );

  // Sorted pages (orderBy + limit, maybe skip): an ordered index walk that stops early where an index
  // serves the sort, the general path elsewhere – mingo's sort of every match is the reference. Counts:
  // index entries for exact equalities. Some documents are opaque for the index (a nested array).
  const sortOrder = fc.constantFrom<Record<string, 1 | -1>>(
    { k: 1 },
    { k: -1 },
    { k: 1, j: -1 },
    { k: -1, j: 1 },
    { k: 1, j: 1 },
    { j: 1 },
    { j: -1 },
    { run: 1, k: -1 },
  );
  const withOpaque = (d: fc.Arbitrary<Record<string, unknown>>) =>
    fc.oneof({ weight: 9, arbitrary: d }, { weight: 1, arbitrary: fc.constant({ k: [[1]], j: 'a' }) });
  const countQuery = fc.oneof(
    fc.record({ k: operand }),
    fc.record({ k: fc.record({ $eq: operand }) }),
    fc.record({ k: fc.record({ $in: fc.array(operand, { minLength: 1, maxLength: 3 }) }) }),
    fc.record({
      k: operand,
      j: fc.oneof(operand, fc.record({ $in: fc.array(operand, { minLength: 1, maxLength: 3 }) })),
    }),
  );

  it.each([
    ['scalar values', 'scalars', 'scalarRuns', scalarDoc],
    ['arrays (multikey)', 'arrays', 'arrayRuns', arrayDoc],
  ] as const)(
    'sorted pages and counts for random documents with %s',
    (_label, collection, runCollection, doc) => {
      let run = 1000;
      let walked = 0;
      fc.assert(
        fc.property(
          fc.array(withOpaque(doc), { minLength: 1, maxLength: 20 }),
          fc.array(
            fc.tuple(
              fc.oneof(query, countQuery, fc.constant({})),
              sortOrder,
              fc.integer({ min: 1, max: 6 }),
              fc.integer({ min: 0, max: 3 }),
            ),
            {
              minLength: 1,
              maxLength: 4,
            },
          ),
          fc.array(countQuery, { minLength: 1, maxLength: 3 }),
          (docs, pages, counts) => {
            run += 1;
            const rows = docs.map((d, i) => ({ _id: `${run}-${i}`, run, ...d }));
            db.insert(collection, rows);
            db.insert(runCollection, rows);
            for (const [q, order, limit, skip] of pages) {
              const filter = { run, ...q };
              const expected = new Query(filter)
                .find<Record<string, unknown>>(rows)
                .sort(order)
                .skip(skip)
                .limit(limit)
                .all()
                .map((d) => d._id);
              for (const name of [collection, runCollection]) {
                if (db.explain(name, filter, order).access.endsWith('(ordered)')) walked += 1;
                expect(db.find(name, filter, { order, limit, skip }).map((d) => d._id)).toEqual(expected);
              }
            }
            for (const q of counts) {
              const filter = { run, ...q };
              const expected = new Query(filter).find<Record<string, unknown>>(rows).all().length;
              expect(db.count(runCollection, filter)).toBe(expected);
              expect(db.count(collection, q)).toBe(
                new Query(q).find(db.find(collection, {}, { limit: 1e9 })).all().length,
              );
            }
          },
        ),
        { numRuns: 80, seed: 4343 },
      );
      // The scalar collections were served by ordered walks (the multikey ones never are).
      if (collection === 'scalars') expect(walked).toBeGreaterThan(50);
      else expect(walked).toBe(0);
    },
  );
});

describe('manifest changes at start', () => {
  const base = { collections: { things: { indexes: [] as unknown[] } } };
  const withIndex = {
    collections: { things: { indexes: [{ name: 'code_unique', keys: { code: 1 }, unique: true }] } },
  };

  it('builds an index added to the manifest from the stored documents, and drops a removed one', () => {
    const dir = tempDir();
    try {
      const first = createDatabase({ dataDir: dir, manifest: base, clock: new Clock() });
      first.insert('things', [{ code: 'a' }, { code: 'b' }]);
      expect(first.explain('things', { code: 'a' }).access).toBe('scan');
      first.close();
      const second = createDatabase({ dataDir: dir, manifest: withIndex, clock: new Clock() });
      expect(second.explain('things', { code: 'a' }).access).toBe('code_unique');
      expect(second.find('things', { code: 'b' })).toHaveLength(1);
      expect(() => second.insert('things', [{ code: 'a' }])).toThrow(/E11000/);
      second.close();
      const third = createDatabase({ dataDir: dir, manifest: base, clock: new Clock() });
      expect(third.explain('things', { code: 'a' }).access).toBe('scan');
      third.insert('things', [{ code: 'a' }]);
      expect(third.count('things', { code: 'a' })).toBe(2);
      third.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when stored data violates a new unique index', () => {
    const dir = tempDir();
    try {
      const first = createDatabase({ dataDir: dir, manifest: base, clock: new Clock() });
      first.insert('things', [{ code: 'a' }, { code: 'a' }]);
      first.close();
      expect(() => createDatabase({ dataDir: dir, manifest: withIndex, clock: new Clock() })).toThrow(
        /cannot build index code_unique of things: .*E11000/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the repository manifest with every collection the functions use', () => {
    const dir = tempDir();
    try {
      const db = createDatabase({ dataDir: dir, clock: new Clock() });
      expect(db.collections()).toEqual(expect.arrayContaining(['users', 'orders', 'withdrawals', 'ledger']));
      expect(db.explain('orders', { status: 'paid', settleAt: { $lte: new Date() } }).access).toBe('settle');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
