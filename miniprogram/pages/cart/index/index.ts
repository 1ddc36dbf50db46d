import { formatYuan } from '../../../shared/index';
import { readCart, writeCart, type CartLine } from '../../../utils/cart';

interface LineView extends CartLine {
  price: string;
}

const view = (lines: CartLine[]) => ({
  lines: lines.map((l) => ({ ...l, price: formatYuan(l.priceFen) })) as LineView[],
  count: lines.reduce((n, l) => n + l.quantity, 0),
});

Component({
  data: { lines: [] as LineView[], count: 0 },
  methods: {
    onShow() {
      this.setData(view(readCart()));
    },
    onQuantity(e: WechatMiniprogram.CustomEvent<{ value: number }, object, { id: string }>) {
      const lines = readCart().map((l) =>
        l.productId === e.currentTarget.dataset.id ? { ...l, quantity: Number(e.detail.value) } : l,
      );
      writeCart(lines);
      this.setData(view(lines));
    },
    onRemove(e: WechatMiniprogram.BaseEvent) {
      const lines = readCart().filter((l) => l.productId !== e.currentTarget.dataset.id);
      writeCart(lines);
      this.setData(view(lines));
    },
    onCheckout() {
      wx.navigateTo({ url: '/pages/order/checkout/index?from=cart' });
    },
    onShop() {
      wx.switchTab({ url: '/pages/mall/home/index' });
    },
  },
});
