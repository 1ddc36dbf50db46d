/**
 * Paying an order, from checkout or from the order's own page: `order.pay` answers WeChat Pay's
 * parameters for `wx.requestPayment`. In local mode there is no WeChat Pay: the page shows the labelled
 * 模拟支付 sheet (templates/simulate-pay.wxml) and confirms it with `confirmSimulatedPayment`.
 */
import { isLocalMode, simulatePay } from '../services/dev/index';
import { payOrder } from '../services/order/index';
import { messageOf } from './errors';

export type PayStart = 'paid' | 'simulate';

/** Asks for the payment and, in WeChat, pays it; 'simulate' when the page must show the local sheet. */
export async function startPayment(orderId: string): Promise<PayStart> {
  const { payment } = await payOrder(orderId);
  if (isLocalMode()) return 'simulate';
  await wx.requestPayment(payment as unknown as WechatMiniprogram.RequestPaymentOption);
  return 'paid';
}

export function confirmSimulatedPayment(orderId: string): Promise<void> {
  return simulatePay(orderId);
}

/** What to tell the buyer when paying did not finish: a cancelled sheet is not an error. */
export function paymentProblem(e: unknown): string {
  const cancelled = (e as { errMsg?: string } | null)?.errMsg?.includes('cancel');
  return cancelled ? '支付已取消，可在订单中继续支付' : messageOf(e, '支付失败');
}
