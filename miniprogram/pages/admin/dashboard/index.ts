/**
 * 商户首页 (the admin home, from 我的 → 商家管理): the money and the people in words a merchant reads
 * right, the trend of the last 7/30/90 days as a chart, the top distributors, and the way to every admin
 * page. Every admin call is checked on the server; a non-admin who gets here sees the refusal.
 */
import { type Dashboard, getDashboard } from '../../../services/admin/dashboard';
import { formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { periodSums, trendOption } from './chart-option';

const PERIODS = [7, 30, 90];

interface Card {
  key: string;
  label: string;
  value: string;
  note: string;
}

/** The totals as cards: what each number is, in one line. */
function cardsOf(t: Dashboard['totals']): { money: Card[]; business: Card[] } {
  return {
    money: [
      {
        key: 'pending',
        label: '待结算佣金',
        value: formatYuan(t.commissionPendingFen),
        note: '订单还在退换货期内，到期后自动结算',
      },
      {
        key: 'settled',
        label: '累计结算佣金',
        value: formatYuan(t.commissionSettledFen),
        note: '已结算给分销商的全部佣金，含已提现',
      },
      {
        key: 'available',
        label: '分销商可提现',
        value: formatYuan(t.commissionAvailableFen),
        note: '已结算、分销商还没申请提现的余额',
      },
      {
        key: 'frozen',
        label: '提现审核中',
        value: formatYuan(t.commissionFrozenFen),
        note: `${t.withdrawalsWaiting} 笔提现等你审核或打款`,
      },
      {
        key: 'withdrawn',
        label: '已提现',
        value: formatYuan(t.commissionWithdrawnFen),
        note: '已打款给分销商的佣金',
      },
      {
        key: 'sales',
        label: '累计销售额',
        value: formatYuan(t.salesFen),
        note: `已退款 ${formatYuan(t.refundFen)}`,
      },
    ],
    business: [
      {
        key: 'today',
        label: '今日',
        value: `${t.ordersToday} 笔 · ${formatYuan(t.salesTodayFen)}`,
        note: '今天付款的订单和金额',
      },
      {
        key: 'orders',
        label: '订单',
        value: `${t.orders} 笔`,
        note: `其中 ${t.distributionOrders} 笔来自分销商的分享`,
      },
      {
        key: 'distributors',
        label: '分销商',
        value: `${t.distributors} 人`,
        note: `今日新增 ${t.newDistributorsToday} 人 · 共 ${t.users} 位用户`,
      },
      {
        key: 'applications',
        label: '待审核申请',
        value: `${t.pendingApplications} 个`,
        note: '申请成为分销商，等你审核',
      },
    ],
  };
}

Component({
  data: {
    loading: true,
    error: '',
    days: 30,
    periods: PERIODS.map((d) => ({ value: d, label: `近 ${d} 天` })),
    money: [] as Card[],
    business: [] as Card[],
    option: {} as object,
    sums: { orders: 0, sales: '', commission: '', newDistributors: 0 },
    top: [] as (Dashboard['topDistributors'][number] & { earned: string; available: string })[],
    menu: [
      { label: '分销商', icon: 'usergroup', url: '/pages/admin/distributors/index' },
      { label: '订单', icon: 'shop', url: '/pages/admin/orders/index' },
      { label: '提现', icon: 'wallet', url: '/pages/admin/withdrawals/index' },
      { label: '商品', icon: 'app', url: '/pages/admin/products/index' },
      { label: '店铺装修', icon: 'image', url: '/pages/admin/decoration/index' },
      { label: '推广素材', icon: 'share', url: '/pages/admin/materials/index' },
      { label: '设置', icon: 'setting', url: '/pages/admin/settings/index' },
      { label: '对账', icon: 'check-circle', url: '/pages/admin/audit/index' },
    ],
  },
  methods: {
    onLoad() {
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.load();
    },
    onPeriod(e: WechatMiniprogram.BaseEvent) {
      this.setData({ days: Number(e.currentTarget.dataset.days) });
      this.load();
    },
    async load() {
      this.setData({ loading: !this.data.money.length, error: '' });
      try {
        const board = await getDashboard({ days: this.data.days });
        const sums = periodSums(board.series);
        this.setData({
          loading: false,
          ...cardsOf(board.totals),
          option: trendOption(board.series),
          sums: {
            orders: sums.orders,
            sales: formatYuan(sums.salesFen),
            commission: formatYuan(sums.commissionFen),
            newDistributors: sums.newDistributors,
          },
          top: board.topDistributors.map((d) => ({
            ...d,
            earned: formatYuan(d.totalEarnedFen),
            available: formatYuan(d.availableFen),
          })),
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    onMenu(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
    onDistributor(e: WechatMiniprogram.BaseEvent) {
      const code = String(e.currentTarget.dataset.code ?? '');
      if (code) wx.navigateTo({ url: `/pages/admin/distributors/index?keyword=${encodeURIComponent(code)}` });
    },
  },
});
