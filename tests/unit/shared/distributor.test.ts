import { nextDistributorStatus } from '../../../shared/distributor';

describe('distributor status', () => {
  it('applying depends on the merchant’s distributor mode', () => {
    expect(nextDistributorStatus('none', { type: 'apply', mode: 'open' })).toBe('active');
    expect(nextDistributorStatus('none', { type: 'apply', mode: 'apply' })).toBe('pending');
    expect(() => nextDistributorStatus('none', { type: 'apply', mode: 'appointed' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses applying twice, or while disabled', () => {
    expect(() => nextDistributorStatus('pending', { type: 'apply', mode: 'apply' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => nextDistributorStatus('active', { type: 'apply', mode: 'open' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => nextDistributorStatus('disabled', { type: 'apply', mode: 'open' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('lets an admin approve or reject a pending application only', () => {
    expect(nextDistributorStatus('pending', { type: 'approve' })).toBe('active');
    expect(nextDistributorStatus('pending', { type: 'reject' })).toBe('none');
    expect(() => nextDistributorStatus('active', { type: 'approve' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('lets an admin appoint, disable and re-enable', () => {
    expect(nextDistributorStatus('none', { type: 'appoint' })).toBe('active');
    expect(nextDistributorStatus('disabled', { type: 'appoint' })).toBe('active');
    expect(nextDistributorStatus('active', { type: 'disable' })).toBe('disabled');
    expect(() => nextDistributorStatus('none', { type: 'disable' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});
