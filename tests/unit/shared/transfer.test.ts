import { TRANSFER_STATES, outBillNoOf, transferOutcome, withdrawalIdOf } from '../../../shared/transfer';
import { nextWithdrawalStatus } from '../../../shared/withdrawal';

describe('WeChat merchant transfer states', () => {
  it('maps every state to what it means for the withdrawal', () => {
    expect(Object.fromEntries(TRANSFER_STATES.map((s) => [s, transferOutcome(s)]))).toEqual({
      ACCEPTED: 'in_progress',
      PROCESSING: 'in_progress',
      WAIT_USER_CONFIRM: 'waiting_user',
      TRANSFERING: 'in_progress',
      SUCCESS: 'paid',
      FAIL: 'returned',
      CANCELING: 'in_progress',
      CANCELLED: 'returned',
    });
  });

  it('uses the withdrawal id as out_bill_no, and refuses ids WeChat Pay would not take', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(outBillNoOf(id)).toBe(id);
    expect(withdrawalIdOf(id)).toBe(id);
    expect(() => outBillNoOf('w-1')).toThrow();
    expect(() => outBillNoOf('a'.repeat(33))).toThrow();
    expect(withdrawalIdOf('../x')).toBeNull();
  });

  it('a failed payout is possible only from approved, and final', () => {
    expect(nextWithdrawalStatus('approved', 'payoutFailed')).toBe('failed');
    expect(() => nextWithdrawalStatus('pending', 'payoutFailed')).toThrow();
    expect(() => nextWithdrawalStatus('failed', 'markPaid')).toThrow();
    expect(() => nextWithdrawalStatus('paid', 'payoutFailed')).toThrow();
  });
});
