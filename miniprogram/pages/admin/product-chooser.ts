/**
 * Choosing a product of the shelf in an admin editor (a banner's link, featured products, a material's
 * product): the shelf paged into the page's `items` (loadPage's fields), more on demand, retry.
 * The page opens and closes its chooser and decides what a choice does.
 */
import { type ProductSummary, listProducts } from '../../services/catalog/index';
import { formatYuan } from '../../shared/index';
import { loadPage } from '../../utils/paged';

export interface ChoiceView extends ProductSummary {
  price: string;
}

const PAGE_SIZE = 20;
const choice = (p: ProductSummary): ChoiceView => ({ ...p, price: formatYuan(p.priceFen) });

type Host = Parameters<typeof loadPage<ProductSummary, ChoiceView>>[0] & {
  load(page: number): Promise<void>;
};

export const productChooser = Behavior({
  methods: {
    load(page: number) {
      return loadPage(
        this as unknown as Host,
        page,
        (p) => listProducts({ page: p, pageSize: PAGE_SIZE }),
        choice,
      );
    },
    onMore() {
      const host = this as unknown as Host;
      if (!host.data.loading && host.data.items.length < host.data.total) host.load(host.data.page + 1);
    },
    onChooserRetry() {
      (this as unknown as Host).load(1);
    },
  },
});

/** The product a tap in the chooser names (data-id), if it is among those shown. */
export function chosenProduct(
  items: readonly ChoiceView[],
  e: WechatMiniprogram.BaseEvent,
): ChoiceView | undefined {
  return items.find((p) => p.productId === e.currentTarget.dataset.id);
}
