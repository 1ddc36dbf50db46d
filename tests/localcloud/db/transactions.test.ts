/**
 * Transactions through both SDKs (NOTES.md §3.8): runTransaction and startTransaction, commit and
 * rollback, snapshot reads, first-writer-wins conflicts, the SDKs' retries, expiry, and the refusal of
 * everything that is not a single-document operation.
 */
import { freshCollection, rejection, startLocalCloud, type LocalCloud, type Loose } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
const sdks = {} as Record<Sdk['name'], Sdk>;
const NAMES = ['node-sdk', 'wx-server-sdk'] as const;

beforeAll(async () => {
  cloud = await startLocalCloud();
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
});
afterAll(() => cloud.close());
afterEach(() => expect(cloud.db.openTransactions()).toBe(0));

/** Inside a transaction both SDKs give doc().get() as an object (or null). */
async function txGet(t: Loose, c: string, id: string): Promise<Record<string, unknown> | null> {
  return (await t.collection(c).doc(id).get()).data ?? null;
}

/** The few calls whose argument shapes differ between the SDKs inside a transaction. */
function txOps(name: Sdk['name']) {
  const wrap = (data: unknown): unknown => (name === 'wx-server-sdk' ? { data } : data);
  return {
    update: (t: Loose, c: string, id: string, data: unknown) => t.collection(c).doc(id).update(wrap(data)),
    set: (t: Loose, c: string, id: string, data: unknown) => t.collection(c).doc(id).set(wrap(data)),
    add: (t: Loose, c: string, data: unknown) => t.collection(c).add(wrap(data)),
    remove: (t: Loose, c: string, id: string) => t.collection(c).doc(id).remove(),
  };
}

function isConflict(error: Loose): boolean {
  return error?.code === 'DATABASE_TRANSACTION_CONFLICT' || /TransactionConflict/.test(error?.errMsg ?? '');
}

