import { getShop, listProducts, type ProductSummary, type ShopHeader } from '../../../services/catalog/index';
import { formatYuan } from '../../../shared/index';
import { captureInvite, sharePath, shareQuery, storedInvite } from '../../../utils/invite';
import { messageOf } from '../../../utils/errors';
import { ownInviteCode } from '../../../utils/session';

interface GoodsView extends ProductSummary {
  price: string;
}

const PAGE_SIZE = 20;
const HOME = '/pages/mall/home/index';

function matches(item: GoodsView, keyword: string): boolean {
  return !keyword || item.title.toLowerCase().includes(keyword.toLowerCase());
}

Component({
  data: {
    loading: true,
    error: '',
    items: [] as GoodsView[],
    shown: [] as GoodsView[],
    total: 0,
    page: 0,
    keyword: '',
    shop: null as ShopHeader | null,
    ownCode: null as string | null,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      captureInvite(query);
      const invite = storedInvite();
      if (invite) this.loadShop(invite.inviteCode);
      ownInviteCode().then((ownCode) => this.setData({ ownCode }));
      if (invite?.productId) wx.navigateTo({ url: `/pages/mall/detail/index?productId=${invite.productId}` });
      this.load(1);
    },
    onPullDownRefresh() {
      this.load(1).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.onMore();
    },
    onMore() {
      if (!this.data.loading && this.data.items.length < this.data.total) this.load(this.data.page + 1);
    },
    onRetry() {
      this.load(1);
    },
    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const keyword = e.detail.value.trim();
      this.setData({ keyword, shown: this.data.items.filter((i) => matches(i, keyword)) });
    },
    onSearchClear() {
      this.setData({ keyword: '', shown: this.data.items });
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/mall/detail/index?productId=${e.currentTarget.dataset.id}` });
    },
    async loadShop(inviteCode: string) {
      try {
        this.setData({ shop: await getShop(inviteCode) });
      } catch {
        this.setData({ shop: null }); // a closed or unknown shop: the mall itself
      }
    },
    async load(page: number) {
      this.setData({ loading: true, error: '' });
      try {
        const result = await listProducts({ page, pageSize: PAGE_SIZE });
        const fresh = result.items.map((p) => ({ ...p, price: formatYuan(p.priceFen) }));
        const items = page === 1 ? fresh : [...this.data.items, ...fresh];
        const { keyword } = this.data;
        this.setData({
          loading: false,
          items,
          shown: items.filter((i) => matches(i, keyword)),
          total: result.total,
          page,
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    onShareAppMessage() {
      const title = this.data.shop ? this.data.shop.shopName : '分销商城';
      return { title, path: sharePath(HOME, {}, this.data.ownCode) };
    },
    onShareTimeline() {
      return { title: '分销商城 · 好物分享', query: shareQuery({}, this.data.ownCode) };
    },
  },
});
