import fc from 'fast-check';
import {
  BEIJING_OFFSET_MS,
  DAY_MS,
  beijingDateKey,
  beijingDayOfMonth,
  beijingParts,
  daysInBeijingMonth,
  recentBeijingDateKeys,
  startOfBeijingDateKey,
  startOfBeijingDay,
} from '../../../shared/time';
import { instantArb } from './arbitraries';

/** Reference: what a clock in Asia/Shanghai shows, from the ICU time zone data. */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const referenceKey = (ms: number): string => shanghai.format(new Date(ms));

// 2026-11-30 23:59:59.999 in Beijing is 2026-11-30 15:59:59.999 UTC; one ms later it is December 1st.
const LAST_MS_OF_NOVEMBER = Date.UTC(2026, 10, 30, 15, 59, 59, 999);

describe('Beijing calendar', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'reads the same day whatever the server zone (%s)',
    (tz) => {
      process.env.TZ = tz;
      expect(beijingDayOfMonth(LAST_MS_OF_NOVEMBER)).toBe(30);
      expect(beijingDayOfMonth(LAST_MS_OF_NOVEMBER + 1)).toBe(1);
      expect(beijingDateKey(LAST_MS_OF_NOVEMBER)).toBe('2026-11-30');
      expect(beijingDateKey(LAST_MS_OF_NOVEMBER + 1)).toBe('2026-12-01');
      expect(startOfBeijingDay(LAST_MS_OF_NOVEMBER)).toBe(Date.UTC(2026, 10, 29, 16));
    },
  );

  it('gives parts of the Beijing wall clock', () => {
    // 2026-01-01 00:30 UTC is 08:30 on Thursday 2026-01-01 in Beijing
    expect(beijingParts(Date.UTC(2026, 0, 1, 0, 30))).toEqual({
      year: 2026,
      month: 1,
      day: 1,
      hour: 8,
      minute: 30,
      second: 0,
      weekday: 4,
    });
  });

  it('knows the length of Beijing months, leap years included', () => {
    expect(daysInBeijingMonth(Date.UTC(2028, 1, 10))).toBe(29);
    expect(daysInBeijingMonth(Date.UTC(2026, 1, 10))).toBe(28);
    // 2026-04-30 20:00 UTC is already May 1st in Beijing
    expect(daysInBeijingMonth(Date.UTC(2026, 3, 30, 20))).toBe(31);
  });

  it('parses date keys back to the start of the day and refuses non-dates', () => {
    expect(startOfBeijingDateKey('2026-12-01')).toBe(LAST_MS_OF_NOVEMBER + 1);
    expect(startOfBeijingDateKey('2026-02-30')).toBeNull();
    expect(startOfBeijingDateKey('2026-2-3')).toBeNull();
  });

  it('lists the recent days oldest first', () => {
    expect(recentBeijingDateKeys(LAST_MS_OF_NOVEMBER + 1, 3)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(() => recentBeijingDateKeys(0, 0)).toThrow();
  });

  it('agrees with the ICU Asia/Shanghai zone on random instants, under any TZ', () => {
    process.env.TZ = 'America/New_York';
    fc.assert(
      fc.property(instantArb, (ms) => {
        const key = beijingDateKey(ms);
        const start = startOfBeijingDay(ms);
        return (
          key === referenceKey(ms) &&
          beijingDayOfMonth(ms) === Number(key.slice(8)) &&
          start <= ms &&
          ms < start + DAY_MS &&
          (start + BEIJING_OFFSET_MS) % DAY_MS === 0 &&
          startOfBeijingDateKey(key) === start
        );
      }),
      { numRuns: 300 },
    );
  });
});