describe.each(NAMES)('%s', (name) => {
  const sdk = (): Sdk => sdks[name];
  const ops = txOps(name);

  it('runTransaction commits every write and resolves with the callback value', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [
      { _id: 'a', n: 1 },
      { _id: 'gone', n: 0 },
    ]);
    const result = await sdk().db.runTransaction(async (t: Loose) => {
      const a = await txGet(t, c, 'a');
      await ops.update(t, c, 'a', { n: sdk().db.command.inc(10) });
      await ops.set(t, c, 'b', { n: 2 });
      await ops.add(t, c, { _id: 'added', n: 3 });
      await ops.remove(t, c, 'gone');
      return a?.n;
    });
    expect(result).toBe(1);
    expect((await sdk().get(c)).map((doc) => [doc._id, doc.n])).toEqual([
      ['a', 11],
      ['b', 2],
      ['added', 3],
    ]);
  });

  it('runTransaction rolls back when the callback throws, and rethrows', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const error = await rejection(
      sdk().db.runTransaction(async (t: Loose) => {
        await ops.update(t, c, 'a', { n: 99 });
        await ops.add(t, c, { _id: 'new' });
        throw new Error('business rule');
      }),
    );
    expect(error.message).toBe('business rule');
    expect(await sdk().get(c)).toEqual([{ _id: 'a', n: 1 }]);
  });

  it('runTransaction rolls back on transaction.rollback(reason) and rejects with the reason', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const reason = await rejection(
      sdk().db.runTransaction(async (t: Loose) => {
        await ops.update(t, c, 'a', { n: 2 });
        await t.rollback({ why: 'stock' });
      }),
    );
    expect(reason).toEqual({ why: 'stock' });
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 1 });
  });

  it('startTransaction commits, and rejects further use once committed', async () => {
    const c = freshCollection(cloud);
    const t = await sdk().db.startTransaction();
    await ops.add(t, c, { _id: 'x', v: 1 });
    expect(await sdk().getDoc(c, 'x')).toBeNull();
    await t.commit();
    expect(await sdk().getDoc(c, 'x')).toEqual({ _id: 'x', v: 1 });
    const again = await rejection(t.commit());
    expect(again.code ?? again.errMsg).toMatch(/DATABASE_TRANSACTION_FAIL|-501001/);
    expect(again.message ?? again.errMsg).toMatch(/TransactionNotExist/);
  });

  it('startTransaction rolls back', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const t = await sdk().db.startTransaction();
    await ops.update(t, c, 'a', { n: 2 });
    await ops.remove(t, c, 'a');
    await t.rollback();
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 1 });
  });

  it('reads a snapshot as of the start, plus its own writes', async () => {
    const c = freshCollection(cloud);
    await sdk().addMany(c, [
      { _id: 'a', n: 1 },
      { _id: 'b', n: 1 },
    ]);
    const t = await sdk().db.startTransaction();
    await sdk().updateDoc(c, 'a', { n: 2 });
    await sdk().add(c, { _id: 'late', n: 1 });
    expect(await txGet(t, c, 'a')).toEqual({ _id: 'a', n: 1 });
    expect(await txGet(t, c, 'late')).toBeNull();
    await ops.update(t, c, 'b', { n: 5 });
    await ops.add(t, c, { _id: 'mine', n: 1 });
    // Single-document reads only inside a transaction (NOTES.md §3.8 7).
    expect(await txGet(t, c, 'b')).toEqual({ _id: 'b', n: 5 });
    expect(await txGet(t, c, 'mine')).toEqual({ _id: 'mine', n: 1 });
    expect(await txGet(t, c, 'a')).toEqual({ _id: 'a', n: 1 });
    await t.commit();
    expect((await sdk().get(c)).map((doc) => [doc._id, doc.n])).toEqual([
      ['a', 2],
      ['b', 5],
      ['late', 1],
      ['mine', 1],
    ]);
  });

  it('conflicts at the write when the document changed after the snapshot, and aborts', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const t = await sdk().db.startTransaction();
    await txGet(t, c, 'a');
    await sdk().updateDoc(c, 'a', { n: 2 });
    const error = await rejection(ops.update(t, c, 'a', { n: 3 }));
    expect(isConflict(error)).toBe(true);
    // The server aborted it: using it fails, rolling it back is harmless.
    const after = await rejection(txGet(t, c, 'a'));
    expect(after.message ?? after.errMsg).toMatch(/TransactionNotExist/);
    await t.rollback();
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 2 });
  });

  it('lets the first writer win between two open transactions', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const before = cloud.db.transactionStats();
    const first = await sdk().db.startTransaction();
    const second = await sdk().db.startTransaction();
    await ops.update(first, c, 'a', { n: 10 });
    expect(isConflict(await rejection(ops.update(second, c, 'a', { n: 20 })))).toBe(true);
    await first.commit();
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 10 });
    // The counters the payment benchmark reads: two started, one committed, one conflict on `c`.
    const after = cloud.db.transactionStats();
    expect(after.started - before.started).toBe(2);
    expect(after.committed - before.committed).toBe(1);
    expect(after.conflicts - before.conflicts).toBe(1);
    expect((after.conflictsByCollection[c] ?? 0) - (before.conflictsByCollection[c] ?? 0)).toBe(1);
  });

  it('conflicts at commit when a write outside transactions changed a document it wrote', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', n: 1 });
    const t = await sdk().db.startTransaction();
    await ops.update(t, c, 'a', { n: 10 });
    await sdk().updateDoc(c, 'a', { n: 2 });
    expect(isConflict(await rejection(t.commit()))).toBe(true);
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 2 });
  });

  it('keeps no lost update among concurrent transactions incrementing one document', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'counter', n: 0 });
    const runs = Array.from({ length: 8 }, () =>
      sdk().db.runTransaction(async (t: Loose) => {
        const doc = await txGet(t, c, 'counter');
        await ops.update(t, c, 'counter', { n: (doc?.n as number) + 1 });
      }),
    );
    const results = await Promise.allSettled(runs);
    const done = results.filter((result) => result.status === 'fulfilled').length;
    for (const result of results)
      if (result.status === 'rejected') expect(isConflict(result.reason)).toBe(true);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(await sdk().getDoc(c, 'counter')).toEqual({ _id: 'counter', n: done });
  });

  it('runs where().update() inside a transaction outside of it (no transactionId on the wire)', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'a', s: 'x', n: 1 });
    const t = await sdk().db.startTransaction();
    const data = name === 'wx-server-sdk' ? { data: { n: 5 } } : { n: 5 };
    await t.collection(c).where({ s: 'x' }).update(data);
    await t.rollback();
    expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', s: 'x', n: 5 });
  });

  it('ends the transaction on a failed action, discarding what it staged (duplicate _id)', async () => {
    const c = freshCollection(cloud);
    await sdk().add(c, { _id: 'taken' });
    const t = await sdk().db.startTransaction();
    await ops.add(t, c, { _id: 'first' });
    const error = await rejection(ops.add(t, c, { _id: 'taken' }));
    expect(error.message ?? error.errMsg).toMatch(/E11000/);
    await t.rollback();
    expect((await sdk().get(c)).map((doc) => doc._id)).toEqual(['taken']);
  });

  describe('single-document operations only (NOTES.md §3.8 7)', () => {
    it('refuses where().get() and aborts the transaction: nothing it staged is written', async () => {
      const c = freshCollection(cloud);
      await sdk().addMany(c, [
        { _id: 'a', s: 'x', n: 1 },
        { _id: 'b', s: 'y', n: 1 },
      ]);
      const t = await sdk().db.startTransaction();
      await ops.update(t, c, 'a', { n: 2 });
      const error = await rejection(t.collection(c).where({ s: 'x' }).get());
      expectSingleDocumentRefusal(error, /where\(\)\.get\(\)/);
      // The server ended it: the staged update is gone and the transaction cannot go on.
      expect(cloud.db.openTransactions()).toBe(0);
      const after = await rejection(t.commit());
      expect(after.message ?? after.errMsg).toMatch(/TransactionNotExist/);
      await t.rollback();
      expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', s: 'x', n: 1 });
    });

    it('refuses where({ _id }).get() too: only doc(id) is a single-document read', async () => {
      const c = freshCollection(cloud);
      await sdk().add(c, { _id: 'a' });
      const t = await sdk().db.startTransaction();
      expectSingleDocumentRefusal(await rejection(t.collection(c).where({ _id: 'a' }).get()));
      await t.rollback();
    });

    it('refuses collection.get() and limit()/orderBy() queries', async () => {
      const c = freshCollection(cloud);
      await sdk().add(c, { _id: 'a', n: 1 });
      const t = await sdk().db.startTransaction();
      expectSingleDocumentRefusal(await rejection(t.collection(c).get()), /collection\.get\(\)/);
      await t.rollback();
      const u = await sdk().db.startTransaction();
      expectSingleDocumentRefusal(await rejection(u.collection(c).orderBy('n', 'asc').limit(1).get()));
      await u.rollback();
    });

    it('refuses add() of several documents at once', async () => {
      const c = freshCollection(cloud);
      const t = await sdk().db.startTransaction();
      expectSingleDocumentRefusal(
        await rejection(ops.add(t, c, [{ _id: 'one' }, { _id: 'two' }])),
        /add\(\) of 2 documents/,
      );
      await t.rollback();
      expect(await sdk().get(c)).toEqual([]);
    });

    it('makes runTransaction reject with the refusal (no retry) and write nothing', async () => {
      const c = freshCollection(cloud);
      await sdk().add(c, { _id: 'a', n: 1 });
      let attempts = 0;
      const error = await rejection(
        sdk().db.runTransaction(async (t: Loose) => {
          attempts += 1;
          await ops.update(t, c, 'a', { n: 2 });
          await t.collection(c).where({ n: 2 }).get();
        }),
      );
      expectSingleDocumentRefusal(error);
      expect(attempts).toBe(1);
      expect(await sdk().getDoc(c, 'a')).toEqual({ _id: 'a', n: 1 });
    });

    it('cannot see count() and aggregate(): they carry no transactionId and read the committed state', async () => {
      const c = freshCollection(cloud);
      await sdk().add(c, { _id: 'a', s: 'x' });
      const t = await sdk().db.startTransaction();
      await ops.add(t, c, { _id: 'staged', s: 'x' });
      expect((await t.collection(c).where({ s: 'x' }).count()).total).toBe(1);
      const agg = await t.collection(c).aggregate().match({ s: 'x' }).end();
      expect((agg.data ?? agg.list).map((doc: Loose) => doc._id)).toEqual(['a']);
      await t.rollback();
    });
  });
});

