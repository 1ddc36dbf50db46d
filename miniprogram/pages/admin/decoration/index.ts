/**
 * 店铺装修: the home banners (picture uploaded to cloud storage, a link to a product or one of the named
 * pages, order, on/off) and the featured products, saved whole with admin.updateDecoration. Products are
 * chosen from the shelf (catalog.listProducts, paged): only products on the shelf show on the storefront.
 */
import {
  getDecoration,
  updateDecoration,
  type BannerInput,
  type DecorationInput,
} from '../../../services/admin/decoration';
import { getHome, getProduct } from '../../../services/catalog/index';
import { uploadImage } from '../../../services/storage/index';
import { LINK_PAGES, MAX_BANNERS, MAX_FEATURED } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { withPrivacy } from '../../../utils/privacy';
import { fieldErrors } from '../field-error';
import { type ChoiceView, chosenProduct, productChooser } from '../product-chooser';

type LinkPage = keyof typeof LINK_PAGES;
type Link = BannerInput['link'];

/** The pages a banner may open, by the names a merchant reads. */
const PAGE_NAMES: Record<LinkPage, string> = {
  home: '商城首页',
  center: '推广中心',
  apply: '申请成为分销商',
};
const PAGE_OPTIONS = (Object.keys(LINK_PAGES) as LinkPage[]).map((page) => ({
  page,
  name: PAGE_NAMES[page],
}));

interface BannerRow {
  bannerId?: string;
  image: string;
  link: Link;
  status: 'on' | 'off';
  linkName: string;
}
interface FeaturedRow {
  productId: string;
  title: string;
}
/** What the product chooser fills: a banner's link, or the featured list. */
type Chooser = { kind: 'banner'; index: number } | { kind: 'featured' } | null;

