/**
 * One paged list on a page: page 1 replaces, later pages append, `more()` loads the next page while there
 * is one. The page keeps `items`, `total`, `page`, `loading`, `error` in its data.
 */
import { messageOf } from './errors';

export interface PagedData<V> {
  items: V[];
  total: number;
  page: number;
  loading: boolean;
  error: string;
}

interface Host<V> {
  data: PagedData<V>;
  setData(data: Partial<PagedData<V>>): void;
}

export async function loadPage<I, V>(
  host: Host<V>,
  page: number,
  fetch: (page: number) => Promise<{ items: I[]; total: number }>,
  view: (item: I) => V,
): Promise<void> {
  host.setData({ loading: true, error: '' });
  try {
    const result = await fetch(page);
    const fresh = result.items.map(view);
    host.setData({
      loading: false,
      items: page === 1 ? fresh : [...host.data.items, ...fresh],
      total: result.total,
      page,
    });
  } catch (e) {
    host.setData({ loading: false, error: messageOf(e) });
  }
}

export function hasMore<V>(data: PagedData<V>): boolean {
  return !data.loading && data.items.length < data.total;
}

/** What `pagedList` needs of its page: the paged data and the page's own `load(page)`. */
interface PagedPage {
  data: PagedData<unknown>;
  load(page: number): Promise<void>;
}

const pagedPage = (self: unknown) => self as PagedPage;

/**
 * The methods every paged list page has alike – first page on load, pull-down refresh, next page at the
 * bottom or on 加载更多, retry after an error; the page defines `load(page)` (usually with loadPage).
 */
export const pagedList = Behavior({
  methods: {
    onLoad() {
      pagedPage(this).load(1);
    },
    onPullDownRefresh() {
      pagedPage(this)
        .load(1)
        .then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      const page = pagedPage(this);
      if (hasMore(page.data)) page.load(page.data.page + 1);
    },
    onMore() {
      const page = pagedPage(this);
      if (hasMore(page.data)) page.load(page.data.page + 1);
    },
    onRetry() {
      pagedPage(this).load(1);
    },
  },
});

/**
 * What a filtered list page adds to `pagedList` – tabs that set `status`, a search box on `keyword`, and
 * a fresh first page when the user comes back from a record (the first show is the load's). The page
 * keeps `status` and `keyword` in its data.
 */
export const listControls = Behavior({
  methods: {
    onShow() {
      const self = this as unknown as { shownOnce?: boolean };
      if (self.shownOnce) pagedPage(this).load(1);
      self.shownOnce = true;
    },
    onTab(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      (this as unknown as WechatMiniprogram.Component.TrivialInstance).setData({
        status: e.detail.value,
        items: [],
        total: 0,
      });
      pagedPage(this).load(1);
    },
    onKeyword(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      (this as unknown as WechatMiniprogram.Component.TrivialInstance).setData({ keyword: e.detail.value });
    },
    onSearch() {
      (this as unknown as WechatMiniprogram.Component.TrivialInstance).setData({ items: [], total: 0 });
      pagedPage(this).load(1);
    },
    onClearSearch() {
      (this as unknown as WechatMiniprogram.Component.TrivialInstance).setData({
        keyword: '',
        items: [],
        total: 0,
      });
      pagedPage(this).load(1);
    },
  },
});
