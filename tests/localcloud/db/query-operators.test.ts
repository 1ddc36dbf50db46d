/** Every query operator of `db.command`, through both SDKs (NOTES.md §4.2). */
import { freshCollection, startLocalCloud, type LocalCloud, type Loose } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
const sdks = {} as Record<Sdk['name'], Sdk>;
const collections = {} as Record<Sdk['name'], string>;

const DOCS = [
  {
    _id: 'a',
    n: 1,
    name: 'Alice',
    tags: ['x', 'y'],
    items: [{ sku: 'A', qty: 1 }],
    status: 'paid',
    at: new Date(1000),
  },
  {
    _id: 'b',
    n: 5,
    name: 'bob',
    tags: ['y'],
    items: [{ sku: 'B', qty: 3 }],
    status: 'pending',
    at: new Date(2000),
  },
  {
    _id: 'c',
    n: 10,
    name: 'Carol',
    tags: ['x', 'y', 'z'],
    items: [
      { sku: 'A', qty: 5 },
      { sku: 'C', qty: 1 },
    ],
    status: 'refunded',
    note: null,
    at: new Date(3000),
  },
  { _id: 'd', n: 12, name: 'dave', tags: [], items: [], status: 'paid', extra: { level: 2 } },
];

beforeAll(async () => {
  cloud = await startLocalCloud();
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
  for (const name of ['node-sdk', 'wx-server-sdk'] as const) {
    collections[name] = freshCollection(cloud);
    await sdks[name].addMany(collections[name], DOCS);
  }
});
afterAll(() => cloud.close());

type Where = (_: Loose, db: Loose) => Record<string, unknown>;

const CASES: Array<[string, Where, string[]]> = [
  ['plain equality', () => ({ status: 'paid' }), ['a', 'd']],
  ['eq', (_) => ({ n: _.eq(5) }), ['b']],
  ['neq', (_) => ({ status: _.neq('paid') }), ['b', 'c']],
  ['gt', (_) => ({ n: _.gt(5) }), ['c', 'd']],
  ['gte', (_) => ({ n: _.gte(5) }), ['b', 'c', 'd']],
  ['lt', (_) => ({ n: _.lt(5) }), ['a']],
  ['lte', (_) => ({ n: _.lte(5) }), ['a', 'b']],
  ['gt/lt on Dates', (_) => ({ at: _.gt(new Date(1000)).and(_.lt(new Date(3000))) }), ['b']],
  ['in', (_) => ({ status: _.in(['pending', 'refunded']) }), ['b', 'c']],
  ['nin', (_) => ({ status: _.nin(['pending', 'refunded']) }), ['a', 'd']],
  ['and (field)', (_) => ({ n: _.gt(1).and(_.lt(12)) }), ['b', 'c']],
  ['and (top level)', (_) => _.and([{ status: 'paid' }, { n: _.gt(1) }]), ['d']],
  ['or (field)', (_) => ({ n: _.eq(1).or(_.eq(12)) }), ['a', 'd']],
  ['or (top level)', (_) => _.or([{ status: 'pending' }, { n: _.gte(12) }]), ['b', 'd']],
  ['nor', (_) => _.nor([{ status: 'paid' }, { n: _.gt(6) }]), ['b']],
  ['not', (_) => ({ n: _.not(_.gt(5)) }), ['a', 'b']],
  ['exists true', (_) => ({ extra: _.exists(true) }), ['d']],
  ['exists false', (_) => ({ note: _.exists(false) }), ['a', 'b', 'd']],
  ['null matches null and missing', () => ({ note: null }), ['a', 'b', 'c', 'd']],
  ['size', (_) => ({ tags: _.size(3) }), ['c']],
  ['elemMatch', (_) => ({ items: _.elemMatch({ sku: 'A', qty: _.gte(2) }) }), ['c']],
  ['all', (_) => ({ tags: _.all(['x', 'y']) }), ['a', 'c']],
  ['array contains', () => ({ tags: 'z' }), ['c']],
  ['nested path', () => ({ 'items.sku': 'C' }), ['c']],
  ['nested object is flattened to paths', () => ({ extra: { level: 2 } }), ['d']],
  ['JS RegExp', () => ({ name: /^[a-c]/i }), ['a', 'b', 'c']],
  ['db.RegExp', (_, db) => ({ name: db.RegExp({ regexp: '^[a-c]', options: '' }) }), ['b']],
  ['not RegExp', (_) => ({ name: _.not(/^a/i) }), ['b', 'c', 'd']],
  ['mod', (_) => ({ n: _.mod(5, 0) }), ['b', 'c']],
  ['expr', (_) => ({ $expr: _.aggregate.gt(['$n', 9]) }), ['c', 'd']],
];

describe.each(['node-sdk', 'wx-server-sdk'] as const)('%s', (name) => {
  it.each(CASES)('%s', async (_label, where, expected) => {
    const sdk = sdks[name];
    const docs = await sdk.get(collections[name], (q) => q.where(where(sdk.db.command, sdk.db)));
    expect(docs.map((doc) => doc._id)).toEqual(expected);
    expect(await sdk.count(collections[name], where(sdk.db.command, sdk.db))).toBe(expected.length);
  });
});
