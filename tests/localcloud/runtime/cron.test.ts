import { cronMatches, nextFire, parseCron } from '../../../localcloud/timers/cron';

// 2026-11-27 00:00:00 in Beijing is 2026-11-26 16:00:00 UTC.
const BEIJING_MIDNIGHT = Date.UTC(2026, 10, 26, 16, 0, 0);

describe('7-field cron (Beijing time)', () => {
  it('refuses anything but seven valid fields', () => {
    expect(() => parseCron('0 */10 * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('60 * * * * * *')).toThrow(/second: 60/);
    expect(() => parseCron('0 0 24 * * * *')).toThrow(/hour/);
    expect(() => parseCron('0 0 0 0 * * *')).toThrow(/day/);
    expect(() => parseCron('0 0 0 * 13 * *')).toThrow(/month/);
    expect(() => parseCron('0 0 0 * * 7 *')).toThrow(/weekday/);
    expect(() => parseCron('0 5-1 * * * * *')).toThrow(/backwards/);
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/step/);
  });

  it('accepts names, lists, ranges and steps', () => {
    const cron = parseCron('0 0,30 9-17/2 * JAN-MAR MON *');
    expect([...cron.fields[1]]).toEqual([0, 30]);
    expect([...cron.fields[2]]).toEqual([9, 11, 13, 15, 17]);
    expect([...cron.fields[4]]).toEqual([1, 2, 3]);
    expect([...cron.fields[5]]).toEqual([1]);
  });

  it('matches in UTC+8 whatever the server zone', () => {
    const daily2am = parseCron('0 0 2 * * * *');
    expect(cronMatches(daily2am, BEIJING_MIDNIGHT + 2 * 3600_000)).toBe(true);
    expect(cronMatches(daily2am, Date.UTC(2026, 10, 27, 2, 0, 0))).toBe(false);
    const firstOfMonth = parseCron('0 0 0 1 * * *');
    // 2026-12-01 00:00 Beijing = 2026-11-30 16:00 UTC
    expect(cronMatches(firstOfMonth, Date.UTC(2026, 10, 30, 16, 0, 0))).toBe(true);
  });

  it('finds the next firing time', () => {
    const every10min = parseCron('0 */10 * * * * *');
    expect(nextFire(every10min, BEIJING_MIDNIGHT)).toBe(BEIJING_MIDNIGHT + 10 * 60_000);
    expect(nextFire(every10min, BEIJING_MIDNIGHT + 1)).toBe(BEIJING_MIDNIGHT + 10 * 60_000);
    expect(nextFire(every10min, BEIJING_MIDNIGHT - 1)).toBe(BEIJING_MIDNIGHT);
    expect(nextFire(parseCron('0 0 0 1 1 * 2020'), BEIJING_MIDNIGHT)).toBeNull();
  });
});