/** The refusal of a non-single-document operation inside a transaction, as each SDK reports it. */
function expectSingleDocumentRefusal(error: Loose, what?: RegExp): void {
  expect(error.code ?? error.errMsg).toMatch(/DATABASE_TRANSACTION_FAIL|-501001/);
  const message = String(error.message ?? error.errMsg);
  expect(message).toMatch(/transactions support only single-document operations/);
  if (what) expect(message).toMatch(what);
}

describe('raw requests with a transactionId that are not single-document operations', () => {
  async function raw(body: Record<string, unknown>): Promise<{ code?: string; message?: string }> {
    const res = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { code?: string; message?: string };
  }

  it.each([
    ['count', { action: 'database.calculateDocument', query: '{"s":"x"}' }, /count\(\)/],
    ['aggregate', { action: 'database.aggregateDocuments', stages: [] }, /aggregate\(\)/],
    [
      'a where update',
      { action: 'database.modifyDocument', queryType: 'WHERE', query: '{"s":"x"}', data: '{"$set":{"n":9}}' },
      /where\(\)\.update\(\)/,
    ],
    [
      'a multi update by _id',
      {
        action: 'database.modifyDocument',
        queryType: 'DOC',
        query: '{"_id":"a"}',
        multi: true,
        data: '{"$set":{"n":9}}',
      },
      /multi: true/,
    ],
    [
      'a where remove',
      { action: 'database.removeDocument', queryType: 'WHERE', query: '{"s":"x"}' },
      /remove/,
    ],
    [
      'a remove by a query on more than _id',
      { action: 'database.removeDocument', queryType: 'DOC', query: '{"_id":"a","s":"x"}' },
      /remove/,
    ],
    [
      'updateAndReturn',
      { action: 'database.modifyAndReturnDoc', query: '{"_id":"a"}', data: '{"$set":{"n":9}}' },
      /updateAndReturn/,
    ],
    [
      'a doc get with paging',
      { action: 'database.getDocument', queryType: 'DOC', query: '{"_id":"a"}', limit: 5 },
      /skip\/limit/,
    ],
  ])('refuses %s and aborts the transaction', async (_label, request, what) => {
    const sdk = sdks['node-sdk'];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'a', s: 'x', n: 1 });
    const t = await sdk.db.startTransaction();
    await t.collection(c).doc('a').update({ n: 2 });
    const reply = await raw({ ...request, collectionName: c, transactionId: (t as Loose)._id });
    expect(reply.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(reply.message).toMatch(/transactions support only single-document operations/);
    expect(reply.message).toMatch(what);
    expect(cloud.db.openTransactions()).toBe(0);
    expect(await sdk.getDoc(c, 'a')).toEqual({ _id: 'a', s: 'x', n: 1 });
  });

  it('refuses node-sdk where().updateAndReturn() inside a transaction', async () => {
    const sdk = sdks['node-sdk'];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'a', n: 1 });
    const t = await sdk.db.startTransaction();
    const error = await rejection(t.collection(c).where({ _id: 'a' }).updateAndReturn({ n: 2 }));
    expectSingleDocumentRefusal(error, /updateAndReturn/);
    await t.rollback();
    expect(await sdk.getDoc(c, 'a')).toEqual({ _id: 'a', n: 1 });
  });
});

