/** 商品管理: every product – on sale or off the shelf – searched by title, paged; opens the editor. */
import { type AdminProduct, listAdminProducts } from '../../../services/admin/products';
import { imageSrc } from '../../../services/storage/index';
import { formatYuan } from '../../../shared/index';
import { listControls, loadPage, pagedList } from '../../../utils/paged';

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
  behaviors: [pagedList, listControls],
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
