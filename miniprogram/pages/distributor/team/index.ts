import { listTeam, type TeamInput, type TeamMember } from '../../../services/distributor/index';
import { loadPage, pagedList } from '../../../utils/paged';
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
  behaviors: [pagedList],
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
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Level }>) {
      this.setData({ level: Number(e.detail.value) as Level, items: [], total: 0 });
      this.load(1);
    },
    load(page: number) {
      const { level } = this.data;
      return loadPage(this, page, (p) => listTeam({ level, page: p, pageSize: PAGE_SIZE }), view);
    },
  },
});
