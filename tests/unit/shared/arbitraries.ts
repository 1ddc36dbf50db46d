/** fast-check arbitraries shared by the tests of shared/. */
import fc from 'fast-check';
import type { ChainMember } from '../../../shared/commission';
import { DISTRIBUTOR_STATUSES } from '../../../shared/distributor';

/** A rate string with 1–4 decimals, at most maxTenThousandths / 10000, e.g. "0.1", "0.0125". */
export function rateArb(maxTenThousandths = 9999): fc.Arbitrary<string> {
  return (
    fc
      .tuple(fc.integer({ min: 0, max: maxTenThousandths }), fc.integer({ min: 1, max: 4 }))
      // cutting decimals off only lowers the value
      .map(([n, decimals]) => `0.${String(n).padStart(4, '0').slice(0, decimals)}`)
  );
}

/** Three rates summing to less than 1 (each ≤ 0.3333). */
export const ratesArb: fc.Arbitrary<string[]> = fc.array(rateArb(3333), { minLength: 3, maxLength: 3 });

/** Instants from 1992 (China last observed daylight saving time in 1991) to 2100. */
export const instantArb: fc.Arbitrary<number> = fc.integer({
  min: Date.UTC(1992, 0, 1),
  max: Date.UTC(2100, 0, 1),
});

export const userIdArb: fc.Arbitrary<string> = fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'buyer');

export const memberArb: fc.Arbitrary<ChainMember> = fc.record({
  userId: userIdArb,
  distributorStatus: fc.constantFrom(...DISTRIBUTOR_STATUSES),
  gradeId: fc.constantFrom('base', 'gold', 'gone'),
});
