import { isTransactionConflict } from '../../../cloudfunctions/common/platform/tx';

describe('isTransactionConflict', () => {
  it('recognises a conflict by its code, as either SDK reports it', () => {
    expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' })).toBe(true);
    expect(
      isTransactionConflict({
        errCode: -501001,
        errMsg:
          'document.set:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.',
      }),
    ).toBe(true);
  });

  it('does not take other errors, or a message that merely mentions a conflict, for one', () => {
    expect(isTransactionConflict({ code: 'DATABASE_DUPLICATE_WRITE', message: 'TransactionConflict' })).toBe(
      false,
    );
    expect(
      isTransactionConflict({
        errCode: -501001,
        errMsg:
          'document.set:fail -501001 resource system error. [FailedOperation] E11000 duplicate key: TransactionConflict',
      }),
    ).toBe(false);
    expect(isTransactionConflict(new Error('user said TransactionConflict'))).toBe(false);
    expect(isTransactionConflict('DATABASE_TRANSACTION_CONFLICT')).toBe(false);
    expect(isTransactionConflict(null)).toBe(false);
  });
});
