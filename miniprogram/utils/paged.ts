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
