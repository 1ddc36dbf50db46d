/** 设置修改记录: who changed which settings when, each change in words (admin.configHistory), paged. */
import { type ConfigHistoryEntry, configHistory } from '../../../services/admin/config';
import { loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

const PAGE_SIZE = 20;

interface EntryView {
  historyId: string;
  time: string;
  who: string;
  changes: ConfigHistoryEntry['changes'];
}

const view = (h: ConfigHistoryEntry): EntryView => ({
  historyId: h.historyId,
  time: formatTime(h.changedAt),
  who: h.changedBy,
  changes: h.changes,
});

Component({
  behaviors: [pagedList],
  data: {
    items: [] as EntryView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    load(page: number) {
      return loadPage(this, page, (p) => configHistory({ page: p, pageSize: PAGE_SIZE }), view);
    },
  },
});
