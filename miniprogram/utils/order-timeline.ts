/** An order's moments that happened, in order – the buyer's and the merchant's order pages alike. */
import { formatTime } from './time';

export interface OrderMoments {
  createdAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  receivedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  refundedAt: number | null;
}

export function orderTimeline(o: OrderMoments): { title: string; time: string }[] {
  const steps: [string, number | null][] = [
    ['下单', o.createdAt],
    ['付款', o.paidAt],
    ['发货', o.shippedAt],
    ['收货', o.receivedAt],
    ['完成', o.completedAt],
    ['取消', o.cancelledAt],
    ['退款完成', o.refundedAt],
  ];
  return steps
    .filter((step): step is [string, number] => typeof step[1] === 'number')
    .sort((a, b) => a[1] - b[1])
    .map(([title, at]) => ({ title, time: formatTime(at) }));
}
