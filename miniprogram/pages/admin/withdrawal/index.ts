/**
 * 一笔提现: the amount, fee and what is paid, the method with the full account, the applicant and their
 * balances – all before the merchant decides. Pending: approve, or reject with a reason (the money goes
 * back to the distributor). Approved: pay – a reference for a manual payout, or a WeChat transfer the
 * distributor confirms (then 查询转账 asks WeChat Pay). Every money step asks for confirmation first.
 */
import {
  type WithdrawalDetail,
  getAdminWithdrawal,
  payWithdrawal,
  reviewWithdrawal,
  syncTransfer,
} from '../../../services/admin/withdrawals';
import { formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { fieldErrors } from '../field-error';

/** The two typed fields; a VALIDATION message naming one is shown beside it. */
const FIELDS = { reason: /reason|原因/, reference: /reference|凭证号/ };
const NO_FIELD_ERROR = { reason: '', reference: '' };

const TRANSFER_STATES: Record<string, string> = {
  waiting_user: '微信转账已发起，等待分销商在小程序里确认收款',
  in_progress: '微信正在转账',
  paid: '微信转账已到账',
  returned: '微信转账未完成，金额已退回分销商余额',
};

function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({ title, content, success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );
}

Component({
  data: {
    withdrawalId: '',
    loading: true,
    loadError: '',
    busy: false,
    error: '',
    fieldError: NO_FIELD_ERROR,
    w: null as WithdrawalDetail | null,
    money: { amount: '', fee: '', net: '' },
    balances: { pending: '', available: '', frozen: '', withdrawn: '' },
    times: { created: '', reviewed: '', paid: '' },
    transfer: '',
    rejecting: false,
    reason: '',
    reference: '',
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ withdrawalId: query.withdrawalId ?? '' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: !this.data.w, loadError: '' });
      try {
        this.show(await getAdminWithdrawal(this.data.withdrawalId));
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    show(w: WithdrawalDetail) {
      this.setData({
        loading: false,
        w,
        money: { amount: formatYuan(w.amountFen), fee: formatYuan(w.feeFen), net: formatYuan(w.netFen) },
        balances: {
          pending: formatYuan(w.balances.pendingFen),
          available: formatYuan(w.balances.availableFen),
          frozen: formatYuan(w.balances.frozenFen),
          withdrawn: formatYuan(w.balances.withdrawnFen),
        },
        times: {
          created: formatTime(w.createdAt),
          reviewed: w.reviewedAt ? formatTime(w.reviewedAt) : '',
          paid: w.paidAt ? formatTime(w.paidAt) : '',
        },
        transfer: w.payout?.channel === 'wechat_transfer' ? (TRANSFER_STATES[w.payout.state] ?? '') : '',
      });
    },
    /** Runs a money step; the record is read again after it, whatever the answer. */
    async act(step: () => Promise<unknown>, done: string) {
      this.setData({ busy: true, error: '', fieldError: NO_FIELD_ERROR });
      try {
        await step();
        wx.showToast({ title: done, icon: 'success' });
        this.setData({ rejecting: false, reason: '', reference: '' });
      } catch (e) {
        const { field, message } = fieldErrors(e, FIELDS);
        if (field) this.setData({ fieldError: { ...NO_FIELD_ERROR, [field]: message } });
        else this.setData({ error: messageOf(e) });
      }
      this.setData({ busy: false });
      await this.load();
    },
    async onApprove() {
      const w = this.data.w!;
      const ok = await confirm('通过提现', `通过后这笔 ${formatYuan(w.netFen)} 进入待打款，金额继续冻结。`);
      if (ok)
        await this.act(() => reviewWithdrawal({ withdrawalId: w.withdrawalId, approve: true }), '已通过');
    },
    onOpenReject() {
      this.setData({ rejecting: true, error: '', fieldError: NO_FIELD_ERROR });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },
    async onReject() {
      const reason = this.data.reason.trim();
      if (!reason) {
        this.setData({ fieldError: { ...NO_FIELD_ERROR, reason: '请写明驳回原因，分销商会看到' } });
        return;
      }
      const w = this.data.w!;
      const ok = await confirm('驳回提现', `驳回后 ${formatYuan(w.amountFen)} 退回分销商的可提现余额。`);
      if (ok)
        await this.act(
          () => reviewWithdrawal({ withdrawalId: w.withdrawalId, approve: false, reason }),
          '已驳回',
        );
    },
    onReference(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reference: e.detail.value });
    },
    async onPay() {
      const w = this.data.w!;
      const reference = this.data.reference.trim();
      const byTransfer = w.method === 'wechat' && !reference;
      const ok = await confirm(
        '打款',
        byTransfer
          ? `向「${w.distributor.nickname}」的微信零钱转账 ${formatYuan(w.netFen)}？未开通商家转账时请先线下打款并填写凭证号。`
          : `确认已向「${w.distributor.nickname}」打款 ${formatYuan(w.netFen)}（凭证号 ${reference || '未填'}）？`,
      );
      if (ok)
        await this.act(
          () => payWithdrawal({ withdrawalId: w.withdrawalId, ...(reference ? { reference } : {}) }),
          '已处理',
        );
    },
    async onSync() {
      await this.act(() => syncTransfer(this.data.withdrawalId), '已查询');
    },
  },
});
