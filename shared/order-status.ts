/**
 * The order's status and every transition in one place (after crmeb_java's brokerage record, done
 * cleaner), plus the due times the timer function acts on.
 *
 *   unpaid ──pay──▶ paid ──ship──▶ shipped ──confirmReceipt | autoConfirm──▶ received ──settle──▶ completed
 *   unpaid ──cancel | expire──▶ cancelled
 *   paid | shipped | received ──requestRefund──▶ refunding
 *   refunding ──refundApproved(full)──▶ refunded
 *   refunding ──refundApproved(partial) | refundRejected──▶ the status before the refund
 *   completed ──merchantRefund(full)──▶ refunded;  completed ──merchantRefund(partial)──▶ completed
 *
 * `refunding` has to remember where to return: the order carries `statusBeforeRefund` explicitly while a
 * refund is open (null otherwise). One refund request is open at a time. A refund after settlement is
 * only the merchant's (`merchantRefund`): its commission is clawed back from the distributors' balances.
 * `cancelled` and `refunded` are final; a payment that arrives for a cancelled order is refused here
 * (CONFLICT) and must be refunded by the caller.
 */
import type { MerchantConfig } from './config';
import { AppError } from './errors';
import { DAY_MS, MINUTE_MS, assertInstant } from './time';

export const ORDER_STATUSES = [
  'unpaid',
  'paid',
  'shipped',
  'received',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The statuses from which a buyer may ask for a refund, and to which a refund may return. */
export type RefundableStatus = 'paid' | 'shipped' | 'received';

export interface OrderState {
  status: OrderStatus;
  /** Set while `status` is `refunding`: where a partial refund or a rejection returns to. */
  statusBeforeRefund: RefundableStatus | null;
}

export type OrderEvent =
  | { type: 'pay' }
  | { type: 'ship' }
  | { type: 'confirmReceipt' }
  | { type: 'autoConfirm' }
  | { type: 'settle' }
  | { type: 'cancel' }
  /** the unpaid timeout passed (timer) */
  | { type: 'expire' }
  | { type: 'requestRefund' }
  /** `full`: nothing refundable is left on the order after this refund */
  | { type: 'refundApproved'; full: boolean }
  | { type: 'refundRejected' }
  /** a refund the merchant starts on a completed (settled) order: commission is clawed back */
  | { type: 'merchantRefund'; full: boolean };

export type OrderEventType = OrderEvent['type'];

const STATUS_NAMES: Record<OrderStatus, string> = {
  unpaid: '待付款',
  paid: '待发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

export function orderStatusName(status: OrderStatus): string {
  return STATUS_NAMES[status];
}

const EVENT_NAMES: Record<OrderEventType, string> = {
  pay: '付款',
  ship: '发货',
  confirmReceipt: '确认收货',
  autoConfirm: '自动确认收货',
  settle: '结算',
  cancel: '取消',
  expire: '超时关闭',
  requestRefund: '申请退款',
  refundApproved: '同意退款',
  refundRejected: '拒绝退款',
  merchantRefund: '商家退款',
};

const stateOf = (status: OrderStatus): OrderState => ({ status, statusBeforeRefund: null });

function refuse(state: OrderState, event: OrderEvent): never {
  throw new AppError('CONFLICT', `订单${STATUS_NAMES[state.status]}，不能${EVENT_NAMES[event.type]}`);
}

/** The state after `event`, or CONFLICT when the current status does not allow it. */
export function nextStatus(state: OrderState, event: OrderEvent): OrderState {
  const { status } = state;
  switch (event.type) {
    case 'pay':
      return status === 'unpaid' ? stateOf('paid') : refuse(state, event);
    case 'cancel':
    case 'expire':
      return status === 'unpaid' ? stateOf('cancelled') : refuse(state, event);
    case 'ship':
      return status === 'paid' ? stateOf('shipped') : refuse(state, event);
    case 'confirmReceipt':
    case 'autoConfirm':
      return status === 'shipped' ? stateOf('received') : refuse(state, event);
    case 'settle':
      return status === 'received' ? stateOf('completed') : refuse(state, event);
    case 'requestRefund':
      return status === 'paid' || status === 'shipped' || status === 'received'
        ? { status: 'refunding', statusBeforeRefund: status }
        : refuse(state, event);
    case 'refundApproved':
    case 'refundRejected': {
      if (status !== 'refunding' || state.statusBeforeRefund === null) return refuse(state, event);
      if (event.type === 'refundApproved' && event.full) return stateOf('refunded');
      return stateOf(state.statusBeforeRefund);
    }
    case 'merchantRefund':
      if (status !== 'completed') return refuse(state, event);
      return stateOf(event.full ? 'refunded' : 'completed');
  }
}

/** Whether the event is allowed now (for showing or hiding a button). */
export function canApply(state: OrderState, event: OrderEvent): boolean {
  try {
    nextStatus(state, event);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Due times. Day counts are 24-hour periods from the instant, not calendar days.

export type OrderTimes = Pick<MerchantConfig, 'order'>;

export function unpaidExpiresAt(createdAt: number, config: OrderTimes): number {
  assertInstant(createdAt, '下单时间');
  return createdAt + config.order.unpaidTimeoutMinutes * MINUTE_MS;
}

export function autoConfirmDueAt(shippedAt: number, config: OrderTimes): number {
  assertInstant(shippedAt, '发货时间');
  return shippedAt + config.order.autoConfirmDays * DAY_MS;
}

/** When the return window closes and the order's commission may settle. */
export function settleDueAt(receivedAt: number, config: OrderTimes): number {
  assertInstant(receivedAt, '收货时间');
  return receivedAt + config.order.returnWindowDays * DAY_MS;
}

export interface OrderTimeline {
  status: OrderStatus;
  createdAt: number;
  shippedAt?: number | null;
  receivedAt?: number | null;
}

/** The unpaid timeout has passed: the timer closes the order (`expire`). */
export function isUnpaidExpired(order: OrderTimeline, now: number, config: OrderTimes): boolean {
  return order.status === 'unpaid' && now >= unpaidExpiresAt(order.createdAt, config);
}

/** Shipped long enough: the timer confirms receipt for the buyer (`autoConfirm`). */
export function isDueForAutoConfirm(order: OrderTimeline, now: number, config: OrderTimes): boolean {
  return (
    order.status === 'shipped' &&
    typeof order.shippedAt === 'number' &&
    now >= autoConfirmDueAt(order.shippedAt, config)
  );
}

/**
 * Received and the return window has passed with no open refund: the commission settles. An open refund
 * means status `refunding`, so requiring `received` excludes it; after a rejected or partial refund the
 * order is `received` again and settles as soon as it is due.
 */
export function isDueForSettlement(order: OrderTimeline, now: number, config: OrderTimes): boolean {
  return (
    order.status === 'received' &&
    typeof order.receivedAt === 'number' &&
    now >= settleDueAt(order.receivedAt, config)
  );
}

/** The buyer may still ask for a refund: before receipt, or after it while the return window is open. */
export function isReturnWindowOpen(order: OrderTimeline, now: number, config: OrderTimes): boolean {
  if (order.status === 'paid' || order.status === 'shipped') return true;
  return (
    order.status === 'received' &&
    typeof order.receivedAt === 'number' &&
    now < settleDueAt(order.receivedAt, config)
  );
}
