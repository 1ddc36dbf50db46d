/** 提现审核: applications waiting for a decision first, then by status; paged; opens one to decide. */
import { type AdminWithdrawal, listAdminWithdrawals } from '../../../services/admin/withdrawals';
import { formatYuan } from '../../../shared/index';
import { listControls, loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Status = AdminWithdrawal['status'] | '';
interface Row extends AdminWithdrawal {
  amount: string;
  net: string;
  time: string;
}

const PAGE_SIZE = 20;
const row = (w: AdminWithdrawal): Row => ({
  ...w,
  amount: formatYuan(w.amountFen),
  net: formatYuan(w.netFen),
  time: formatTime(w.createdAt),
});

Component({
  behaviors: [pagedList, listControls],
  data: {
    tabs: [
      { label: '待审核', value: 'pending' },
      { label: '待打款', value: 'approved' },
      { label: '已打款', value: 'paid' },
      { label: '已驳回', value: 'rejected' },
      { label: '打款失败', value: 'failed' },
      { label: '全部', value: '' },
    ],
    status: 'pending' as Status,
    items: [] as Row[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    load(page: number) {
      const { status } = this.data;
      return loadPage(
        this,
        page,
        (p) => listAdminWithdrawals({ page: p, pageSize: PAGE_SIZE, ...(status ? { status } : {}) }),
        row,
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/admin/withdrawal/index?withdrawalId=${e.currentTarget.dataset.id}` });
    },
  },
});
