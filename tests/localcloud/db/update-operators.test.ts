/** Every update operator of `db.command`, through both SDKs (NOTES.md §4.3). */
import { freshCollection, startLocalCloud, type LocalCloud, type Loose } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
const sdks = {} as Record<Sdk['name'], Sdk>;

beforeAll(async () => {
  cloud = await startLocalCloud();
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
});
afterAll(() => cloud.close());

const START = {
  n: 10,
  price: 2.5,
  name: 'x',
  gone: 'soon',
  o: { p: 1, q: 2 },
  tags: ['a', 'b'],
  nums: [1, 2, 3, 2],
  list: [3, 1, 2],
  low: 5,
  high: 5,
  when: new Date(1000),
};

type Update = (_: Loose) => Record<string, unknown>;

const CASES: Array<[string, Update, Record<string, unknown>]> = [
  ['plain fields set by path', () => ({ name: 'y', o: { p: 9 } }), { name: 'y', o: { p: 9, q: 2 } }],
  ['set replaces a sub-object', (_) => ({ o: _.set({ r: 1 }) }), { o: { r: 1 } }],
  ['inc', (_) => ({ n: _.inc(-3) }), { n: 7 }],
  ['inc creates a missing field', (_) => ({ fresh: _.inc(2) }), { fresh: 2 }],
  ['mul', (_) => ({ price: _.mul(4) }), { price: 10 }],
  ['remove', (_) => ({ gone: _.remove() }), { gone: undefined }],
  ['remove nested', (_) => ({ o: { p: _.remove() } }), { o: { q: 2 } }],
  ['push one', (_) => ({ tags: _.push('c') }), { tags: ['a', 'b', 'c'] }],
  ['push many', (_) => ({ tags: _.push(['c', 'd']) }), { tags: ['a', 'b', 'c', 'd'] }],
  [
    'push with position, sort and slice',
    (_) => ({ list: _.push({ each: [0, 9], position: 0, sort: 1, slice: 4 }) }),
    { list: [0, 1, 2, 3] },
  ],
  ['pull', (_) => ({ nums: _.pull(2) }), { nums: [1, 3] }],
  ['pull with a condition', (_) => ({ nums: _.pull(_.gte(2)) }), { nums: [1] }],
  ['pullAll', (_) => ({ nums: _.pullAll([1, 2]) }), { nums: [3] }],
  ['addToSet adds a new value', (_) => ({ tags: _.addToSet('c') }), { tags: ['a', 'b', 'c'] }],
  ['addToSet keeps a present value once', (_) => ({ tags: _.addToSet('a') }), { tags: ['a', 'b'] }],
  ['addToSet each', (_) => ({ tags: _.addToSet({ $each: ['b', 'z'] }) }), { tags: ['a', 'b', 'z'] }],
  ['pop', (_) => ({ list: _.pop() }), { list: [3, 1] }],
  ['shift', (_) => ({ list: _.shift() }), { list: [1, 2] }],
  ['unshift', (_) => ({ list: _.unshift([7, 8]) }), { list: [7, 8, 3, 1, 2] }],
  ['rename', (_) => ({ name: _.rename('label') }), { name: undefined, label: 'x' }],
  ['min lowers', (_) => ({ low: _.min(1) }), { low: 1 }],
  ['min keeps a lower value', (_) => ({ low: _.min(9) }), { low: 5 }],
  ['max raises', (_) => ({ high: _.max(8) }), { high: 8 }],
  ['max on Dates', (_) => ({ when: _.max(new Date(5000)) }), { when: new Date(5000) }],
  [
    'several operators at once',
    (_) => ({ n: _.inc(1), tags: _.pop(), name: 'z' }),
    { n: 11, tags: ['a'], name: 'z' },
  ],
];

describe.each(['node-sdk', 'wx-server-sdk'] as const)('%s', (name) => {
  it.each(CASES)('%s', async (_label, update, changes) => {
    const sdk = sdks[name];
    const c = freshCollection(cloud);
    await sdk.add(c, { _id: 'd', ...START });
    await sdk.updateDoc(c, 'd', update(sdk.db.command));
    const expected: Record<string, unknown> = { _id: 'd', ...START, ...changes };
    for (const key of Object.keys(expected)) if (expected[key] === undefined) delete expected[key];
    expect(await sdk.getDoc(c, 'd')).toEqual(expected);
  });

  it('applies operators to every match of a where().update()', async () => {
    const sdk = sdks[name];
    const _ = sdk.db.command;
    const c = freshCollection(cloud);
    await sdk.addMany(c, [
      { s: 'p', n: 1 },
      { s: 'p', n: 2 },
    ]);
    expect(await sdk.updateWhere(c, { s: 'p' }, { n: _.inc(10), tags: _.push('t') })).toBe(2);
    expect((await sdk.get(c)).map((doc) => [doc.n, doc.tags])).toEqual([
      [11, ['t']],
      [12, ['t']],
    ]);
  });
});
