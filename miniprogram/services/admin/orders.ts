/** 订单管理：admin 云函数的 listOrders / getOrder / ship / resolveRefund / refundOrder */
import type { orderActions as OrderActions } from '../../../cloudfunctions/admin/orders';
import type { InputOf, ItemOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof OrderActions;
export type AdminOrderListInput = InputOf<Actions['listOrders']>;
export type AdminOrderPage = ResultOf<Actions['listOrders']>;
export type AdminOrderSummary = ItemOf<Actions['listOrders']>;
export type AdminOrder = ResultOf<Actions['getOrder']>;

/** 订单列表：按状态或待处理退款；按订单号、收货人手机号或姓名搜索；分页 */
export function listAdminOrders(input: AdminOrderListInput = {}): Promise<AdminOrderPage> {
  return callFunction('admin', 'listOrders', input);
}

/** 订单详情：商品、金额、收货、时间线、佣金与退款记录 */
export function getAdminOrder(orderId: string): Promise<AdminOrder> {
  return callFunction('admin', 'getOrder', { orderId });
}

/** 发货：物流公司与单号 */
export function shipOrder(input: InputOf<Actions['ship']>): Promise<ResultOf<Actions['ship']>> {
  return callFunction('admin', 'ship', input);
}

/** 处理退款申请：同意即退款；拒绝须写原因 */
export function resolveRefund(
  input: InputOf<Actions['resolveRefund']>,
): Promise<ResultOf<Actions['resolveRefund']>> {
  return callFunction('admin', 'resolveRefund', input);
}

/** 商家主动退款（不填金额则退全部可退） */
export function refundOrder(
  input: InputOf<Actions['refundOrder']>,
): Promise<ResultOf<Actions['refundOrder']>> {
  return callFunction('admin', 'refundOrder', input);
}