Component({
  behaviors: [productChooser],
  data: {
    decoLoading: true,
    decoError: '',
    banners: [] as BannerRow[],
    featured: [] as FeaturedRow[],
    maxBanners: MAX_BANNERS,
    maxFeatured: MAX_FEATURED,
    pageOptions: PAGE_OPTIONS,
    titles: {} as Record<string, string>,
    chooser: null as Chooser,
    // the chooser's product list (utils/paged)
    items: [] as ChoiceView[],
    total: 0,
    page: 0,
    loading: false,
    error: '',
    uploading: false,
    busy: false,
    saved: false,
    errors: { banners: '', featured: '', form: '' },
  },
  methods: {
    onLoad() {
      this.loadDecoration();
    },
    onRetry() {
      this.loadDecoration();
    },
    async loadDecoration() {
      this.setData({ decoLoading: true, decoError: '' });
      try {
        // catalog.home names the featured products on the shelf; any other product is read by its id
        const [decoration, home] = await Promise.all([getDecoration(), getHome().catch(() => null)]);
        const titles: Record<string, string> = {};
        for (const p of home?.featured ?? []) titles[p.productId] = p.title;
        const linked = decoration.banners.flatMap((b) =>
          b.link.type === 'product' ? [b.link.productId] : [],
        );
        const unknown = [...new Set([...decoration.featured, ...linked])].filter((id) => !titles[id]);
        const read = await Promise.all(unknown.map((id) => getProduct(id).catch(() => null)));
        unknown.forEach((id, i) => {
          const product = read[i];
          titles[id] = !product
            ? `商品 ${id}（已不存在）`
            : product.status === 'on'
              ? product.title
              : `${product.title}（已下架）`;
        });
        this.setData({ titles });
        const banners = [...decoration.banners]
          .sort((a, b) => b.sort - a.sort)
          .map((b) => this.row({ bannerId: b.bannerId, image: b.image, link: b.link, status: b.status }));
        const featured = decoration.featured.map((productId) => ({
          productId,
          title: titles[productId] ?? productId,
        }));
        this.setData({ decoLoading: false, banners, featured });
      } catch (e) {
        this.setData({ decoLoading: false, decoError: messageOf(e) });
      }
    },
    row(b: Omit<BannerRow, 'linkName'>): BannerRow {
      const name =
        b.link.type === 'page'
          ? `页面：${PAGE_NAMES[b.link.page]}`
          : `商品：${this.data.titles[b.link.productId] ?? b.link.productId}`;
      return { ...b, linkName: name };
    },
    changed(patch: Record<string, unknown>) {
      this.setData({ ...patch, saved: false });
    },
    async onAddBanner() {
      if (this.data.banners.length >= MAX_BANNERS) {
        this.setData({ 'errors.banners': `最多 ${MAX_BANNERS} 张轮播图` });
        return;
      }
      try {
        const picked = await withPrivacy(() =>
          wx.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }),
        );
        const file = picked.tempFiles[0];
        if (!file) return;
        this.setData({ uploading: true, 'errors.banners': '' });
        const image = await uploadImage(file.tempFilePath, 'banners');
        const banner = this.row({ image, link: { type: 'page', page: 'home' }, status: 'on' });
        this.changed({ uploading: false, banners: [...this.data.banners, banner] });
      } catch (e) {
        const cancelled = (e as { errMsg?: string }).errMsg?.includes('cancel');
        this.setData({ uploading: false, 'errors.banners': cancelled ? '' : messageOf(e, '图片上传失败') });
      }
    },
    onMoveBanner(e: WechatMiniprogram.BaseEvent) {
      this.changed({ banners: moved(this.data.banners, e) });
    },
    onRemoveBanner(e: WechatMiniprogram.BaseEvent) {
      const at = Number(e.currentTarget.dataset.index);
      this.changed({ banners: this.data.banners.filter((_b, i) => i !== at) });
    },
    onToggleBanner(e: WechatMiniprogram.BaseEvent) {
      const at = Number(e.currentTarget.dataset.index);
      const banners = this.data.banners.map((b, i) =>
        i === at ? { ...b, status: b.status === 'on' ? ('off' as const) : ('on' as const) } : b,
      );
      this.changed({ banners });
    },
    onLinkPage(e: WechatMiniprogram.PickerChange) {
      const at = Number(e.currentTarget.dataset.index);
      const option = PAGE_OPTIONS[Number(e.detail.value)];
      if (!option) return;
      this.setLink(at, { type: 'page', page: option.page });
    },
    setLink(at: number, link: Link) {
      const banners = this.data.banners.map((b, i) => (i === at ? this.row({ ...b, link }) : b));
      this.changed({ banners });
    },
    onChooseLinkProduct(e: WechatMiniprogram.BaseEvent) {
      this.openChooser({ kind: 'banner', index: Number(e.currentTarget.dataset.index) });
    },
    onChooseFeatured() {
      if (this.data.featured.length >= MAX_FEATURED) {
        this.setData({ 'errors.featured': `最多推荐 ${MAX_FEATURED} 个商品` });
        return;
      }
      this.openChooser({ kind: 'featured' });
    },
    openChooser(chooser: Chooser) {
      this.setData({ chooser });
      if (this.data.page === 0) this.load(1);
    },
    onCloseChooser() {
      this.setData({ chooser: null });
    },
    onChosen(e: WechatMiniprogram.BaseEvent) {
      const product = chosenProduct(this.data.items, e);
      const { chooser } = this.data;
      if (!product || !chooser) return;
      this.setData({ [`titles.${product.productId}`]: product.title, chooser: null });
      if (chooser.kind === 'banner') {
        this.setLink(chooser.index, { type: 'product', productId: product.productId });
      } else if (!this.data.featured.some((f) => f.productId === product.productId)) {
        this.changed({
          featured: [...this.data.featured, { productId: product.productId, title: product.title }],
          'errors.featured': '',
        });
      }
    },
    onMoveFeatured(e: WechatMiniprogram.BaseEvent) {
      this.changed({ featured: moved(this.data.featured, e) });
    },
    onRemoveFeatured(e: WechatMiniprogram.BaseEvent) {
      const at = Number(e.currentTarget.dataset.index);
      this.changed({ featured: this.data.featured.filter((_f, i) => i !== at) });
    },
    async onSave() {
      const { banners, featured } = this.data;
      const input: DecorationInput = {
        // the order shown is the order kept: the first banner gets the highest sort
        banners: banners.map((b, i) => ({
          ...(b.bannerId ? { bannerId: b.bannerId } : {}),
          image: b.image,
          link: b.link,
          status: b.status,
          sort: banners.length - i,
        })),
        featured: featured.map((f) => f.productId),
      };
      this.setData({ busy: true, saved: false, errors: { banners: '', featured: '', form: '' } });
      try {
        const result = await updateDecoration(input);
        const kept = result.banners.map((b) => b.bannerId);
        this.setData({
          busy: false,
          saved: true,
          banners: banners.map((b, i) => ({ ...b, bannerId: kept[i] ?? b.bannerId })),
        });
      } catch (e) {
        const { field, message } = fieldErrors(e, { banners: /banners|轮播图/, featured: /featured|推荐/ });
        this.setData({ busy: false, [`errors.${field ?? 'form'}`]: message });
      }
    },
  },
});

/** The list with the row at data-index moved by data-step (-1 up, 1 down). */
function moved<T>(list: T[], e: WechatMiniprogram.BaseEvent): T[] {
  const from = Number(e.currentTarget.dataset.index);
  const to = from + Number(e.currentTarget.dataset.step);
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
