/**
 * The dev clock inside a function: a stand-in for the global `Date` whose "now" is real time plus an
 * offset, so that `Date.now()`, `new Date()` and `Date()` in a function (and in the SDK it calls) see
 * the runtime's simulated time. Everything else – `new Date(x)`, `Date.UTC`, `Date.parse`, the prototype,
 * `instanceof Date` – is the real Date, untouched.
 */
export function createClockDate(RealDate: DateConstructor, offsetMs: () => number): DateConstructor {
  const now = (): number => RealDate.now() + offsetMs();
  return new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget) {
      // `new Date()` only: a Date built from a value is the value, whatever the clock says.
      const effective = args.length === 0 ? [now()] : args;
      return Reflect.construct(target, effective, newTarget) as object;
    },
    apply() {
      // `Date()` called without `new` returns the current time as a string.
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
