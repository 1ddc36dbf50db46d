import {
  REFUND_STATUSES,
  type RefundEvent,
  nextRefundStatus,
  refundStatusName,
} from '../../../shared/refund-status';

describe('refund status machine', () => {
  it('moves requested → approved → refunded, or requested → rejected', () => {
    expect(nextRefundStatus('requested', 'approve')).toBe('approved');
    expect(nextRefundStatus('approved', 'complete')).toBe('refunded');
    expect(nextRefundStatus('requested', 'reject')).toBe('rejected');
  });

  it('refuses every other transition with CONFLICT, in words', () => {
    const allowed = new Set(['requested:approve', 'requested:reject', 'approved:complete']);
    for (const status of REFUND_STATUSES) {
      for (const event of ['approve', 'reject', 'complete'] as RefundEvent[]) {
        if (allowed.has(`${status}:${event}`)) continue;
        expect(() => nextRefundStatus(status, event)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
      }
    }
    expect(() => nextRefundStatus('approved', 'reject')).toThrow('退款已同意，正在处理中');
    expect(() => nextRefundStatus('refunded', 'approve')).toThrow('退款已退款，不能同意');
    expect(refundStatusName('approved')).toBe('退款中');
  });
});
