import { listProducts, type ProductSummary } from '../../../services/catalog/listProducts';
import { formatFen } from '../../../utils/price';

interface GoodsView extends ProductSummary {
  price: string;
}

Component({
  data: {
    loading: true,
    error: '',
    items: [] as GoodsView[],
  },
  methods: {
    onLoad() {
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const page = await listProducts();
        const items = page.items.map((p) => ({ ...p, price: formatFen(p.priceFen) }));
        this.setData({ loading: false, items });
      } catch (e) {
        this.setData({ loading: false, error: (e as Error).message || '加载失败' });
      }
    },
  },
});
