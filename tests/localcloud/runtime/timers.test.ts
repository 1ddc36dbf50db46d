/**
 * Timer triggers on the runtime clock: a tick fires what fell due since the last tick once, however far
 * the clock jumped; /dev/timer fires a function's trigger on demand.
 */
import fs from 'node:fs';
import { Clock } from '../../../localcloud/clock';
import type { FunctionCatalog } from '../../../localcloud/runner/catalog';
import type { FunctionRunner, InvokeRequest } from '../../../localcloud/runner/runner';
import { TimerScheduler, timerEvent } from '../../../localcloud/timers/scheduler';
import { parseCron } from '../../../localcloud/timers/cron';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { buildFixtures } from './fixtures';
import { sleep, waitFor } from './wait';

const DAY = 24 * 3600_000;
/** 2030-03-10 02:59:00 in Beijing. */
const BEFORE_3AM = Date.UTC(2030, 2, 9, 18, 59, 0);

describe('TimerScheduler.tick', () => {
  function scheduler(clock: Clock) {
    const calls: InvokeRequest[] = [];
    const runner = {
      invoke: async (request: InvokeRequest) => {
        calls.push(request);
        return { ok: true as const, value: null };
      },
    } as unknown as FunctionRunner;
    const catalog = {
      list: () => ['settle'],
      get: () => ({
        config: {
          permissions: { openapi: [] },
          triggers: [{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }],
        },
      }),
    } as unknown as FunctionCatalog;
    const timers = new TimerScheduler({ catalog, runner, clock, tickMs: 60_000 });
    return { timers, calls };
  }

  it('fires once when the clock passes the trigger time, and once only after a jump of ten days', async () => {
    let real = BEFORE_3AM;
    const clock = new Clock(() => real);
    const { timers, calls } = scheduler(clock);
    timers.start();
    real += 30_000;
    expect(timers.tick()).toEqual([]);
    real += 60_000; // 03:00:30
    expect(timers.tick()).toEqual(['settle']);
    await timers.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: 'settle',
      source: 'wx_trigger',
      event: { Type: 'Timer', TriggerName: 'nightly', Time: '2030-03-09T19:00:00Z', Message: '' },
    });
    clock.advance(10 * DAY);
    expect(timers.tick()).toEqual(['settle']);
    expect(timers.tick()).toEqual([]);
    await timers.stop();
    expect(calls).toHaveLength(2);
  });

  it('fires nothing when the clock goes back', () => {
    let real = BEFORE_3AM + 2 * 60_000;
    const clock = new Clock(() => real);
    const { timers } = scheduler(clock);
    timers.start();
    clock.advance(-DAY);
    real += 1000;
    expect(timers.tick()).toEqual([]);
    void timers.stop();
  });

  it('builds the event CloudBase sends', () => {
    const trigger = { functionName: 'settle', triggerName: 'nightly', cron: parseCron('0 0 3 * * * *') };
    expect(timerEvent(trigger, Date.UTC(2030, 0, 1, 19, 0, 0, 123))).toEqual({
      Type: 'Timer',
      TriggerName: 'nightly',
      Time: '2030-01-01T19:00:00Z',
      Message: '',
    });
  });
});

describe('timers in the runtime', () => {
  let functionsDir: string;
  let cloud: LocalCloud;

  beforeAll(async () => {
    functionsDir = await buildFixtures();
    cloud = await startLocalCloud({
      functionsDir,
      poolSize: 1,
      timers: true,
      timerTickMs: 25,
    });
  });

  afterAll(async () => {
    await cloud?.stop();
    fs.rmSync(functionsDir, { recursive: true, force: true });
  });

  const tickerRuns = () =>
    cloud.invocations().filter((r) => r.name === 'ticker' && r.source === 'wx_trigger');

  it('fires the ticker fixture when the clock passes 03:00 Beijing time, once per jump', async () => {
    await cloud.setClock(BEFORE_3AM);
    await sleep(150);
    const before = tickerRuns().length;
    await cloud.advanceClock(2 * 60_000);
    await waitFor(() => tickerRuns().length === before + 1);
    await cloud.advanceClock(7 * DAY);
    await waitFor(() => tickerRuns().length === before + 2);
    await sleep(150);
    expect(tickerRuns()).toHaveLength(before + 2);
  });

  it('POST /dev/timer/<name> fires the trigger now and answers its result', async () => {
    const now = await cloud.setClock(Date.UTC(2031, 5, 1, 4, 0, 0));
    const reply = await cloud.fireTimer<{ event: Record<string, unknown>; source: string; now: number }>(
      'ticker',
    );
    expect(reply.status).toBe(200);
    expect(reply.body.source).toBe('wx_trigger');
    expect(reply.body.event).toMatchObject({
      Type: 'Timer',
      TriggerName: 'nightly',
      Time: '2031-06-01T04:00:00Z',
    });
    expect(reply.body.now).toBeGreaterThanOrEqual(now);
    expect((await cloud.fireTimer<{ error: { reason: string } }>('whoami')).body.error.reason).toBe(
      'NO_TIMER',
    );
    expect((await cloud.fireTimer<{ error: { reason: string } }>('nope')).body.error.reason).toBe(
      'FUNCTION_NOT_FOUND',
    );
  });
});
