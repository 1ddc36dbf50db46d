/**
 * 一位分销商 (merchant): who, status, grade and the four balances; set the grade, enable or disable
 * (confirmed first); and their team by level, commissions and withdrawals, each paged.
 */
import { getConfig } from '../../../services/admin/config';
import {
  type DistributorDetail,
  distributorCommissions,
  distributorTeam,
  getDistributor,
  setDistributorStatus,
  setGrade,
} from '../../../services/admin/distributors';
import { listAdminWithdrawals } from '../../../services/admin/withdrawals';
import { formatRatePercent, formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { loadPage } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Tab = 'team1' | 'team2' | 'team3' | 'commissions' | 'withdrawals';
interface Row {
  id: string;
  title: string;
  sub: string;
  value: string;
}
const PAGE_SIZE = 20;
const COMMISSION_STATUS: Record<string, string> = {
  pending: '待结算',
  settled: '已结算',
  reversed: '已退回',
};
const MEMBER_STATUS: Record<string, string> = {
  active: '分销商',
  pending: '申请中',
  disabled: '已停用',
  none: '会员',
};

function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) =>
    wx.showModal({ title, content, success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );
}

Component({
  data: {
    userId: '',
    /** The distributor's own state; `loading`/`error` below are the open list's (loadPage's names). */
    headLoading: true,
    loadError: '',
    busy: false,
    actionError: '',
    error: '',
    d: null as DistributorDetail | null,
    money: { pending: '', available: '', frozen: '', withdrawn: '', earned: '' },
    grades: [] as { gradeId: string; name: string }[],
    gradeIndex: 0,
    tabs: [
      { label: '一级团队', value: 'team1' },
      { label: '二级', value: 'team2' },
      { label: '三级', value: 'team3' },
      { label: '佣金', value: 'commissions' },
      { label: '提现', value: 'withdrawals' },
    ],
    tab: 'team1' as Tab,
    items: [] as Row[],
    total: 0,
    page: 0,
    loading: false,
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ userId: query.userId ?? '' });
      this.load();
      this.loadList(1);
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ headLoading: !this.data.d, loadError: '' });
      try {
        const [d, config] = await Promise.all([getDistributor(this.data.userId), getConfig()]);
        const grades = config.grades.map((g) => ({ gradeId: g.gradeId, name: g.name }));
        this.setData({
          headLoading: false,
          d,
          grades,
          gradeIndex: Math.max(
            0,
            grades.findIndex((g) => g.gradeId === d.grade.gradeId),
          ),
          money: {
            pending: formatYuan(d.balances.pendingFen),
            available: formatYuan(d.balances.availableFen),
            frozen: formatYuan(d.balances.frozenFen),
            withdrawn: formatYuan(d.balances.withdrawnFen),
            earned: formatYuan(d.totalEarnedFen),
          },
        });
      } catch (e) {
        this.setData({ headLoading: false, loadError: messageOf(e) });
      }
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: e.detail.value, items: [], total: 0 });
      this.loadList(1);
    },
    onMore() {
      if (!this.data.loading && this.data.items.length < this.data.total) this.loadList(this.data.page + 1);
    },
    onReachBottom() {
      this.onMore();
    },
    async onPullDownRefresh() {
      await Promise.all([this.load(), this.loadList(1)]);
      wx.stopPullDownRefresh();
    },
    /**
     * Where a list answer goes: the page, unless another tab was opened meanwhile – a late answer of the
     * tab left behind would otherwise replace the open tab's rows.
     */
    listHost(tab: Tab) {
      type Data = typeof this.data;
      const host = {
        setData: (patch: Partial<Data>) => {
          if (this.data.tab === tab) this.setData(patch);
        },
      };
      return Object.defineProperty(host, 'data', { get: () => this.data }) as typeof host & { data: Data };
    },
    /** A page of the open tab's list. */
    loadList(page: number) {
      const { userId, tab } = this.data;
      const host = this.listHost(tab);
      const window = { page, pageSize: PAGE_SIZE };
      if (tab === 'commissions') {
        return loadPage(
          host,
          page,
          (p) => distributorCommissions({ userId, ...window, page: p }),
          (c) => ({
            id: c.commissionId,
            title: c.productTitle || `订单 ${c.orderId}`,
            sub: `${['', '一级', '二级', '三级'][c.level] ?? ''} · ${c.rate !== null ? formatRatePercent(c.rate) : '固定'} · ${formatTime(c.createdAt)}`,
            value: `${formatYuan(c.amountFen)} ${COMMISSION_STATUS[c.status] ?? c.status}`,
          }),
        );
      }
      if (tab === 'withdrawals') {
        return loadPage(
          host,
          page,
          (p) => listAdminWithdrawals({ userId, ...window, page: p }),
          (w) => ({
            id: w.withdrawalId,
            title: `${formatYuan(w.amountFen)} · ${w.methodName}`,
            sub: formatTime(w.createdAt),
            value: w.statusName,
          }),
        );
      }
      const level = Number(tab.slice(-1)) as 1 | 2 | 3;
      return loadPage(
        host,
        page,
        (p) => distributorTeam({ userId, level, ...window, page: p }),
        (m) => ({
          id: m.userId,
          title: m.nickname,
          sub: `${formatTime(m.joinedAt)} 加入`,
          value: MEMBER_STATUS[m.distributorStatus] ?? m.distributorStatus,
        }),
      );
    },
    async onGrade(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const grade = this.data.grades[Number(e.detail.value)];
      if (!grade || grade.gradeId === this.data.d?.grade.gradeId) return;
      await this.act(() => setGrade({ userId: this.data.userId, gradeId: grade.gradeId }), '等级已调整');
    },
    async onToggle() {
      const d = this.data.d!;
      const disable = d.distributorStatus === 'active';
      const ok = await confirm(
        disable ? '停用分销资格' : '恢复分销资格',
        disable
          ? '停用后不再产生新佣金，也不能提现；已有余额保留，恢复后可继续提现。'
          : '恢复后重新分享赚佣金，余额可以提现。',
      );
      if (!ok) return;
      await this.act(
        () => setDistributorStatus({ userId: d.userId, status: disable ? 'disabled' : 'active' }),
        disable ? '已停用' : '已恢复',
      );
    },
    async act(step: () => Promise<unknown>, done: string) {
      this.setData({ busy: true, actionError: '' });
      try {
        await step();
        wx.showToast({ title: done, icon: 'success' });
      } catch (e) {
        this.setData({ actionError: messageOf(e) });
      }
      this.setData({ busy: false });
      await this.load();
    },
  },
});
