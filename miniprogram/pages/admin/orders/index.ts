/** 订单管理: orders by status (refund requests as their own tab), found by number, phone or name; paged. */
import { type AdminOrderSummary, listAdminOrders } from '../../../services/admin/orders';
import { formatYuan } from '../../../shared/index';
import { listControls, loadPage, pagedList } from '../../../utils/paged';
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
  behaviors: [pagedList, listControls],
  data: {
    tabs: [
      { label: '待发货', value: 'paid' },
      { label: '退款申请', value: 'refund' },
      { label: '待收货', value: 'shipped' },
      { label: '待付款', value: 'unpaid' },
      { label: '已完成', value: 'completed' },
      { label: '全部', value: '' },
    ],
    /** The tab: an order status, or 'refund' for the open refund requests. */
    status: 'paid' as Tab,
    keyword: '',
    items: [] as Row[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    load(page: number) {
      const tab = this.data.status;
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
