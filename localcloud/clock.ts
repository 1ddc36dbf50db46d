/**
 * The runtime's clock: real time plus an offset that `POST /dev/clock` moves. Functions (through their
 * worker's patched Date), `db.serverDate()` and timers all read it, so moving it ages orders for real.
 */
/** Anything that tells the time: the Clock, or one reading of it frozen for a request. */
export interface TimeSource {
  now(): number;
}

export class Clock implements TimeSource {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  /** Sets the clock to `epochMs`. */
  set(epochMs: number): number {
    this.offsetMs = epochMs - this.realNow();
    return this.now();
  }

  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
}
