/**
 * 订单详情 (merchant): lines and amounts, the receiver, the timeline, the order's commissions and
 * refunds; ship with carrier and tracking number, decide a refund request (reject with a reason), or
 * refund on the merchant's own initiative. Money steps ask for confirmation; the server's VALIDATION
 * fields show beside the field they concern.
 */
import {
  type AdminOrder,
  getAdminOrder,
  refundOrder,
  resolveRefund,
  shipOrder,
} from '../../../services/admin/orders';
import type { ServiceError } from '../../../services/request';
import { formatRatePercent, formatYuan, parseYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { orderTimeline } from '../../../utils/order-timeline';
import { formatTime } from '../../../utils/time';

const LEVELS = ['', '一级', '二级', '三级'];
const COMMISSION_STATUS: Record<string, string> = {
  pending: '待结算',
  settled: '已结算',
  reversed: '已退回',
};
const REFUNDABLE = ['paid', 'shipped', 'received', 'completed'];

/** A person in words: nickname and invite code when known, else the bare id (the user is gone). */
function personOf(person: AdminOrder['buyer'], userId: string): string {
  if (!person) return `用户 ${userId}`;
  const name = person.nickname || '未设置昵称';
  return person.inviteCode ? `${name}（邀请码 ${person.inviteCode}）` : name;
}
type Errors = Record<string, string>;

function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({ title, content, success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );
}

Component({
  data: {
    orderId: '',
    loading: true,
    loadError: '',
    busy: false,
    error: '',
    errors: {} as Errors,
    order: null as AdminOrder | null,
    view: {
      payable: '',
      goods: '',
      discount: '',
      shipping: '',
      refunded: '',
      refundable: '',
      commission: '',
      settleAt: '',
    },
    lines: [] as { lineId: string; title: string; quantity: number; paid: string }[],
    timeline: [] as { title: string; time: string }[],
    commissions: [] as {
      commissionId: string;
      level: string;
      amount: string;
      basis: string;
      status: string;
    }[],
    refunds: [] as {
      refundId: string;
      amount: string;
      reason: string;
      status: string;
      who: string;
      time: string;
      rejectReason: string | null;
      lastError: string | null;
    }[],
    openRefund: null as { status: string; amount: string; reason: string; lastError: string | null } | null,
    canShip: false,
    canRefund: false,
    carrier: '',
    trackingNo: '',
    refunding: false,
    refundAmount: '',
    refundReason: '',
    rejecting: false,
    rejectReason: '',
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ orderId: query.orderId ?? '' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: !this.data.order, loadError: '' });
      try {
        this.show(await getAdminOrder(this.data.orderId));
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    show(o: AdminOrder) {
      const open = o.refunds.find((r) => r.refundId === o.openRefundId) ?? null;
      const refundableFen = o.payableFen - o.refundedFen;
      this.setData({
        loading: false,
        order: o,
        view: {
          payable: formatYuan(o.payableFen),
          goods: formatYuan(o.goodsFen),
          discount: o.discountFen ? formatYuan(o.discountFen) : '',
          shipping: formatYuan(o.shippingFen),
          refunded: o.refundedFen ? formatYuan(o.refundedFen) : '',
          refundable: formatYuan(refundableFen),
          commission: formatYuan(o.commissionFen),
          settleAt: o.settleAt ? formatTime(o.settleAt) : '',
        },
        lines: o.items.map((i) => ({
          lineId: i.lineId,
          title: i.title,
          quantity: i.quantity,
          paid: formatYuan(i.paidFen),
        })),
        timeline: orderTimeline(o),
        buyer: personOf(o.buyer, o.buyerId),
        commissions: o.commissions.map((c) => ({
          commissionId: c.commissionId,
          level: LEVELS[c.level] ?? `${c.level}级`,
          beneficiary: personOf(c.beneficiary, c.beneficiaryId),
          amount: formatYuan(c.amountFen),
          basis:
            c.rate !== null
              ? `${formatYuan(c.baseFen)} × ${formatRatePercent(c.rate)}`
              : `每件 ${formatYuan(c.fixedPerUnitFen ?? 0)}`,
          status: COMMISSION_STATUS[c.status] ?? c.status,
        })),
        refunds: o.refunds.map((r) => ({
          refundId: r.refundId,
          amount: formatYuan(r.amountFen),
          reason: r.reason,
          status: r.statusName,
          who: r.requestedBy === 'buyer' ? '买家申请' : '商家退款',
          time: formatTime(r.requestedAt),
          rejectReason: r.rejectReason,
          lastError: r.lastError,
        })),
        openRefund: open && {
          status: open.status,
          amount: formatYuan(open.amountFen),
          reason: open.reason,
          lastError: open.lastError,
        },
        canShip: o.status === 'paid' && !o.openRefundId,
        canRefund: REFUNDABLE.includes(o.status) && !o.openRefundId && refundableFen > 0,
      });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { key: string }>) {
      this.setData({ [e.currentTarget.dataset.key]: e.detail.value });
    },
    async act(step: () => Promise<unknown>, done: string, reset: Record<string, unknown> = {}) {
      this.setData({ busy: true, error: '', errors: {} });
      try {
        await step();
        wx.showToast({ title: done, icon: 'success' });
        this.setData({ ...reset });
      } catch (e) {
        const fields = (e as Partial<ServiceError>)?.fields ?? [];
        const errors: Errors = {};
        for (const f of fields) errors[f.path] = f.message;
        this.setData({ error: fields.length ? '' : messageOf(e), errors });
      }
      this.setData({ busy: false });
      await this.load();
    },
    async onShip() {
      const carrier = this.data.carrier.trim();
      const trackingNo = this.data.trackingNo.trim();
      const errors: Errors = {};
      if (!carrier) errors.carrier = '请填写物流公司';
      if (!trackingNo) errors.trackingNo = '请填写运单号';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      await this.act(() => shipOrder({ orderId: this.data.orderId, carrier, trackingNo }), '已发货', {
        carrier: '',
        trackingNo: '',
      });
    },
    async onApproveRefund() {
      const open = this.data.openRefund!;
      const ok = await confirm('同意退款', `同意后原路退还 ${open.amount}，并相应冲减这笔订单的佣金。`);
      if (ok) await this.act(() => resolveRefund({ orderId: this.data.orderId, approve: true }), '已退款');
    },
    onOpenReject() {
      this.setData({ rejecting: true, errors: {} });
    },
    async onRejectRefund() {
      const reason = this.data.rejectReason.trim();
      if (!reason) {
        this.setData({ errors: { reason: '请写明拒绝原因，买家会看到' } });
        return;
      }
      await this.act(() => resolveRefund({ orderId: this.data.orderId, approve: false, reason }), '已拒绝', {
        rejecting: false,
        rejectReason: '',
      });
    },
    onOpenRefund() {
      this.setData({ refunding: true, errors: {} });
    },
    async onRefund() {
      const reason = this.data.refundReason.trim();
      const text = this.data.refundAmount.trim();
      const errors: Errors = {};
      if (!reason) errors.reason = '请写明退款原因';
      let amountFen: number | undefined;
      if (text) {
        try {
          amountFen = parseYuan(text);
        } catch (e) {
          errors.amountFen = messageOf(e);
        }
      }
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const amount = amountFen !== undefined ? formatYuan(amountFen) : this.data.view.refundable;
      const ok = await confirm('主动退款', `原路退还买家 ${amount}？已结算的佣金会从分销商余额中追回。`);
      if (!ok) return;
      await this.act(
        () =>
          refundOrder({
            orderId: this.data.orderId,
            reason,
            ...(amountFen !== undefined ? { amountFen } : {}),
          }),
        '已退款',
        { refunding: false, refundAmount: '', refundReason: '' },
      );
    },
  },
});
