import { listTeam, type TeamInput, type TeamMember } from '../../../services/distributor/index';
import { hasMore, loadPage } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

type Level = TeamInput['level'];
interface MemberView extends TeamMember {
  role: string;
  time: string;
}

const PAGE_SIZE = 20;
const view = (m: TeamMember): MemberView => ({
  ...m,
  role: m.distributorStatus === 'active' ? '分销商' : '会员',
  time: formatTime(m.joinedAt),
});

Component({
  data: {
    tabs: [
      { label: '一级', value: 1 },
      { label: '二级', value: 2 },
      { label: '三级', value: 3 },
    ],
    level: 1 as Level,
    items: [] as MemberView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    onLoad() {
      this.load(1);
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Level }>) {
      this.setData({ level: Number(e.detail.value) as Level, items: [], total: 0 });
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
      const { level } = this.data;
      return loadPage(this, page, (p) => listTeam({ level, page: p, pageSize: PAGE_SIZE }), view);
    },
  },
});
