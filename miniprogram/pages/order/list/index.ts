import { listOrders, type OrderListInput, type OrderSummary } from '../../../services/order/index';
import { formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';

type Status = NonNullable<OrderListInput['status']>;
interface OrderView extends OrderSummary {
  title: string;
  payable: string;
  time: string;
}

const PAGE_SIZE = 10;
const TABS: { label: string; value: Status | '' }[] = [
  { label: '全部', value: '' },
  { label: '待付款', value: 'unpaid' },
  { label: '待发货', value: 'paid' },
  { label: '待收货', value: 'shipped' },
  { label: '退款', value: 'refunding' },
];

function view(o: OrderSummary): OrderView {
  const first = o.items[0];
  const title = o.items.length > 1 ? `${first.title} 等${o.items.length}件商品` : (first?.title ?? '');
  return { ...o, title, payable: formatYuan(o.payableFen), time: formatTime(o.createdAt) };
}

Component({
  data: {
    tabs: TABS,
    status: '' as Status | '',
    loading: true,
    error: '',
    items: [] as OrderView[],
    total: 0,
    page: 0,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      const status = TABS.some((t) => t.value === query.status) ? (query.status as Status) : '';
      this.setData({ status });
      this.load(1);
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Status | '' }>) {
      this.setData({ status: e.detail.value, items: [], total: 0 });
      this.load(1);
    },
    onPullDownRefresh() {
      this.load(1).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.onMore();
    },
    onMore() {
      if (!this.data.loading && this.data.items.length < this.data.total) this.load(this.data.page + 1);
    },
    onRetry() {
      this.load(1);
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/order/detail/index?orderId=${e.currentTarget.dataset.id}` });
    },
    async load(page: number) {
      const { status } = this.data;
      this.setData({ loading: true, error: '' });
      try {
        const result = await listOrders({ page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) });
        if (status !== this.data.status) return; // the tab changed meanwhile
        const fresh = result.items.map(view);
        this.setData({
          loading: false,
          items: page === 1 ? fresh : [...this.data.items, ...fresh],
          total: result.total,
          page,
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
  },
});
