/** 订单管理: orders by status (refund requests as their own tab), found by number, phone or name; paged. */
import { type AdminOrderSummary, listAdminOrders } from '../../../services/admin/orders';
import { formatYuan } from '../../../shared/index';
import { loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Tab = AdminOrderSummary['status'] | 'refund' | '';
interface Row extends AdminOrderSummary {
  amount: string;
  time: string;
  goods: string;
}

const PAGE_SIZE = 20;
const row = (o: AdminOrderSummary): Row => ({
  ...o,
  amount: formatYuan(o.payableFen),
  time: formatTime(o.createdAt),
  goods: o.items.map((i) => `${i.title} × ${i.quantity}`).join('，'),
});

Component({
  behaviors: [pagedList],
  data: {
    tabs: [
      { label: '待发货', value: 'paid' },
      { label: '退款申请', value: 'refund' },
      { label: '待收货', value: 'shipped' },
      { label: '待付款', value: 'unpaid' },
      { label: '已完成', value: 'completed' },
      { label: '全部', value: '' },
    ],
    tab: 'paid' as Tab,
    keyword: '',
    items: [] as Row[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    onShow() {
      const self = this as unknown as { shownOnce?: boolean };
      if (self.shownOnce) this.load(1);
      self.shownOnce = true;
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
      this.setData({ tab: e.detail.value, items: [], total: 0 });
      this.load(1);
    },
    onKeyword(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value });
    },
    onSearch() {
      this.setData({ items: [], total: 0 });
      this.load(1);
    },
    onClearSearch() {
      this.setData({ keyword: '', items: [], total: 0 });
      this.load(1);
    },
    load(page: number) {
      const { tab } = this.data;
      const keyword = this.data.keyword.trim();
      const filter = tab === 'refund' ? { refundOpen: true } : tab ? { status: tab } : {};
      return loadPage(
        this,
        page,
        (p) => listAdminOrders({ page: p, pageSize: PAGE_SIZE, ...filter, ...(keyword ? { keyword } : {}) }),
        row,
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/admin/order/index?orderId=${e.currentTarget.dataset.id}` });
    },
  },
});
