import { applyDistributor, getCenter, type CenterResult } from '../../../services/distributor/index';
import { formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { sharePath, shareQuery } from '../../../utils/invite';
import { ensureLogin } from '../../../utils/session';
import { askSubscribe } from '../../../utils/subscribe';
import { DISTRIBUTOR_LINKS } from '../links';

type Threshold = NonNullable<CenterResult['nextGrade']>['thresholds'][number];

/** The four balances, each with what it means to the distributor. */
const BALANCES = [
  { key: 'pendingFen', name: '待结算', hint: '好友已付款，确认收货并过了退货期后转为可提现' },
  { key: 'availableFen', name: '可提现', hint: '可以申请提现的佣金' },
  { key: 'frozenFen', name: '提现中', hint: '已申请提现、等待商家处理的金额' },
  { key: 'withdrawnFen', name: '已提现', hint: '已经打款给你的金额' },
] as const;

/** Sales and commission thresholds are amounts; counts are people. */
function thresholdText(t: Threshold): string {
  const money = t.metric.endsWith('Fen');
  const show = (n: number) => (money ? formatYuan(n) : String(n));
  return `${show(t.current)} / ${show(t.target)}`;
}

Component({
  data: {
    loading: true,
    error: '',
    status: 'none' as CenterResult['distributorStatus'],
    center: null as CenterResult | null,
    balances: [] as { key: string; name: string; hint: string; amount: string }[],
    totalEarned: '',
    nextGrade: null as { name: string; thresholds: (Threshold & { text: string; percent: number })[] } | null,
    rejectReason: '',
    busy: false,
    applyError: '',
    links: DISTRIBUTOR_LINKS,
  },
  methods: {
    onShow() {
      this.load();
    },
    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: !this.data.center, error: '' });
      try {
        const center = await getCenter();
        const app = center.application;
        this.setData({
          loading: false,
          center,
          status: center.distributorStatus,
          balances: BALANCES.map((b) => ({ ...b, amount: formatYuan(center.balances[b.key]) })),
          totalEarned: formatYuan(center.totalEarnedFen),
          nextGrade: center.nextGrade && {
            name: center.nextGrade.name,
            thresholds: center.nextGrade.thresholds.map((t) => ({
              ...t,
              text: thresholdText(t),
              percent: t.target > 0 ? Math.min(100, Math.floor((t.current / t.target) * 100)) : 100,
            })),
          },
          rejectReason: app && app.approved === false ? (app.reason ?? '') : '',
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    async onApply() {
      this.setData({ busy: true, applyError: '' });
      await askSubscribe(['commission']); // 佣金到账提醒, asked while the user taps
      try {
        const { distributorStatus } = await applyDistributor({});
        ensureLogin(true).catch(() => undefined); // an active distributor now shares with its own code
        this.setData({ busy: false, status: distributorStatus });
        if (distributorStatus === 'active') this.load();
      } catch (e) {
        this.setData({ busy: false, applyError: messageOf(e) });
      }
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },
    onShareAppMessage() {
      const code = this.data.center?.inviteCode ?? null;
      return { title: '分享好物给你', path: sharePath('/pages/mall/home/index', {}, code) };
    },
    onShareTimeline() {
      return { title: '分销商城 · 好物分享', query: shareQuery({}, this.data.center?.inviteCode ?? null) };
    },
  },
});
