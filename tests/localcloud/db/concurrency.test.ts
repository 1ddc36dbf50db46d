/**
 * Requests racing each other. The server handles one database action at a time (single-threaded Node,
 * synchronous SQLite), so a conditional update is atomic: the mall's withdrawals rely on it.
 */
import { freshCollection, startLocalCloud, type LocalCloud } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
let node: Sdk;
let wx: Sdk;

beforeAll(async () => {
  cloud = await startLocalCloud();
  node = nodeAdapter(cloud.url);
  wx = wxAdapter(cloud.url);
});
afterAll(() => cloud.close());

it('lets exactly 5 of 20 concurrent conditional withdrawals through a balance that covers 5', async () => {
  const c = freshCollection(cloud);
  await node.add(c, { _id: 'acc', availableFen: 500, frozenFen: 0 });
  const withdraw = (sdk: Sdk): Promise<number> => {
    const _ = sdk.db.command;
    return sdk.updateWhere(
      c,
      { _id: 'acc', availableFen: _.gte(100) },
      { availableFen: _.inc(-100), frozenFen: _.inc(100) },
    );
  };
  const updated = await Promise.all(Array.from({ length: 20 }, (_v, i) => withdraw(i % 2 === 0 ? node : wx)));
  expect(updated.filter((n) => n === 1)).toHaveLength(5);
  expect(updated.filter((n) => n === 0)).toHaveLength(15);
  expect(await node.getDoc(c, 'acc')).toEqual({ _id: 'acc', availableFen: 0, frozenFen: 500 });
});

it('keeps every concurrent _.inc', async () => {
  const c = freshCollection(cloud);
  await node.add(c, { _id: 'n', v: 0 });
  await Promise.all(
    Array.from({ length: 50 }, (_v, i) =>
      (i % 2 ? node : wx).updateDoc(c, 'n', { v: node.db.command.inc(1) }),
    ),
  );
  expect(await node.getDoc(c, 'n')).toEqual({ _id: 'n', v: 50 });
});

it('lets one of many concurrent inserts of one unique key win', async () => {
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, (_v, i) => (i % 2 ? node : wx).add('users', { openid: 'o-concurrent', i })),
  );
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  expect(await node.count('users', { openid: 'o-concurrent' })).toBe(1);
});
