import { getProduct, type ProductDetail } from '../../../services/catalog/index';
import { formatYuan } from '../../../shared/index';
import { addToCart, CHECKOUT_STORAGE_KEY, type CartLine } from '../../../utils/cart';
import { messageOf } from '../../../utils/errors';
import { captureInvite, sharePath, shareQuery } from '../../../utils/invite';
import { ensureLogin } from '../../../utils/session';

const DETAIL = '/pages/mall/detail/index';

Component({
  data: {
    loading: true,
    error: '',
    productId: '',
    product: null as ProductDetail | null,
    images: [] as string[],
    price: '',
    offShelf: false,
    buyable: false,
    commissionText: '',
    ownCode: null as string | null,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      captureInvite(query);
      this.setData({ productId: query.productId ?? '' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      // Who is looking decides whether the page asks for the sharer's figure (the login is usually done
      // by then: app launch starts it); a failed login still shows the product.
      const me = await ensureLogin().catch(() => null);
      const sharer = me?.distributorStatus === 'active';
      this.setData({ ownCode: me?.inviteCode ?? null });
      try {
        const product = await getProduct(this.data.productId, sharer);
        // The server computes the figure with the product's own terms and the sharer's grade.
        const earning = product.shareEarningFen;
        const images = product.images.length ? product.images : product.cover ? [product.cover] : [];
        const offShelf = product.status !== 'on';
        this.setData({
          loading: false,
          product,
          images,
          price: formatYuan(product.priceFen),
          offShelf,
          buyable: !offShelf && product.stock > 0,
          commissionText: earning ? `分享赚 ${formatYuan(earning)}` : '',
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    line(): Omit<CartLine, 'quantity'> | null {
      const p = this.data.product;
      return p ? { productId: p.productId, title: p.title, cover: p.cover, priceFen: p.priceFen } : null;
    },
    onAddToCart() {
      const line = this.line();
      if (!line) return;
      addToCart(line);
      wx.showToast({ title: '已加入购物车', icon: 'success' });
    },
    onBuyNow() {
      const line = this.line();
      if (!line) return;
      wx.setStorageSync(CHECKOUT_STORAGE_KEY, [{ ...line, quantity: 1 }]);
      wx.navigateTo({ url: '/pages/order/checkout/index?from=buyNow' });
    },
    onPoster() {
      wx.navigateTo({ url: `/pages/distributor/poster/index?productId=${this.data.productId}` });
    },
    onShareAppMessage() {
      const p = this.data.product;
      return {
        title: p ? p.title : '好物分享',
        path: sharePath(DETAIL, { productId: this.data.productId }, this.data.ownCode),
        ...(p?.cover ? { imageUrl: p.cover } : {}),
      };
    },
    onShareTimeline() {
      const p = this.data.product;
      return {
        title: p ? p.title : '好物分享',
        query: shareQuery({ productId: this.data.productId }, this.data.ownCode),
      };
    },
  },
});
