/**
 * Timer triggers on the runtime clock. Every tick (real time, default 1 s) looks at the clock time that
 * passed since the last tick and fires each function whose cron (config.json `triggers`, 7 fields,
 * Beijing time) falls in it – ONCE, however much time passed: moving the clock a week ahead fires the
 * daily job once, not seven times, which is what a job that catches up on everything due needs anyway.
 * A timer whose previous run is still going is skipped rather than run twice at once.
 */
import type { Clock } from '../clock';
import type { FunctionCatalog } from '../runner/catalog';
import type { InvokeResult, FunctionRunner } from '../runner/runner';
import { type Cron, nextFire, parseCron } from './cron';

export interface TimerTrigger {
  functionName: string;
  triggerName: string;
  cron: Cron;
}

export interface SchedulerOptions {
  catalog: FunctionCatalog;
  runner: FunctionRunner;
  clock: Clock;
  /** Real milliseconds between two looks at the clock. */
  tickMs?: number;
  /** Reports a trigger that could not be read (bad config.json). */
  onError?: (message: string) => void;
}

/** Further back than this a missed firing is not looked for (keeps a jump of years cheap). */
const LOOKBACK_MS = 366 * 24 * 3600_000;

/** CloudBase's timer event (`Time` in UTC, whole seconds). */
export function timerEvent(trigger: TimerTrigger, at: number): Record<string, unknown> {
  return {
    Type: 'Timer',
    TriggerName: trigger.triggerName,
    Time: new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    Message: '',
  };
}

export class TimerScheduler {
  private interval: NodeJS.Timeout | null = null;
  private lastTick: number | null = null;
  private triggers: TimerTrigger[] = [];
  private readonly running = new Map<string, Promise<InvokeResult>>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Reads every function's trigger and starts ticking. */
  start(): void {
    this.triggers = this.readTriggers();
    this.lastTick = this.options.clock.now();
    this.interval = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
    this.interval.unref();
  }

  /** Stops ticking and waits for the timer runs in flight. */
  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    await Promise.all(this.running.values());
  }

  list(): TimerTrigger[] {
    return this.readTriggers();
  }

  /**
   * One look at the clock: fires (without waiting for them) the triggers due since the last tick.
   * Returns the names of the functions fired.
   */
  tick(): string[] {
    const now = this.options.clock.now();
    const since = this.lastTick ?? now;
    this.lastTick = now;
    // The clock went back: nothing is due, and the next window starts here.
    if (now <= since) return [];
    const from = Math.max(since, now - LOOKBACK_MS);
    const fired: string[] = [];
    for (const trigger of this.triggers) {
      const due = nextFire(trigger.cron, from, now - from);
      if (due === null || due > now || this.running.has(trigger.functionName)) continue;
      void this.run(trigger, due);
      fired.push(trigger.functionName);
    }
    return fired;
  }

  /** `POST /dev/timer/<name>`: fires that function's trigger now. Null when it has no trigger. */
  async fire(functionName: string): Promise<InvokeResult | null> {
    const trigger = this.readTriggers([functionName])[0];
    if (!trigger) return null;
    return this.run(trigger, this.options.clock.now());
  }

  private run(trigger: TimerTrigger, at: number): Promise<InvokeResult> {
    const result = this.options.runner
      .invoke({ name: trigger.functionName, event: timerEvent(trigger, at), source: 'wx_trigger' })
      .finally(() => {
        if (this.running.get(trigger.functionName) === result) this.running.delete(trigger.functionName);
      });
    this.running.set(trigger.functionName, result);
    return result;
  }

  private readTriggers(names = this.options.catalog.list()): TimerTrigger[] {
    const triggers: TimerTrigger[] = [];
    for (const name of names) {
      try {
        const info = this.options.catalog.get(name);
        for (const trigger of info?.config.triggers ?? []) {
          triggers.push({ functionName: name, triggerName: trigger.name, cron: parseCron(trigger.config) });
        }
      } catch (e) {
        this.options.onError?.(`timer of ${name}: ${(e as Error).message}`);
      }
    }
    return triggers;
  }
}
