import { listWithdrawals, type WithdrawalRecord } from '../../../services/withdraw/index';
import { formatYuan } from '../../../shared/index';
import { hasMore, loadPage } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

interface WithdrawalView extends WithdrawalRecord {
  amount: string;
  fee: string;
  net: string;
  time: string;
}

const PAGE_SIZE = 20;
const view = (w: WithdrawalRecord): WithdrawalView => ({
  ...w,
  amount: formatYuan(w.amountFen),
  fee: formatYuan(w.feeFen),
  net: formatYuan(w.netFen),
  time: formatTime(w.createdAt),
});

Component({
  data: { items: [] as WithdrawalView[], total: 0, page: 0, loading: true, error: '' },
  methods: {
    onLoad() {
      this.load(1);
    },
    onPullDownRefresh() {
      this.load(1).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.onMore();
    },
    onMore() {
      if (hasMore(this.data)) this.load(this.data.page + 1);
    },
    onRetry() {
      this.load(1);
    },
    load(page: number) {
      return loadPage(this, page, (p) => listWithdrawals({ page: p, pageSize: PAGE_SIZE }), view);
    },
  },
});