describe('the SDKs retry conflicts', () => {
  it('node-sdk retries runTransaction after a conflict inside the callback and ends right', async () => {
    const sdk = sdks['node-sdk'];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'acc', fen: 0 });
    let attempts = 0;
    await sdk.db.runTransaction(async (t: Loose) => {
      attempts += 1;
      const acc = await txGet(t, c, 'acc');
      if (attempts === 1) await sdk.updateDoc(c, 'acc', { fen: sdk.db.command.inc(100) });
      await t
        .collection(c)
        .doc('acc')
        .update({ fen: (acc?.fen as number) + 1 });
    });
    expect(attempts).toBe(2);
    expect(await sdk.getDoc(c, 'acc')).toEqual({ _id: 'acc', fen: 101 });
  });

  it('wx-server-sdk retries runTransaction after a conflict at commit and ends right', async () => {
    const sdk = sdks['wx-server-sdk'];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'acc', fen: 0 });
    let attempts = 0;
    await sdk.db.runTransaction(async (t: Loose) => {
      attempts += 1;
      const acc = await txGet(t, c, 'acc');
      await t
        .collection(c)
        .doc('acc')
        .update({ data: { fen: (acc?.fen as number) + 1 } });
      // Another function changes the account after this transaction wrote it: commit conflicts.
      if (attempts === 1) await sdk.updateDoc(c, 'acc', { fen: sdk.db.command.inc(100) });
    });
    expect(attempts).toBe(2);
    expect(await sdk.getDoc(c, 'acc')).toEqual({ _id: 'acc', fen: 101 });
  });

  it('wx-server-sdk does not retry a conflict inside the callback: the caller sees it', async () => {
    const sdk = sdks['wx-server-sdk'];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'acc', fen: 0 });
    let attempts = 0;
    const error = await rejection(
      sdk.db.runTransaction(async (t: Loose) => {
        attempts += 1;
        await txGet(t, c, 'acc');
        await sdk.updateDoc(c, 'acc', { fen: 5 });
        await t
          .collection(c)
          .doc('acc')
          .update({ data: { fen: 1 } });
      }),
    );
    expect(attempts).toBe(1);
    expect(error.errMsg).toMatch(/TransactionConflict/);
    expect(await sdk.getDoc(c, 'acc')).toEqual({ _id: 'acc', fen: 5 });
  });
});

