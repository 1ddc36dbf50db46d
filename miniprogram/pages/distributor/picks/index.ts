/**
 * 店铺选品: the merchant's products on the shelf, paged; the distributor chooses which its shop shows
 * first and in what order, saved with distributor.updatePicks. The current picks are what buyers see
 * (catalog.home with the distributor's own code): a pick taken off the shelf is gone there, and would
 * be refused on saving anyway.
 */
import { getHome, listProducts, type ProductSummary } from '../../../services/catalog/index';
import { getCenter, updatePicks } from '../../../services/distributor/index';
import { MAX_PICKS, formatYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { loadPage, pagedList } from '../../../utils/paged';

interface GoodsView extends ProductSummary {
  price: string;
  picked: boolean;
}
type Pick = Omit<GoodsView, 'picked'>;

const PAGE_SIZE = 20;
const toPick = (p: ProductSummary): Pick => ({ ...p, price: formatYuan(p.priceFen) });

Component({
  behaviors: [pagedList],
  data: {
    items: [] as GoodsView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
    picks: [] as Pick[],
    picksLoading: true,
    picksError: '',
    max: MAX_PICKS,
    busy: false,
    saveError: '',
    saved: false,
  },
  methods: {
    onLoad() {
      this.loadPicks();
      this.load(1);
    },
    load(page: number) {
      const ids = this.data.picks.map((p) => p.productId);
      return loadPage(
        this,
        page,
        (p) => listProducts({ page: p, pageSize: PAGE_SIZE }),
        (p: ProductSummary): GoodsView => ({ ...toPick(p), picked: ids.includes(p.productId) }),
      );
    },
    async loadPicks() {
      this.setData({ picksLoading: true, picksError: '' });
      try {
        const { distributorStatus, inviteCode } = await getCenter();
        if (distributorStatus !== 'active' || !inviteCode) throw new Error('成为分销商后才能为店铺选品');
        const home = await getHome(inviteCode);
        this.setPicks((home.shop?.picks ?? []).map(toPick));
        this.setData({ picksLoading: false });
      } catch (e) {
        this.setData({ picksLoading: false, picksError: messageOf(e) });
      }
    },
    onRetryPicks() {
      this.loadPicks();
    },
    /** The picks, and each listed product marked picked or not. */
    setPicks(picks: Pick[]) {
      const ids = picks.map((p) => p.productId);
      this.setData({
        picks,
        items: this.data.items.map((i) => ({ ...i, picked: ids.includes(i.productId) })),
        saved: false,
      });
    },
    onToggle(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      const { picks, items } = this.data;
      if (picks.some((p) => p.productId === id)) {
        this.setPicks(picks.filter((p) => p.productId !== id));
        return;
      }
      if (picks.length >= MAX_PICKS) {
        this.setData({ saveError: `最多选择 ${MAX_PICKS} 个商品` });
        return;
      }
      const product = items.find((i) => i.productId === id);
      if (!product) return;
      const { picked: _picked, ...pick } = product;
      this.setData({ saveError: '' });
      this.setPicks([...picks, pick]);
    },
    onRemove(e: WechatMiniprogram.BaseEvent) {
      const id = String(e.currentTarget.dataset.id);
      this.setPicks(this.data.picks.filter((p) => p.productId !== id));
    },
    onMove(e: WechatMiniprogram.BaseEvent) {
      const from = Number(e.currentTarget.dataset.index);
      const to = from + Number(e.currentTarget.dataset.step);
      const picks = [...this.data.picks];
      if (to < 0 || to >= picks.length) return;
      [picks[from], picks[to]] = [picks[to]!, picks[from]!];
      this.setPicks(picks);
    },
    async onSave() {
      this.setData({ busy: true, saveError: '', saved: false });
      try {
        const { picks } = await updatePicks(this.data.picks.map((p) => p.productId));
        this.setPicks(picks.map(toPick));
        this.setData({ busy: false, saved: true });
      } catch (e) {
        this.setData({ busy: false, saveError: messageOf(e) });
      }
    },
  },
});
