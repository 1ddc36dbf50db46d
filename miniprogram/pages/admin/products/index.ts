/** 商品管理: every product – on sale or off the shelf – searched by title, paged; opens the editor. */
import { type AdminProduct, listAdminProducts } from '../../../services/admin/products';
import { imageSrc } from '../../../services/storage/index';
import { formatYuan } from '../../../shared/index';
import { loadPage, pagedList } from '../../../utils/paged';

type Status = 'on' | 'off' | '';
interface ProductRow extends AdminProduct {
  price: string;
  coverSrc: string;
}

const PAGE_SIZE = 20;
const row = (p: AdminProduct): ProductRow => ({
  ...p,
  price: formatYuan(p.priceFen),
  coverSrc: imageSrc(p.cover),
});

Component({
  behaviors: [pagedList],
  data: {
    tabs: [
      { label: '全部', value: '' },
      { label: '在售', value: 'on' },
      { label: '已下架', value: 'off' },
    ],
    status: '' as Status,
    keyword: '',
    items: [] as ProductRow[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
  },
  methods: {
    /** Back from the editor: show what was saved (the first show is the load's). */
    onShow() {
      const self = this as unknown as { shownOnce?: boolean };
      if (self.shownOnce) this.load(1);
      self.shownOnce = true;
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: Status }>) {
      this.setData({ status: e.detail.value, items: [], total: 0 });
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
      const { status } = this.data;
      const keyword = this.data.keyword.trim();
      return loadPage(
        this,
        page,
        (p) =>
          listAdminProducts({
            page: p,
            pageSize: PAGE_SIZE,
            ...(status ? { status } : {}),
            ...(keyword ? { keyword } : {}),
          }),
        row,
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/admin/product/index?productId=${e.currentTarget.dataset.id}` });
    },
    onCreate() {
      wx.navigateTo({ url: '/pages/admin/product/index' });
    },
  },
});
