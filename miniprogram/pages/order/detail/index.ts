import {
  cancelOrder,
  confirmReceipt,
  getOrder,
  requestRefund,
  type OrderDetail,
} from '../../../services/order/index';
import { formatYuan, parseYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { confirmSimulatedPayment, paymentProblem, startPayment } from '../../../utils/payment';
import { orderTimeline } from '../../../utils/order-timeline';
import { formatTime } from '../../../utils/time';

type Refund = NonNullable<OrderDetail['openRefund']>;

const REFUND_STATUS: Record<Refund['status'], string> = {
  requested: '等待商家处理',
  approved: '已同意，退款中',
  rejected: '已拒绝',
  refunded: '已退款',
};

Component({
  data: {
    orderId: '',
    loading: true,
    error: '',
    order: null as OrderDetail | null,
    timeline: [] as { title: string; time: string }[],
    lines: [] as { lineId: string; title: string; quantity: number; paid: string }[],
    payable: '',
    refunded: '',
    refund: null as (Refund & { amount: string; statusName: string }) | null,
    canRefund: false,
    refunding: false,
    reason: '',
    amount: '',
    busy: false,
    /** An unpaid order: pay it here (a cancelled payment sheet or a later return lands on this page). */
    payDeadline: '',
    simulating: false,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      this.setData({ orderId: query.orderId ?? '' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: !this.data.order, error: '' });
      try {
        const order = await getOrder(this.data.orderId);
        const refund = order.openRefund;
        this.setData({
          loading: false,
          order,
          timeline: orderTimeline(order),
          lines: order.items.map((i) => ({
            lineId: i.lineId,
            title: i.title,
            quantity: i.quantity,
            paid: formatYuan(i.paidFen),
          })),
          payable: formatYuan(order.payableFen),
          refunded: order.refundedFen > 0 ? formatYuan(order.refundedFen) : '',
          refund: refund && {
            ...refund,
            amount: formatYuan(refund.amountFen),
            statusName: REFUND_STATUS[refund.status],
          },
          payDeadline: order.status === 'unpaid' ? formatTime(order.expiresAt) : '',
          canRefund:
            ['paid', 'shipped', 'received'].includes(order.status) && order.refundedFen < order.payableFen,
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    async act(run: () => Promise<unknown>, done: string) {
      this.setData({ busy: true, error: '' });
      try {
        await run();
        this.setData({ busy: false });
        wx.showToast({ title: done, icon: 'success' });
        await this.load();
      } catch (e) {
        this.setData({ busy: false, error: messageOf(e) });
      }
    },
    async onPay() {
      this.setData({ busy: true, error: '' });
      try {
        if ((await startPayment(this.data.orderId)) === 'simulate') {
          this.setData({ busy: false, simulating: true });
          return;
        }
        await this.paid();
      } catch (e) {
        this.setData({ busy: false, error: paymentProblem(e) });
      }
    },
    async onSimulateConfirm() {
      this.setData({ busy: true });
      try {
        await confirmSimulatedPayment(this.data.orderId);
        this.setData({ simulating: false });
        await this.paid();
      } catch (e) {
        this.setData({ busy: false, simulating: false, error: messageOf(e) });
      }
    },
    onSimulateClose(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!e.detail.visible) this.setData({ simulating: false });
    },
    async paid() {
      this.setData({ busy: false });
      wx.showToast({ title: '支付成功', icon: 'success' });
      await this.load();
    },
    onCancel() {
      this.act(() => cancelOrder(this.data.orderId), '已取消');
    },
    onConfirm() {
      this.act(() => confirmReceipt(this.data.orderId), '已确认收货');
    },
    onOpenRefund() {
      this.setData({ refunding: true, error: '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },
    onAmount(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ amount: e.detail.value });
    },
    onSubmitRefund() {
      const reason = this.data.reason.trim();
      if (!reason) {
        this.setData({ error: '请填写退款原因' });
        return;
      }
      let amountFen: number | undefined;
      if (this.data.amount.trim()) {
        try {
          amountFen = parseYuan(this.data.amount);
        } catch (e) {
          this.setData({ error: messageOf(e) });
          return;
        }
      }
      this.act(async () => {
        await requestRefund({
          orderId: this.data.orderId,
          reason,
          ...(amountFen !== undefined ? { amountFen } : {}),
        });
        this.setData({ refunding: false, reason: '', amount: '' });
      }, '已提交');
    },
  },
});
