import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../../shared/config';
import {
  ORDER_STATUSES,
  type OrderEvent,
  type OrderState,
  type OrderStatus,
  autoConfirmDueAt,
  canApply,
  isDueForAutoConfirm,
  isDueForSettlement,
  isReturnWindowOpen,
  isUnpaidExpired,
  nextStatus,
  orderStatusName,
  settleDueAt,
  unpaidExpiresAt,
} from '../../../shared/order-status';
import { DAY_MS, MINUTE_MS } from '../../../shared/time';

const at = (status: OrderStatus): OrderState => ({ status, statusBeforeRefund: null });
const run = (events: OrderEvent[], from: OrderState = at('unpaid')): OrderState =>
  events.reduce(nextStatus, from);

const T0 = Date.UTC(2026, 10, 1, 2, 0, 0);

describe('order status transitions', () => {
  it('walks the happy path to completed', () => {
    expect(run([{ type: 'pay' }, { type: 'ship' }, { type: 'confirmReceipt' }, { type: 'settle' }])).toEqual(
      at('completed'),
    );
    expect(run([{ type: 'pay' }, { type: 'ship' }, { type: 'autoConfirm' }])).toEqual(at('received'));
  });

  it('cancels or expires only unpaid orders', () => {
    expect(nextStatus(at('unpaid'), { type: 'cancel' })).toEqual(at('cancelled'));
    expect(nextStatus(at('unpaid'), { type: 'expire' })).toEqual(at('cancelled'));
    expect(() => nextStatus(at('paid'), { type: 'cancel' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('refuses a second payment and a payment after cancellation', () => {
    expect(() => nextStatus(at('paid'), { type: 'pay' })).toThrow(/订单待发货，不能付款/);
    expect(() => nextStatus(at('cancelled'), { type: 'pay' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it.each(['paid', 'shipped', 'received'] as const)(
    'remembers %s while refunding, returns there after a partial refund or a rejection',
    (status) => {
      const refunding = nextStatus(at(status), { type: 'requestRefund' });
      expect(refunding).toEqual({ status: 'refunding', statusBeforeRefund: status });
      expect(nextStatus(refunding, { type: 'refundApproved', full: false })).toEqual(at(status));
      expect(nextStatus(refunding, { type: 'refundRejected' })).toEqual(at(status));
      expect(nextStatus(refunding, { type: 'refundApproved', full: true })).toEqual(at('refunded'));
    },
  );

  it('allows one open refund at a time, and no shipping or settling while it is open', () => {
    const refunding = run([{ type: 'pay' }, { type: 'requestRefund' }]);
    for (const event of [{ type: 'requestRefund' }, { type: 'ship' }, { type: 'settle' }] as OrderEvent[]) {
      expect(() => nextStatus(refunding, event)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    }
    // a refunding state that lost its memory is refused rather than guessed
    expect(() => nextStatus(at('refunding'), { type: 'refundRejected' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('lets only the merchant refund a completed order (clawback)', () => {
    expect(() => nextStatus(at('completed'), { type: 'requestRefund' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(nextStatus(at('completed'), { type: 'merchantRefund', full: false })).toEqual(at('completed'));
    expect(nextStatus(at('completed'), { type: 'merchantRefund', full: true })).toEqual(at('refunded'));
    expect(() => nextStatus(at('received'), { type: 'merchantRefund', full: true })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('keeps cancelled and refunded final', () => {
    const events: OrderEvent[] = [
      { type: 'pay' },
      { type: 'ship' },
      { type: 'confirmReceipt' },
      { type: 'autoConfirm' },
      { type: 'settle' },
      { type: 'cancel' },
      { type: 'expire' },
      { type: 'requestRefund' },
      { type: 'refundApproved', full: true },
      { type: 'refundRejected' },
      { type: 'merchantRefund', full: true },
    ];
    for (const status of ['cancelled', 'refunded'] as const) {
      expect(events.filter((event) => canApply(at(status), event))).toEqual([]);
    }
    expect(canApply(at('unpaid'), { type: 'pay' })).toBe(true);
  });

  it('names every status in Chinese', () => {
    expect(ORDER_STATUSES.map(orderStatusName)).toEqual([
      '待付款',
      '待发货',
      '待收货',
      '已收货',
      '已完成',
      '已取消',
      '退款中',
      '已退款',
    ]);
  });

  it('only ever reaches known statuses and keeps statusBeforeRefund exactly while refunding (property)', () => {
    const eventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
      fc.constantFrom<OrderEvent>(
        { type: 'pay' },
        { type: 'ship' },
        { type: 'confirmReceipt' },
        { type: 'autoConfirm' },
        { type: 'settle' },
        { type: 'cancel' },
        { type: 'expire' },
        { type: 'requestRefund' },
        { type: 'refundRejected' },
      ),
      fc.boolean().map((full): OrderEvent => ({ type: 'refundApproved', full })),
      fc.boolean().map((full): OrderEvent => ({ type: 'merchantRefund', full })),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), (events) => {
        let state = at('unpaid');
        for (const event of events) {
          if (!canApply(state, event)) continue;
          state = nextStatus(state, event);
          const consistent = (state.status === 'refunding') === (state.statusBeforeRefund !== null);
          if (!consistent || !ORDER_STATUSES.includes(state.status)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('due times', () => {
  const config = DEFAULT_CONFIG; // 30 minutes unpaid, auto-confirm after 7 days, return window 7 days

  it('computes due times from the config', () => {
    expect(unpaidExpiresAt(T0, config)).toBe(T0 + 30 * MINUTE_MS);
    expect(autoConfirmDueAt(T0, config)).toBe(T0 + 7 * DAY_MS);
    expect(settleDueAt(T0, config)).toBe(T0 + 7 * DAY_MS);
    expect(() => unpaidExpiresAt(Number.NaN, config)).toThrow();
  });

  it('expires unpaid orders after the timeout', () => {
    const order = { status: 'unpaid' as const, createdAt: T0 };
    expect(isUnpaidExpired(order, T0 + 30 * MINUTE_MS - 1, config)).toBe(false);
    expect(isUnpaidExpired(order, T0 + 30 * MINUTE_MS, config)).toBe(true);
    expect(isUnpaidExpired({ ...order, status: 'paid' }, T0 + DAY_MS, config)).toBe(false);
  });

  it('auto-confirms shipped orders after autoConfirmDays', () => {
    const order = { status: 'shipped' as const, createdAt: T0, shippedAt: T0 + DAY_MS };
    expect(isDueForAutoConfirm(order, T0 + 8 * DAY_MS - 1, config)).toBe(false);
    expect(isDueForAutoConfirm(order, T0 + 8 * DAY_MS, config)).toBe(true);
    expect(isDueForAutoConfirm({ ...order, shippedAt: null }, T0 + 99 * DAY_MS, config)).toBe(false);
  });

  it('settles received orders once the return window has passed, never with an open refund', () => {
    const order = { status: 'received' as const, createdAt: T0, receivedAt: T0 + 2 * DAY_MS };
    const due = T0 + 9 * DAY_MS;
    expect(isDueForSettlement(order, due - 1, config)).toBe(false);
    expect(isDueForSettlement(order, due, config)).toBe(true);
    expect(isDueForSettlement({ ...order, status: 'refunding' }, due + DAY_MS, config)).toBe(false);
    expect(isDueForSettlement({ ...order, status: 'completed' }, due + DAY_MS, config)).toBe(false);
    // with no return window, receipt settles at once
    const noWindow = { ...config, order: { ...config.order, returnWindowDays: 0 } };
    expect(isDueForSettlement(order, T0 + 2 * DAY_MS, noWindow)).toBe(true);
  });

  it('keeps the return window open before receipt and until settlement is due', () => {
    const received = { status: 'received' as const, createdAt: T0, receivedAt: T0 };
    expect(isReturnWindowOpen({ status: 'shipped', createdAt: T0 }, T0 + 99 * DAY_MS, config)).toBe(true);
    expect(isReturnWindowOpen(received, T0 + 7 * DAY_MS - 1, config)).toBe(true);
    expect(isReturnWindowOpen(received, T0 + 7 * DAY_MS, config)).toBe(false);
    expect(isReturnWindowOpen({ status: 'completed', createdAt: T0 }, T0, config)).toBe(false);
  });
});
