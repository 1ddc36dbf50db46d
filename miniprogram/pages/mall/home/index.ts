import {
  getHome,
  listProducts,
  type HomeBanner,
  type HomeResult,
  type ProductSummary,
} from '../../../services/catalog/index';
import { formatYuan } from '../../../shared/index';
import { captureInvite, sharePath, shareQuery, storedInvite } from '../../../utils/invite';
import { messageOf } from '../../../utils/errors';
import { ownInviteCode } from '../../../utils/session';

interface GoodsView extends ProductSummary {
  price: string;
}
type ShopView = Omit<NonNullable<HomeResult['shop']>, 'picks'>;

const PAGE_SIZE = 20;
const HOME = '/pages/mall/home/index';
/** Tab pages open with switchTab, which takes no query (the center shows its apply button anyway). */
const TAB_PAGES = [
  'pages/mall/home/index',
  'pages/cart/index/index',
  'pages/promote/center/index',
  'pages/user/mine/index',
];

const goodsView = (p: ProductSummary): GoodsView => ({ ...p, price: formatYuan(p.priceFen) });

/** The rest of the catalog: what the top part does not show already. */
function visible(items: GoodsView[], above: string[]): GoodsView[] {
  return items.filter((i) => !above.includes(i.productId));
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
    banners: [] as HomeBanner[],
    featured: [] as GoodsView[],
    shop: null as ShopView | null,
    picks: [] as GoodsView[],
    /** Products the top part shows: left out of the list below. */
    above: [] as string[],
    ownCode: null as string | null,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      captureInvite(query);
      const invite = storedInvite();
      this.loadTop(invite?.inviteCode);
      ownInviteCode().then((ownCode) => this.setData({ ownCode }));
      if (invite?.productId) wx.navigateTo({ url: `/pages/mall/detail/index?productId=${invite.productId}` });
      this.load(1);
    },
    onPullDownRefresh() {
      Promise.all([this.loadTop(storedInvite()?.inviteCode), this.load(1)]).then(() =>
        wx.stopPullDownRefresh(),
      );
    },
    onReachBottom() {
      this.onMore();
    },
    onMore() {
      if (!this.data.loading && this.data.items.length < this.data.total) this.load(this.data.page + 1);
    },
    onRetry() {
      this.loadTop(storedInvite()?.inviteCode);
      this.load(1);
    },
    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value });
    },
    /** The whole shelf is searched by the server, on the search page. */
    onSearchSubmit() {
      const keyword = this.data.keyword.trim();
      wx.navigateTo({
        url: `/pages/mall/search/index${keyword ? `?keyword=${encodeURIComponent(keyword)}` : ''}`,
      });
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/mall/detail/index?productId=${e.currentTarget.dataset.id}` });
    },
    onBanner(e: WechatMiniprogram.BaseEvent) {
      const path = String(e.currentTarget.dataset.path);
      const bare = path.split('?')[0];
      if (TAB_PAGES.includes(bare)) wx.switchTab({ url: `/${bare}` });
      else wx.navigateTo({ url: `/${path}` });
    },
    /** Banners, featured products and the shop's header and picks; the list below still works without. */
    async loadTop(inviteCode?: string) {
      try {
        const home = await getHome(inviteCode);
        const picks = (home.shop?.picks ?? []).map(goodsView);
        const pickIds = picks.map((p) => p.productId);
        const featured = home.featured.map(goodsView).filter((p) => !pickIds.includes(p.productId));
        const above = [...pickIds, ...featured.map((p) => p.productId)];
        let shop: ShopView | null = null;
        if (home.shop) {
          const { picks: _picks, ...header } = home.shop;
          shop = header;
        }
        this.setData({
          banners: home.banners,
          featured,
          picks,
          shop,
          above,
          shown: visible(this.data.items, above),
        });
      } catch {
        // the decoration is an extra: the products below stay, with their own error state
        this.setData({ banners: [], featured: [], picks: [], shop: null, above: [] });
      }
    },
    async load(page: number) {
      this.setData({ loading: true, error: '' });
      try {
        const result = await listProducts({ page, pageSize: PAGE_SIZE });
        const fresh = result.items.map(goodsView);
        const items = page === 1 ? fresh : [...this.data.items, ...fresh];
        this.setData({
          loading: false,
          items,
          shown: visible(items, this.data.above),
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
