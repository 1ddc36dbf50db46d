import {
  listCommissions,
  type CommissionInput,
  type CommissionRecord,
} from '../../../services/distributor/index';
import { formatRatePercent, formatYuan } from '../../../shared/index';
import { loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Status = NonNullable<CommissionInput['status']>;
interface CommissionView extends CommissionRecord {
  amount: string;
  basis: string;
  levelName: string;
  statusName: string;
  time: string;
}

const STATUS_NAMES: Record<string, string> = { pending: '待结算', settled: '已结算', reversed: '已退回' };
const LEVEL_NAMES = ['', '直接分享', '二级分享', '三级分享'];
const PAGE_SIZE = 20;

function view(c: CommissionRecord): CommissionView {
  const basis =
    c.rate !== null
      ? `${formatYuan(c.baseFen)} × ${formatRatePercent(c.rate)}`
      : `每件 ${formatYuan(c.fixedPerUnitFen ?? 0)}`;
  return {
    ...c,
    amount: formatYuan(c.amountFen),
    basis,
    levelName: LEVEL_NAMES[c.level] ?? `${c.level}级`,
    statusName: STATUS_NAMES[c.status] ?? c.status,
    time: formatTime(c.createdAt),
  };
}

Component({
  behaviors: [pagedList],
  data: {
    tabs: [
      { label: '全部', value: '' },
      { label: '待结算', value: 'pending' },
      { label: '已结算', value: 'settled' },
      { label: '已退回', value: 'reversed' },
    ],
    status: '' as Status | '',
    items: [] as CommissionView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Status | '' }>) {
      this.setData({ status: e.detail.value, items: [], total: 0 });
      this.load(1);
    },
    load(page: number) {
      const { status } = this.data;
      return loadPage(
        this,
        page,
        (p) => listCommissions({ page: p, pageSize: PAGE_SIZE, ...(status ? { status } : {}) }),
        view,
      );
    },
  },
});
