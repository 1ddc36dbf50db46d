import { createOrder, type CreateOrderInput, type CreatedOrder } from '../../../services/order/index';
import { formatYuan } from '../../../shared/index';
import { CHECKOUT_STORAGE_KEY, readCart, writeCart, type CartLine } from '../../../utils/cart';
import { messageOf } from '../../../utils/errors';
import { orderInvite } from '../../../utils/invite';
import { confirmSimulatedPayment, paymentProblem, startPayment } from '../../../utils/payment';
import { withPrivacy } from '../../../utils/privacy';

type Address = CreateOrderInput['address'];
interface LineView extends CartLine {
  price: string;
}

Component({
  data: {
    lines: [] as LineView[],
    fromCart: false,
    address: null as Address | null,
    manual: false,
    form: { name: '', phone: '', detail: '' } as Address,
    order: null as CreatedOrder | null,
    payable: '',
    busy: false,
    error: '',
    simulating: false,
  },
  methods: {
    onLoad(query: Record<string, string>) {
      const fromCart = query.from === 'cart';
      const lines = fromCart
        ? readCart()
        : (wx.getStorageSync(CHECKOUT_STORAGE_KEY) as CartLine[] | '') || [];
      this.setData({ fromCart, lines: lines.map((l) => ({ ...l, price: formatYuan(l.priceFen) })) });
    },
    async onChooseAddress() {
      try {
        const picked = await withPrivacy(() => wx.chooseAddress());
        const detail = [picked.provinceName, picked.cityName, picked.countyName, picked.detailInfo].join('');
        this.setData({ address: { name: picked.userName, phone: picked.telNumber, detail }, manual: false });
      } catch {
        // refused, cancelled or unavailable: the buyer types the address instead
        this.setData({ manual: true });
      }
    },
    onFormInput(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: keyof Address }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    onSaveForm() {
      const { name, phone, detail } = this.data.form;
      if (!name.trim() || !phone.trim() || !detail.trim()) {
        this.setData({ error: '请填写收货人、手机号和地址' });
        return;
      }
      this.setData({
        address: { name: name.trim(), phone: phone.trim(), detail: detail.trim() },
        manual: false,
        error: '',
      });
    },
    async onSubmit() {
      const { address, lines } = this.data;
      if (!address) {
        this.setData({ error: '请选择收货地址' });
        return;
      }
      this.setData({ busy: true, error: '' });
      try {
        const order = await createOrder({
          items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
          address,
          ...orderInvite(),
        });
        if (this.data.fromCart) writeCart([]);
        this.setData({ busy: false, order, payable: formatYuan(order.payableFen) });
      } catch (e) {
        this.setData({ busy: false, error: messageOf(e) });
      }
    },
    async onPay() {
      const order = this.data.order;
      if (!order) return;
      this.setData({ busy: true, error: '' });
      try {
        if ((await startPayment(order.orderId)) === 'simulate') {
          this.setData({ busy: false, simulating: true });
          return;
        }
        this.paid();
      } catch (e) {
        this.setData({ busy: false, error: paymentProblem(e) });
      }
    },
    async onSimulateConfirm() {
      const order = this.data.order;
      if (!order) return;
      this.setData({ busy: true });
      try {
        await confirmSimulatedPayment(order.orderId);
        this.setData({ simulating: false });
        this.paid();
      } catch (e) {
        this.setData({ busy: false, simulating: false, error: messageOf(e) });
      }
    },
    onSimulateClose(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!e.detail.visible) this.setData({ simulating: false });
    },
    paid() {
      this.setData({ busy: false });
      wx.showToast({ title: '支付成功', icon: 'success' });
      wx.redirectTo({ url: `/pages/order/detail/index?orderId=${this.data.order!.orderId}` });
    },
  },
});
