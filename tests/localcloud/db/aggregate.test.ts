/** Aggregate pipelines through both SDKs (NOTES.md §5): stages, $lookup, date operators, limits. */
import { freshCollection, startLocalCloud, type LocalCloud, type Loose } from './harness';
import { nodeAdapter, wxAdapter, type Sdk } from './sdks';

let cloud: LocalCloud;
const sdks = {} as Record<Sdk['name'], Sdk>;
const orders = {} as Record<Sdk['name'], string>;
const users = {} as Record<Sdk['name'], string>;

/** 2026-03-01 17:30 UTC is already 2026-03-02 01:30 in Beijing: the day differs between UTC and UTC+8. */
const EARLY_MORNING_BEIJING = new Date(Date.UTC(2026, 2, 1, 17, 30));

const ORDERS = [
  {
    _id: 'o1',
    userId: 'u1',
    status: 'paid',
    amountFen: 100,
    items: ['a', 'b'],
    at: new Date(Date.UTC(2026, 2, 1, 1)),
  },
  { _id: 'o2', userId: 'u1', status: 'paid', amountFen: 250, items: ['a'], at: EARLY_MORNING_BEIJING },
  {
    _id: 'o3',
    userId: 'u2',
    status: 'pending',
    amountFen: 40,
    items: [],
    at: new Date(Date.UTC(2026, 2, 2, 2)),
  },
  {
    _id: 'o4',
    userId: 'u3',
    status: 'paid',
    amountFen: 10,
    items: ['c'],
    at: new Date(Date.UTC(2026, 2, 2, 3)),
  },
];
const USERS = [
  { _id: 'u1', nickname: 'Ann' },
  { _id: 'u2', nickname: 'Ben' },
];

beforeAll(async () => {
  cloud = await startLocalCloud();
  sdks['node-sdk'] = nodeAdapter(cloud.url);
  sdks['wx-server-sdk'] = wxAdapter(cloud.url);
  for (const name of ['node-sdk', 'wx-server-sdk'] as const) {
    orders[name] = freshCollection(cloud, 'orders');
    users[name] = freshCollection(cloud, 'users');
    await sdks[name].addMany(orders[name], ORDERS);
    await sdks[name].addMany(users[name], USERS);
  }
});
afterAll(() => cloud.close());

describe.each(['node-sdk', 'wx-server-sdk'] as const)('%s', (name) => {
  const sdk = (): Sdk => sdks[name];
  const $ = (): Loose => sdk().db.command.aggregate;
  const _ = (): Loose => sdk().db.command;

  it('$match, $group, $sort, $project, $skip and $limit', async () => {
    const list = await sdk().aggregate(orders[name], (a) =>
      a
        .match({ amountFen: _().gt(20) })
        .group({ _id: '$status', total: $().sum('$amountFen'), n: $().sum(1), last: $().max('$at') })
        .sort({ total: -1 })
        .project({ _id: 0, status: '$_id', total: 1, n: 1, big: $().gte(['$total', 300]), last: 1 })
        .skip(0)
        .limit(10),
    );
    expect(list).toEqual([
      { status: 'paid', total: 350, n: 2, big: true, last: EARLY_MORNING_BEIJING },
      { status: 'pending', total: 40, n: 1, big: false, last: ORDERS[2].at },
    ]);
  });

  it('$unwind and $count', async () => {
    const unwound = await sdk().aggregate(orders[name], (a) =>
      a.unwind('$items').project({ items: 1 }).limit(10),
    );
    expect(unwound.map((doc) => `${doc._id}:${doc.items}`)).toEqual(['o1:a', 'o1:b', 'o2:a', 'o4:c']);
    expect(await sdk().aggregate(orders[name], (a) => a.match({ status: 'paid' }).count('n'))).toEqual([
      { n: 3 },
    ]);
  });

  it('$lookup with localField/foreignField', async () => {
    const list = await sdk().aggregate(orders[name], (a) =>
      a
        .match({ _id: _().in(['o1', 'o3', 'o4']) })
        .lookup({ from: users[name], localField: 'userId', foreignField: '_id', as: 'user' })
        .project({ nick: '$user.nickname' })
        .limit(10),
    );
    expect(list).toEqual([
      { _id: 'o1', nick: ['Ann'] },
      { _id: 'o3', nick: ['Ben'] },
      { _id: 'o4', nick: [] },
    ]);
  });

  it('$lookup with let and a pipeline', async () => {
    const list = await sdk().aggregate(users[name], (a) =>
      a
        .lookup({
          from: orders[name],
          let: { uid: '$_id' },
          pipeline: $()
            .pipeline()
            .match(_().expr($().and([$().eq(['$userId', '$$uid']), $().eq(['$status', 'paid'])])))
            .project({ _id: 0, amountFen: 1 })
            .done(),
          as: 'paid',
        })
        .project({ paid: 1 })
        .limit(10),
    );
    expect(list).toEqual([
      { _id: 'u1', paid: [{ amountFen: 100 }, { amountFen: 250 }] },
      { _id: 'u2', paid: [] },
    ]);
  });

  it('$group by day with date operators in Beijing time', async () => {
    const list = await sdk().aggregate(orders[name], (a) =>
      a
        .group({
          _id: $().dateToString({ date: '$at', format: '%Y-%m-%d', timezone: '+08:00' }),
          n: $().sum(1),
          fen: $().sum('$amountFen'),
        })
        .sort({ _id: 1 })
        .limit(10),
    );
    expect(list).toEqual([
      { _id: '2026-03-01', n: 1, fen: 100 },
      { _id: '2026-03-02', n: 3, fen: 300 },
    ]);
    const parts = await sdk().aggregate(orders[name], (a) =>
      a.match({ _id: 'o2' }).project({
        _id: 0,
        y: $().year('$at'),
        m: $().month('$at'),
        d: $().dayOfMonth('$at'),
        h: $().hour('$at'),
      }),
    );
    expect(parts).toEqual([{ y: 2026, m: 3, d: 1, h: 17 }]);
  });

  it('$sortByCount and $addFields', async () => {
    expect(await sdk().aggregate(orders[name], (a) => a.sortByCount('$status'))).toEqual([
      { _id: 'paid', count: 3 },
      { _id: 'pending', count: 1 },
    ]);
    const list = await sdk().aggregate(orders[name], (a) =>
      a
        .match({ _id: 'o1' })
        .addFields({ yuan: $().divide(['$amountFen', 100]) })
        .project({ yuan: 1 }),
    );
    expect(list).toEqual([{ _id: 'o1', yuan: 1 }]);
  });
});

describe('aggregate limits', () => {
  it('returns at most 20 results from a pipeline without $limit, as CloudBase does', async () => {
    const sdk = sdks['node-sdk'];
    const c = freshCollection(cloud);
    await sdk.addMany(
      c,
      Array.from({ length: 30 }, (_v, n) => ({ n })),
    );
    expect(await sdk.aggregate(c, (a) => a.match({}))).toHaveLength(20);
    expect(await sdk.aggregate(c, (a) => a.match({}).limit(25))).toHaveLength(25);
  });

  it('reports an unknown stage operator as DATABASE_REQUEST_FAILED', async () => {
    const res = await fetch(cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'database.aggregateDocuments',
        collectionName: orders['node-sdk'],
        stages: [{ stageKey: '$nope', stageValue: '{}' }],
      }),
    });
    expect(await res.json()).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});
