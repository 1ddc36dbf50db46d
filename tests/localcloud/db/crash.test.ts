/**
 * Durability: the server is killed with SIGKILL in the middle of work and restarted on the same data
 * directory. Every write whose call returned is there; no transaction is half applied.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_MANIFEST, rejection, tempDir, type Loose } from './harness';
import { nodeAdapter, type Sdk } from './sdks';

const FIXTURE = path.join(__dirname, 'fixtures', 'server.ts');

interface Server {
  child: ChildProcess;
  sdk: Sdk;
  exited: Promise<NodeJS.Signals | null>;
}

/** Every `_id` of a collection, a page of 100 at a time (the most one get() returns, NOTES.md §3.5). */
async function allIds(server: Server, collection: string): Promise<string[]> {
  const ids: string[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await server.sdk.get(collection, (q: Loose) => q.skip(skip).limit(100).field({ _id: true }));
    ids.push(...page.map((doc) => doc._id as string));
    if (page.length < 100) return ids;
  }
}

async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, DATA_DIR: dataDir, MANIFEST: JSON.stringify(TEST_MANIFEST), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+)/.exec(output);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${output}`)));
  });
  return { child, sdk: nodeAdapter(`http://127.0.0.1:${port}/admin`), exited };
}

async function kill(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  expect(await server.exited).toBe('SIGKILL');
}

let dataDir: string;
beforeEach(() => {
  dataDir = tempDir('localcloud-crash-');
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('keeps every acknowledged write when killed during a stream of writes', async () => {
  const first = await startServer(dataDir);
  const _ = first.sdk.db.command;
  await first.sdk.add('accounts', { _id: 'counter', n: 0 });
  const acknowledged: string[] = [];
  let counterAcked = 0;
  let stop = false;
  let reachedTarget: () => void = () => undefined;
  const target = new Promise<void>((resolve) => (reachedTarget = resolve));
  // Four writers keep requests in flight, so the kill lands in the middle of some.
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i += 1) {
      try {
        const id = `w${w}-${i}`;
        await first.sdk.add('items', { _id: id, w, i, pad: 'x'.repeat(200) });
        acknowledged.push(id);
        await first.sdk.updateDoc('accounts', 'counter', { n: _.inc(1) });
        counterAcked += 1;
        if (acknowledged.length >= 300) reachedTarget();
      } catch {
        return;
      }
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  await target;
  await kill(first);
  stop = true;
  await Promise.all(writers);

  const second = await startServer(dataDir);
  try {
    const ids = new Set<string>();
    for (const id of await allIds(second, 'items')) ids.add(id);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // Writes in flight at the kill may or may not have landed: at most one per writer.
    expect(ids.size).toBeLessThanOrEqual(acknowledged.length + 4);
    const counter = (await second.sdk.getDoc('accounts', 'counter'))?.n as number;
    expect(counter).toBeGreaterThanOrEqual(counterAcked);
    expect(counter).toBeLessThanOrEqual(counterAcked + 4);
  } finally {
    await kill(second);
  }
});

it('applies nothing of a transaction killed between its writes, before commit', async () => {
  const first = await startServer(dataDir);
  await first.sdk.addMany('accounts', [
    { _id: 'a', fen: 100 },
    { _id: 'b', fen: 0 },
  ]);
  const t = await first.sdk.db.startTransaction();
  await t.collection('accounts').doc('a').update({ fen: 70 });
  await t.collection('accounts').doc('b').update({ fen: 30 });
  await t.collection('items').add({ _id: 'ledger-1', fen: 30 });
  await kill(first);

  const second = await startServer(dataDir);
  try {
    expect(await second.sdk.get('accounts')).toEqual([
      { _id: 'a', fen: 100 },
      { _id: 'b', fen: 0 },
    ]);
    expect(await second.sdk.count('items')).toBe(0);
    // The data directory is healthy: a new transaction on the same documents commits.
    await second.sdk.db.runTransaction(async (tx: Loose) => {
      await tx.collection('accounts').doc('a').update({ fen: 70 });
      await tx.collection('accounts').doc('b').update({ fen: 30 });
    });
    expect((await second.sdk.get('accounts')).map((doc) => doc.fen)).toEqual([70, 30]);
  } finally {
    await kill(second);
  }
});

it('applies nothing of a transaction killed in the middle of its commit', async () => {
  const first = await startServer(dataDir, { CRASH_AFTER_COMMIT_WRITES: '2' });
  await first.sdk.addMany('accounts', [
    { _id: 'a', fen: 100 },
    { _id: 'b', fen: 0 },
  ]);
  const t = await first.sdk.db.startTransaction();
  await t.collection('accounts').doc('a').update({ fen: 70 });
  await t.collection('accounts').doc('b').update({ fen: 30 });
  await t.collection('items').add({ _id: 'ledger-1', fen: 30 });
  // The server applies two of the three writes inside its SQLite transaction, then dies.
  await rejection(t.commit());
  expect(await first.exited).toBe('SIGKILL');

  const second = await startServer(dataDir);
  try {
    expect(await second.sdk.get('accounts')).toEqual([
      { _id: 'a', fen: 100 },
      { _id: 'b', fen: 0 },
    ]);
    expect(await second.sdk.count('items')).toBe(0);
  } finally {
    await kill(second);
  }
});

it('keeps the total of a stream of transfer transactions killed at any point', async () => {
  const first = await startServer(dataDir);
  await first.sdk.addMany('accounts', [
    { _id: 'a', fen: 10_000 },
    { _id: 'b', fen: 10_000 },
  ]);
  const committed: string[] = [];
  let stop = false;
  let reachedTarget: () => void = () => undefined;
  const target = new Promise<void>((resolve) => (reachedTarget = resolve));
  const transfer = async (from: string, to: string, w: number): Promise<void> => {
    for (let i = 0; !stop; i += 1) {
      const id = `t${w}-${i}`;
      try {
        await first.sdk.db.runTransaction(async (t: Loose) => {
          const source = (await t.collection('accounts').doc(from).get()).data;
          const sink = (await t.collection('accounts').doc(to).get()).data;
          await t
            .collection('accounts')
            .doc(from)
            .update({ fen: source.fen - 7 });
          await t
            .collection('accounts')
            .doc(to)
            .update({ fen: sink.fen + 7 });
          await t.collection('items').add({ _id: id, fen: 7 });
        });
        committed.push(id);
        if (committed.length >= 40) reachedTarget();
      } catch (error) {
        if ((error as Loose)?.code === 'DATABASE_TRANSACTION_CONFLICT') continue;
        return;
      }
    }
  };
  const workers = [transfer('a', 'b', 0), transfer('b', 'a', 1), transfer('a', 'b', 2)];
  await target;
  await kill(first);
  stop = true;
  await Promise.all(workers);

  const second = await startServer(dataDir);
  try {
    const accounts = await second.sdk.get('accounts');
    expect((accounts[0].fen as number) + (accounts[1].fen as number)).toBe(20_000);
    const ledger = await allIds(second, 'items');
    expect(committed.filter((id) => !ledger.includes(id))).toEqual([]);
    // Each ledger entry is one whole transfer: the balances moved by exactly that much.
    const netA = ledger.reduce((sum, id) => sum + (id.startsWith('t1-') ? 7 : -7), 0);
    expect(accounts.find((doc) => doc._id === 'a')?.fen).toBe(10_000 + netA);
  } finally {
    await kill(second);
  }
});
