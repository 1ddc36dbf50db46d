/** The Date a function sees: "now" moves with the runtime clock, everything else is the real Date. */
import { createClockDate } from '../../../localcloud/runner/clockDate';

describe('createClockDate', () => {
  let offset = 0;
  const ClockDate = createClockDate(Date, () => offset);

  it('shifts Date.now(), new Date() and Date() by the offset', () => {
    offset = 10 * 24 * 3600_000;
    const expected = Date.now() + offset;
    expect(Math.abs(ClockDate.now() - expected)).toBeLessThan(100);
    expect(Math.abs(new ClockDate().getTime() - expected)).toBeLessThan(100);
    expect(ClockDate()).toBe(new Date(new ClockDate().getTime()).toString());
  });

  it('leaves dates built from a value, the statics and instanceof alone', () => {
    offset = 123_456;
    expect(new ClockDate(0).getTime()).toBe(0);
    expect(new ClockDate('2030-01-01T00:00:00Z').getTime()).toBe(Date.UTC(2030, 0, 1));
    expect(new ClockDate(2030, 0, 1).getFullYear()).toBe(2030);
    expect(ClockDate.UTC(2030, 0, 1)).toBe(Date.UTC(2030, 0, 1));
    expect(ClockDate.parse('1970-01-01T00:00:01Z')).toBe(1000);
    expect(new ClockDate()).toBeInstanceOf(Date);
    expect(new Date()).toBeInstanceOf(ClockDate);
  });

  it('lets a subclass of the patched Date start at the clock’s now', () => {
    offset = 5 * 3600_000;
    class Stamp extends ClockDate {}
    const stamp = new Stamp();
    expect(stamp).toBeInstanceOf(Stamp);
    expect(Math.abs(stamp.getTime() - (Date.now() + offset))).toBeLessThan(100);
  });
});
