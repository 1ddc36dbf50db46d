/**
 * 推广素材 (merchant): every material or those published / retired, pinned first, paged; pin, retire or
 * publish again in place (admin.setMaterialStatus); a tap opens the editor.
 */
import {
  listMaterials,
  setMaterialStatus,
  type Material,
  type MaterialListInput,
  type MaterialStatusInput,
} from '../../../services/admin/decoration';
import { messageOf } from '../../../utils/errors';
import { loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';
import { aimName } from '../material/names';

type Status = NonNullable<MaterialListInput['status']>;
interface MaterialView extends Material {
  aimName: string;
  time: string;
}

const PAGE_SIZE = 20;
const view = (m: Material): MaterialView => ({
  ...m,
  aimName: aimName(m.aim),
  time: formatTime(m.updatedAt),
});

Component({
  behaviors: [pagedList],
  data: {
    tabs: [
      { label: '全部', value: '' },
      { label: '已发布', value: 'published' },
      { label: '已撤下', value: 'retired' },
    ],
    status: '' as Status | '',
    items: [] as MaterialView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
    busyId: '',
    actionError: '',
    actionId: '',
  },
  methods: {
    onShow() {
      // back from the editor: what was saved there shows here
      if (this.data.page > 0) this.load(1);
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Status | '' }>) {
      this.setData({ status: e.detail.value, items: [], total: 0 });
      this.load(1);
    },
    load(page: number) {
      const { status } = this.data;
      return loadPage(
        this,
        page,
        (p) => listMaterials({ page: p, pageSize: PAGE_SIZE, ...(status ? { status } : {}) }),
        view,
      );
    },
    onNew() {
      wx.navigateTo({ url: '/pages/admin/material/index' });
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/admin/material/index?materialId=${e.currentTarget.dataset.id}` });
    },
    onPin(e: WechatMiniprogram.BaseEvent) {
      const m = this.data.items[Number(e.currentTarget.dataset.index)];
      if (m) this.change({ materialId: m.materialId, pinned: !m.pinned });
    },
    onStatus(e: WechatMiniprogram.BaseEvent) {
      const m = this.data.items[Number(e.currentTarget.dataset.index)];
      if (m)
        this.change({ materialId: m.materialId, status: m.status === 'published' ? 'retired' : 'published' });
    },
    async change(input: MaterialStatusInput) {
      if (this.data.busyId) return;
      this.setData({ busyId: input.materialId, actionId: input.materialId, actionError: '' });
      try {
        await setMaterialStatus(input);
        this.setData({ busyId: '' });
        await this.load(1); // the order (pinned first) and the tab's filter may change
      } catch (e) {
        this.setData({ busyId: '', actionError: messageOf(e) });
      }
    },
  },
});
