/**
 * The runtime clock, remembered across restarts: its offset from real time is written to
 * `<DATA_DIR>/clock.json` whenever it moves, so that a database aged by `POST /dev/clock` does not find
 * itself in the past after `npm start` again.
 */
import { Clock } from '../clock';
import { readJsonFile, writeJsonFile } from '../durable';

export class PersistedClock extends Clock {
  constructor(
    private readonly file: string,
    realNow: () => number = Date.now,
  ) {
    super(realNow);
    const saved = readJsonFile<{ offsetMs?: unknown }>(file, {});
    if (typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs))
      super.setOffset(saved.offsetMs);
  }

  override advance(ms: number): number {
    const now = super.advance(ms);
    this.save();
    return now;
  }

  override set(epochMs: number): number {
    const now = super.set(epochMs);
    this.save();
    return now;
  }

  override setOffset(ms: number): void {
    super.setOffset(ms);
    this.save();
  }

  private save(): void {
    writeJsonFile(this.file, { offsetMs: this.offset() });
  }
}
