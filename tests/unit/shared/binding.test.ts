import fc from 'fast-check';
import {
  BINDING_REASON_TEXT,
  type BindingInput,
  bindingExpiresAt,
  decideBinding,
  isBindingLive,
} from '../../../shared/binding';
import { DAY_MS } from '../../../shared/time';

const NOW = Date.UTC(2026, 10, 27, 4, 0, 0);
const first = { binding: { mode: 'first' as const, validDays: 0 } };
const latest = { binding: { mode: 'latest' as const, validDays: 0 } };
const thirtyDays = { binding: { mode: 'first' as const, validDays: 30 } };

const input = (changes: Partial<BindingInput> = {}): BindingInput => ({
  userId: 'u',
  inviter: { userId: 'A', distributorStatus: 'active' },
  current: null,
  inviterAncestors: ['B', 'C'],
  config: first,
  now: NOW,
  ...changes,
});

describe('decideBinding', () => {
  it('binds a user without a binding to an active inviter', () => {
    expect(decideBinding(input())).toEqual({ action: 'bind', reason: 'first_binding' });
  });

  it('keeps when there is no inviter, the inviter is the user, or the inviter is not active', () => {
    expect(decideBinding(input({ inviter: null })).reason).toBe('no_inviter');
    expect(decideBinding(input({ inviter: { userId: 'u', distributorStatus: 'active' } }))).toEqual({
      action: 'keep',
      reason: 'self',
    });
    for (const status of ['none', 'pending', 'disabled'] as const) {
      expect(decideBinding(input({ inviter: { userId: 'A', distributorStatus: status } }))).toEqual({
        action: 'keep',
        reason: 'inviter_not_active',
      });
    }
  });

  it('refuses a cycle anywhere in the inviter’s chain, not only two hops up', () => {
    // u → … : A's chain is B, C, D, E, u – binding u under A would close a loop of six
    expect(decideBinding(input({ inviterAncestors: ['B', 'C', 'D', 'E', 'u'] }))).toEqual({
      action: 'keep',
      reason: 'cycle',
    });
    expect(decideBinding(input({ inviterAncestors: ['u'] })).reason).toBe('cycle');
  });

  it('first: keeps the existing live binding', () => {
    const current = { inviterId: 'X', boundAt: NOW - 400 * DAY_MS };
    expect(decideBinding(input({ current }))).toEqual({ action: 'keep', reason: 'first_wins' });
    expect(decideBinding(input({ current: { inviterId: 'A', boundAt: NOW - DAY_MS } })).reason).toBe(
      'same_inviter',
    );
  });

  it('latest: a newer inviter rebinds', () => {
    const current = { inviterId: 'X', boundAt: NOW - DAY_MS };
    expect(decideBinding(input({ current, config: latest }))).toEqual({
      action: 'rebind',
      reason: 'latest_wins',
    });
    // the same inviter again changes nothing
    expect(decideBinding(input({ current: { inviterId: 'A', boundAt: NOW }, config: latest })).action).toBe(
      'keep',
    );
  });

  it('validDays: a binding expires after N days, then any link binds again', () => {
    const boundAt = NOW - 30 * DAY_MS;
    // bound exactly 30 days ago: expired at this instant
    expect(decideBinding(input({ current: { inviterId: 'X', boundAt }, config: thirtyDays }))).toEqual({
      action: 'rebind',
      reason: 'expired',
    });
    // one ms earlier it still holds
    expect(
      decideBinding(input({ current: { inviterId: 'X', boundAt: boundAt + 1 }, config: thirtyDays })).reason,
    ).toBe('first_wins');
    // the same inviter's link renews an expired binding
    expect(decideBinding(input({ current: { inviterId: 'A', boundAt }, config: thirtyDays })).action).toBe(
      'rebind',
    );
  });

  it('computes when a binding expires', () => {
    expect(bindingExpiresAt(NOW, first)).toBeNull();
    expect(bindingExpiresAt(NOW, thirtyDays)).toBe(NOW + 30 * DAY_MS);
    expect(isBindingLive({ inviterId: 'A', boundAt: 0 }, NOW, first)).toBe(true);
  });

  it('explains every reason in Chinese', () => {
    expect(BINDING_REASON_TEXT.cycle).toMatch(/下级/);
  });

  it('never binds a user to itself or into a cycle, and binds only to active inviters (property)', () => {
    const ids = fc.constantFrom('u', 'A', 'B', 'C', 'D');
    const arb = fc.record({
      userId: ids,
      inviter: fc.option(
        fc.record({
          userId: ids,
          distributorStatus: fc.constantFrom('none', 'pending', 'active', 'disabled' as const),
        }),
        { nil: null },
      ),
      current: fc.option(
        fc.record({ inviterId: ids, boundAt: fc.integer({ min: NOW - 400 * DAY_MS, max: NOW }) }),
        {
          nil: null,
        },
      ),
      inviterAncestors: fc.array(ids, { maxLength: 6 }),
      config: fc.record({
        binding: fc.record({
          mode: fc.constantFrom('first', 'latest' as const),
          validDays: fc.integer({ min: 0, max: 60 }),
        }),
      }),
      now: fc.constant(NOW),
    });
    fc.assert(
      fc.property(arb, (i) => {
        const decision = decideBinding(i);
        if (decision.action === 'keep') return true;
        return (
          i.inviter !== null &&
          i.inviter.userId !== i.userId &&
          i.inviter.distributorStatus === 'active' &&
          !i.inviterAncestors.includes(i.userId) &&
          (decision.action === 'bind') === (i.current === null)
        );
      }),
      { numRuns: 300 },
    );
  });
});
