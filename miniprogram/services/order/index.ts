/** 订单：order 云函数 */
import type { create as Create } from '../../../cloudfunctions/order/create';
import type {
  cancel as Cancel,
  confirmReceipt as ConfirmReceipt,
} from '../../../cloudfunctions/order/lifecycle';
import type { pay as Pay } from '../../../cloudfunctions/order/pay';
import type { get as Get, list as List } from '../../../cloudfunctions/order/read';
import type { requestRefund as RequestRefund } from '../../../cloudfunctions/order/refund';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

export type CreateOrderInput = InputOf<typeof Create>;
export type CreatedOrder = ResultOf<typeof Create>;
export type PayResult = ResultOf<typeof Pay>;
export type OrderDetail = ResultOf<typeof Get>;
export type OrderPage = ResultOf<typeof List>;
export type OrderSummary = ItemOf<typeof List>;
export type OrderListInput = InputOf<typeof List>;
export type RefundInput = InputOf<typeof RequestRefund>;

/** 下单：服务器计算应付金额 */
export function createOrder(input: CreateOrderInput): Promise<CreatedOrder> {
  return callFunction('order', 'create', input);
}

/** 发起支付：返回 wx.requestPayment 的参数 */
export function payOrder(orderId: string): Promise<PayResult> {
  return callFunction('order', 'pay', { orderId } satisfies InputOf<typeof Pay>);
}

/** 订单详情 */
export function getOrder(orderId: string): Promise<OrderDetail> {
  return callFunction('order', 'get', { orderId } satisfies InputOf<typeof Get>);
}

/** 我的订单（按状态分页） */
export function listOrders(input: OrderListInput = {}): Promise<OrderPage> {
  return callFunction('order', 'list', input);
}

/** 取消未付款订单 */
export function cancelOrder(orderId: string): Promise<ResultOf<typeof Cancel>> {
  return callFunction('order', 'cancel', { orderId } satisfies InputOf<typeof Cancel>);
}

/** 确认收货 */
export function confirmReceipt(orderId: string): Promise<ResultOf<typeof ConfirmReceipt>> {
  return callFunction('order', 'confirmReceipt', { orderId } satisfies InputOf<typeof ConfirmReceipt>);
}

/** 申请退款（不填金额即退全部可退金额） */
export function requestRefund(input: RefundInput): Promise<ResultOf<typeof RequestRefund>> {
  return callFunction('order', 'requestRefund', input);
}