describe('unique indexes in transactions', () => {
  it('refuses a duplicate of committed data at the write', async () => {
    const sdk = sdks['node-sdk'];
    await sdk.add('users', { _id: 'u-dup-1', openid: 'o-dup' });
    const t = await sdk.db.startTransaction();
    const error = await rejection(t.collection('users').add({ _id: 'u-dup-2', openid: 'o-dup' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(error.message).toMatch(/E11000 .*index: openid_unique dup key: \{ openid: "o-dup" \}/);
    await t.rollback();
  });

  it('refuses two documents of one transaction with the same unique key', async () => {
    const sdk = sdks['node-sdk'];
    const t = await sdk.db.startTransaction();
    await t.collection('users').add({ _id: 'u-twin-1', openid: 'o-twin' });
    const error = await rejection(t.collection('users').add({ _id: 'u-twin-2', openid: 'o-twin' }));
    expect(error.code).toBe('DATABASE_DUPLICATE_WRITE');
    await t.rollback();
  });

  it('makes the later of two transactions inserting one unique key conflict, so its retry sees the first', async () => {
    const sdk = sdks['node-sdk'];
    const first = await sdk.db.startTransaction();
    const second = await sdk.db.startTransaction();
    await first.collection('users').add({ _id: 'u-race-1', openid: 'o-race' });
    await second.collection('users').add({ _id: 'u-race-2', openid: 'o-race' });
    await first.commit();
    expect(isConflict(await rejection(second.commit()))).toBe(true);
    expect(await sdk.count('users', { openid: 'o-race' })).toBe(1);
  });
});

describe('expiry', () => {
  it('expires an abandoned transaction: its locks go, its commit fails', async () => {
    let now = 0;
    const local = await startLocalCloud({ transactions: { timeoutMs: 30_000, now: () => now } });
    try {
      const sdk = nodeAdapter(local.url);
      const c = freshCollection(local);
      await sdk.add(c, { _id: 'a', n: 0 });
      const abandoned = await sdk.db.startTransaction();
      await abandoned.collection(c).doc('a').update({ n: 1 });
      now += 30_001;
      const next = await sdk.db.startTransaction();
      await next.collection(c).doc('a').update({ n: 2 });
      await next.commit();
      const error = await rejection(abandoned.commit());
      expect(error.code).toBe('DATABASE_TRANSACTION_FAIL');
      expect(await sdk.getDoc(c, 'a')).toEqual({ _id: 'a', n: 2 });
      const idle = await sdk.db.startTransaction();
      expect(idle).toBeDefined();
      now += 30_001;
      local.db.expireTransactions();
      expect(local.db.openTransactions()).toBe(0);
    } finally {
      await local.close();
    }
  });
});
