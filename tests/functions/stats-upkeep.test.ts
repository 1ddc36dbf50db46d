/**
 * The statistics' upkeep in the settle timer (common/stores/stats.ts maintainStats): the shard documents exist
 * after a run, so every event increments its shard with one call; days older than the shards keep move
 * to one archive document each, counted exactly once however often the timer runs.
 */
import { DAY_MS, beijingDateKey } from '../../shared/time';
import { STATS_SHARDS } from '../../cloudfunctions/common/stores/stats';
import { fireSettle } from './fixtures';
import { type Mall, startMall, statsDaily, statsTotals } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('statistics upkeep', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  it('creates the shards, and archives old days once', async () => {
    const now = mall.cloud.now();
    const old = beijingDateKey(now - 120 * DAY_MS);
    const recent = beijingDateKey(now - 3 * DAY_MS);
    mall.cloud.runtime.database.insert('statsTotals', [
      { _id: 'all:2', orders: 5, days: { [old]: { orders: 2, salesFen: 200 }, [recent]: { orders: 3 } } },
      { _id: 'all:7', orders: 1, days: { [old]: { orders: 1, salesFen: 50 } } },
    ]);
    await fireSettle(mall);
    const shards = await mall.find<any>('statsTotals');
    expect(shards).toHaveLength(STATS_SHARDS);
    expect(shards.every((s) => !s.days?.[old])).toBe(true);
    expect(await statsDaily(mall, old)).toEqual({ orders: 3, salesFen: 250 });
    expect(await statsDaily(mall, recent)).toEqual({ orders: 3 });
    expect(await statsTotals(mall)).toMatchObject({ orders: 6 });

    await fireSettle(mall);
    expect(await statsDaily(mall, old)).toEqual({ orders: 3, salesFen: 250 });
    expect(await mall.find<any>('statsTotals')).toHaveLength(STATS_SHARDS);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
