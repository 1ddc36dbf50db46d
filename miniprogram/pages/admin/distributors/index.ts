/**
 * 分销商管理 (merchant): applications waiting first, then active, disabled or all; searched by nickname,
 * shop name, invite code, real name or phone; paged. Applications are approved or rejected (with a reason)
 * in place (a rejection needs its reason), and a distributor enabled or disabled after a confirm.
 */
import {
  type AdminDistributor,
  type DistributorListInput,
  listDistributors,
  reviewDistributor,
  setDistributorStatus,
} from '../../../services/admin/distributors';
import { formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { listControls, loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Status = NonNullable<DistributorListInput['status']>;
interface DistributorRow extends AdminDistributor {
  statusName: string;
  available: string;
  earned: string;
  appliedTime: string;
}

const PAGE_SIZE = 20;
const STATUS_NAMES: Record<string, string> = { pending: '待审核', active: '已启用', disabled: '已停用' };
const row = (d: AdminDistributor): DistributorRow => ({
  ...d,
  statusName: STATUS_NAMES[d.distributorStatus] ?? d.distributorStatus,
  available: formatYuan(d.balances.availableFen),
  earned: formatYuan(d.totalEarnedFen),
  appliedTime: d.application ? formatTime(d.application.appliedAt) : '',
});

/** A confirm dialog; `editable` asks for a text too (the reject reason). */
function ask(
  title: string,
  content: string,
  editable = false,
): Promise<{ confirm: boolean; content: string }> {
  return new Promise((resolve) =>
    wx.showModal({
      title,
      ...(editable ? { editable: true, placeholderText: content } : { content }),
      success: (r) => resolve({ confirm: r.confirm, content: (r.content ?? '').trim() }),
      fail: () => resolve({ confirm: false, content: '' }),
    }),
  );
}

Component({
  behaviors: [pagedList, listControls],
  data: {
    tabs: [
      { label: '待审核', value: 'pending' },
      { label: '已启用', value: 'active' },
      { label: '已停用', value: 'disabled' },
      { label: '全部', value: '' },
    ],
    status: 'pending' as Status | '',
    keyword: '',
    items: [] as DistributorRow[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
    busyId: '',
    actionId: '',
    actionError: '',
  },
  methods: {
    /** Opened for one distributor (the dashboard's ranking): its invite code searched among all. */
    onLoad(query: Record<string, string> = {}) {
      const keyword = decodeURIComponent(query.keyword ?? '').trim();
      if (keyword) this.setData({ keyword, status: '' });
      this.load(1);
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/admin/distributor/index?userId=${e.currentTarget.dataset.id}` });
    },
    load(page: number) {
      const { status } = this.data;
      const keyword = this.data.keyword.trim();
      return loadPage(
        this,
        page,
        (p) =>
          listDistributors({
            page: p,
            pageSize: PAGE_SIZE,
            ...(status ? { status } : {}),
            ...(keyword ? { keyword } : {}),
          }),
        row,
      );
    },
    itemAt(e: WechatMiniprogram.BaseEvent): DistributorRow | undefined {
      return this.data.items[Number(e.currentTarget.dataset.index)];
    },
    async onApprove(e: WechatMiniprogram.BaseEvent) {
      const d = this.itemAt(e);
      if (!d || !(await ask('通过申请', `${d.nickname} 将成为分销商并获得邀请码。`)).confirm) return;
      return this.change(d.userId, () => reviewDistributor({ userId: d.userId, approve: true }));
    },
    async onReject(e: WechatMiniprogram.BaseEvent) {
      const d = this.itemAt(e);
      if (!d) return;
      const answer = await ask('驳回申请', '驳回原因（必填，申请人会看到）', true);
      if (!answer.confirm) return;
      const reason = answer.content;
      if (!reason) {
        this.setData({ actionId: d.userId, actionError: '请写明驳回原因，申请人会看到' });
        return;
      }
      return this.change(d.userId, () => reviewDistributor({ userId: d.userId, approve: false, reason }));
    },
    async onToggle(e: WechatMiniprogram.BaseEvent) {
      const d = this.itemAt(e);
      if (!d) return;
      const disable = d.distributorStatus === 'active';
      const question = disable
        ? ask('停用分销商', `停用后 ${d.nickname} 不再获得新佣金、不能提现，已有余额保留。`)
        : ask('启用分销商', `${d.nickname} 将恢复分享获得佣金。`);
      if (!(await question).confirm) return;
      return this.change(d.userId, () =>
        setDistributorStatus({ userId: d.userId, status: disable ? 'disabled' : 'active' }),
      );
    },
    async change(userId: string, work: () => Promise<unknown>) {
      if (this.data.busyId) return;
      this.setData({ busyId: userId, actionId: userId, actionError: '' });
      try {
        await work();
        this.setData({ busyId: '' });
        await this.load(1); // the row leaves or changes its tab
      } catch (err) {
        this.setData({ busyId: '', actionError: messageOf(err) });
      }
    },
  },
});
