/**
 * The settle run's budget (cloudfunctions/settle/budget.ts) on a simulated clock: it never starts an
 * order it cannot finish before the deadline, learns how long an order takes, and leaves the rest due.
 */
import { Budget, PRIOR_UNIT_MS, drainChunks } from '../../../cloudfunctions/settle/budget';

function run(orderMs: number, deadlineMs: number, due: number, chunk = 10) {
  let clock = 0;
  const budget = new Budget(deadlineMs, 50, Infinity, () => clock);
  const docs = Array.from({ length: due }, (_, i) => ({ _id: `o${i}` }));
  const handled: string[] = [];
  let finishedAt = 0;
  const drained = drainChunks(
    budget,
    async (exclude, limit) =>
      docs.filter((d) => !exclude.includes(d._id) && !handled.includes(d._id)).slice(0, limit),
    chunk,
    async (batch) => {
      clock += orderMs * batch.length;
      finishedAt = clock;
      handled.push(...batch.map((d) => d._id));
      return [];
    },
  );
  return drained.then((result) => ({ ...result, handled: handled.length, finishedAt }));
}

describe('the settle budget', () => {
  it('handles everything when there is time', async () => {
    expect(await run(10, 10_000, 120)).toEqual({ complete: true, handled: 120, finishedAt: 1_200 });
  });

  it('stops before the deadline, never starting what it cannot finish, and says it is not complete', async () => {
    const result = await run(100, 5_000, 1_000);
    expect(result.complete).toBe(false);
    expect(result.finishedAt).toBeLessThanOrEqual(5_000);
    // It learns the real cost (twice the average as a margin) and uses most of the time.
    expect(result.handled).toBeGreaterThanOrEqual(25);
  });

  it('starts nothing when not even one order fits by the cautious prior', async () => {
    expect(await run(10, PRIOR_UNIT_MS - 1, 5)).toEqual({ complete: false, handled: 0, finishedAt: 0 });
  });
});
