/**
 * The payments WeChat Pay would hold for the merchant, kept in `<DATA_DIR>/payments.json` by
 * `out_trade_no`: what unifiedOrder asked for, whether and when it was paid (the transaction id is fixed
 * at the first payment, so a repeated notification carries the same one), and its refunds.
 */
import { readJsonFile, writeJsonFile } from '../../durable';

/** WeChat Pay's trade states (queryOrder `trade_state`). */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export interface RefundRecord {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  /** The function named for the refund result (recorded; the local CloudBase does not call it). */
  functionName: string | null;
  createdAt: number;
}

export interface PaymentRecord {
  outTradeNo: string;
  totalFee: number;
  body: string;
  attach: string | null;
  /** The function WeChat Pay notifies (unifiedOrder `function_name`). */
  functionName: string;
  envId: string;
  subMchId: string;
  /** Who pays: the caller of the function that placed the order. */
  payerOpenid: string | null;
  prepayId: string;
  createdAt: number;
  state: TradeState;
  /** Set at the first successful payment and never changed. */
  paid: { transactionId: string; paidAt: number; timeEnd: string; nonceStr: string } | null;
  /** Replies of the notified function, oldest first. */
  notifications: Array<{ at: number; reply: unknown }>;
  refunds: RefundRecord[];
}

export class PaymentStore {
  /**
   * A Map, not an object: an out_trade_no is any 32 characters of [0-9A-Za-z_-|*], `__proto__` and
   * `constructor` included, and a client-chosen key must never reach an object's prototype.
   */
  private readonly payments: Map<string, PaymentRecord>;

  constructor(private readonly file: string) {
    const stored = readJsonFile<Record<string, PaymentRecord>>(file, {});
    // JSON.parse makes every key an own property (`__proto__` too), so entries() sees them all.
    this.payments = new Map(Object.entries(stored));
  }

  get(outTradeNo: string): PaymentRecord | undefined {
    return this.payments.get(outTradeNo);
  }

  /** Stores (or replaces) the record and writes the file. */
  save(record: PaymentRecord): void {
    this.payments.set(record.outTradeNo, record);
    // Object.fromEntries defines own properties: a `__proto__` key is written as data, not a prototype.
    writeJsonFile(this.file, Object.fromEntries(this.payments));
  }

  /**
   * The latest payment of an application order: the one whose out_trade_no is the order id, or whose
   * attach is the order id or JSON with `orderId` – how the app may tie a payment to its order without
   * the runtime knowing anything about orders.
   */
  findForOrder(orderId: string): PaymentRecord | undefined {
    return this.all()
      .filter((p) => p.outTradeNo === orderId || attachedOrderId(p.attach) === orderId)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
  }

  all(): PaymentRecord[] {
    return [...this.payments.values()];
  }
}

function attachedOrderId(attach: string | null): string | null {
  if (!attach) return null;
  try {
    const parsed = JSON.parse(attach) as { orderId?: unknown };
    if (parsed && typeof parsed === 'object' && typeof parsed.orderId === 'string') return parsed.orderId;
  } catch {
    // not JSON: the attach itself is the order id
  }
  return attach;
}
