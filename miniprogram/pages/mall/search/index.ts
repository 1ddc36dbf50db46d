/**
 * 搜索：the whole shelf searched by the server (catalog.listProducts with a keyword), paged; the buyer's
 * recent searches are kept on the phone.
 */
import { listProducts, type ProductSummary } from '../../../services/catalog/index';
import { formatYuan } from '../../../shared/index';
import { loadPage, pagedList } from '../../../utils/paged';

interface GoodsView extends ProductSummary {
  price: string;
}

export const RECENT_KEY = 'mall.searches';
const RECENT_MAX = 8;
const PAGE_SIZE = 20;

function recentSearches(): string[] {
  const kept = wx.getStorageSync(RECENT_KEY);
  return Array.isArray(kept) ? kept.filter((k): k is string => typeof k === 'string') : [];
}

const view = (p: ProductSummary): GoodsView => ({ ...p, price: formatYuan(p.priceFen) });

Component({
  behaviors: [pagedList],
  data: {
    /** What the results are for ('' = nothing searched yet). */
    keyword: '',
    draft: '',
    recent: [] as string[],
    items: [] as GoodsView[],
    total: 0,
    page: 0,
    loading: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ recent: recentSearches() });
      const keyword = decodeURIComponent(query.keyword ?? '').trim();
      if (keyword) this.search(keyword);
    },
    onDraft(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: e.detail.value });
    },
    onSubmit() {
      this.search(this.data.draft);
    },
    onRecent(e: WechatMiniprogram.TouchEvent) {
      this.search(String(e.currentTarget.dataset.keyword ?? ''));
    },
    onClearRecent() {
      wx.removeStorageSync(RECENT_KEY);
      this.setData({ recent: [] });
    },
    onClear() {
      this.setData({ draft: '', keyword: '', items: [], total: 0, page: 0, error: '' });
    },
    search(text: string) {
      const keyword = text.trim();
      if (!keyword) return;
      const recent = [keyword, ...recentSearches().filter((k) => k !== keyword)].slice(0, RECENT_MAX);
      wx.setStorageSync(RECENT_KEY, recent);
      this.setData({ keyword, draft: keyword, recent, items: [], total: 0, page: 0 });
      this.load(1);
    },
    load(page: number) {
      const { keyword } = this.data;
      if (!keyword) return Promise.resolve();
      return loadPage(this, page, (p) => listProducts({ keyword, page: p, pageSize: PAGE_SIZE }), view);
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/mall/detail/index?productId=${e.currentTarget.dataset.id}` });
    },
  },
});
