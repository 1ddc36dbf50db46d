/**
 * 编辑商品 (no productId: a new one): title, up to nine pictures (the first is the cover), price in yuan,
 * stock, shelf, sort, description and the product's own commission – none, a percentage or a fixed
 * amount per level, as many levels as the merchant pays – saved with admin.upsertProduct. What cannot
 * be read is named beside its field before sending; the server's VALIDATION fields are shown there too.
 */
import { getConfig } from '../../../services/admin/config';
import {
  type ProductEdit,
  type ProductInput,
  getAdminProduct,
  saveProduct,
} from '../../../services/admin/products';
import type { ServiceError } from '../../../services/request';
import { imageSrc } from '../../../services/storage/index';
import { parseYuan } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { pickImages, pickProblem } from '../../../utils/pick-images';
import { fenToYuanText, percentToRate, rateToPercent } from '../amounts';

const MAX_IMAGES = 9;
type CommissionMode = 'none' | 'rate' | 'fixed';
type Errors = Record<string, string>;

interface ProductForm {
  title: string;
  images: string[];
  price: string;
  stock: string;
  on: boolean;
  sort: string;
  description: string;
  commissionMode: CommissionMode;
  /** Percent (rate mode) or yuan (fixed mode) per level. */
  commission: string[];
}

const EMPTY: ProductForm = {
  title: '',
  images: [],
  price: '',
  stock: '',
  on: true,
  sort: '0',
  description: '',
  commissionMode: 'none',
  commission: ['', '', ''],
};

function formOf(p: ProductEdit): ProductForm {
  const c = p.commission;
  return {
    title: p.title,
    images: p.images.length ? [...p.images] : p.cover ? [p.cover] : [],
    price: fenToYuanText(p.priceFen),
    stock: String(p.stock),
    on: p.status === 'on',
    sort: String(p.sort),
    description: p.description,
    commissionMode: c ? c.mode : 'none',
    commission: [0, 1, 2].map((i) =>
      !c
        ? ''
        : c.mode === 'rate'
          ? c.rates[i]
            ? rateToPercent(c.rates[i])
            : ''
          : fenToYuanText(c.amountsFen[i]),
    ),
  };
}

/** Beside which field a problem with this input path is shown. */
function fieldOf(path: string): string {
  const head = path.split('.')[0];
  if (head === 'cover') return 'images';
  if (head === 'priceFen') return 'price';
  return head || 'form';
}

Component({
  data: {
    productId: '',
    loading: true,
    loadError: '',
    saving: false,
    uploading: false,
    levels: 3,
    form: EMPTY,
    imageSrcs: [] as string[],
    errors: {} as Errors,
    maxImages: MAX_IMAGES,
    modes: [
      { value: 'none', label: '按商户设置' },
      { value: 'rate', label: '按比例' },
      { value: 'fixed', label: '固定金额' },
    ],
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ productId: query.productId ?? '' });
      wx.setNavigationBarTitle({ title: query.productId ? '编辑商品' : '新增商品' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const { productId } = this.data;
        const [config, product] = await Promise.all([
          getConfig(),
          productId ? getAdminProduct(productId) : Promise.resolve(null),
        ]);
        this.show(product ? formOf(product) : { ...EMPTY, commission: ['', '', ''] });
        this.setData({ loading: false, levels: config.levels });
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    show(form: ProductForm) {
      this.setData({ form, imageSrcs: form.images.map(imageSrc) });
    },
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string | boolean }, object, { key: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.key}`]: e.detail.value });
    },
    onMode(e: WechatMiniprogram.CustomEvent<{ value: CommissionMode }>) {
      this.setData({ 'form.commissionMode': e.detail.value, 'form.commission': ['', '', ''] });
    },
    async onAddImages() {
      const room = MAX_IMAGES - this.data.form.images.length;
      try {
        const added = await pickImages(room, 'products', () =>
          this.setData({ uploading: true, 'errors.images': '' }),
        );
        this.setData({ uploading: false });
        if (added.length) this.show({ ...this.data.form, images: [...this.data.form.images, ...added] });
      } catch (e) {
        this.setData({ uploading: false, 'errors.images': pickProblem(e) });
      }
    },
    onImageFirst(e: WechatMiniprogram.BaseEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const images = [...this.data.form.images];
      const [picked] = images.splice(index, 1);
      this.show({ ...this.data.form, images: [picked, ...images] });
    },
    onImageRemove(e: WechatMiniprogram.BaseEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.show({ ...this.data.form, images: this.data.form.images.filter((_, i) => i !== index) });
    },
    /** The input for admin.upsertProduct, or the fields that cannot be read. */
    input(): { input: ProductInput | null; errors: Errors } {
      const f = this.data.form;
      const errors: Errors = {};
      const yuan = (text: string, key: string): number => {
        try {
          return parseYuan(text.trim());
        } catch (e) {
          errors[key] = (e as Error).message;
          return 0;
        }
      };
      const int = (text: string, key: string): number => {
        if (/^\d{1,8}$/.test(text.trim())) return Number(text.trim());
        errors[key] = '请填写整数';
        return 0;
      };
      if (!f.title.trim()) errors.title = '请填写商品名称';
      const priceFen = f.price.trim() ? yuan(f.price, 'price') : ((errors.price = '请填写价格'), 0);
      const levels = f.commission.slice(0, this.data.levels);
      let commission: ProductInput['commission'] = null;
      if (f.commissionMode === 'rate') {
        const rates = levels.map((p) => percentToRate(p || '0'));
        if (rates.some((r) => r === null))
          errors.commission = '每级请填写 0–99.99 之间的百分数，最多两位小数';
        commission = { mode: 'rate', rates: rates.map((r) => r ?? '0') };
      } else if (f.commissionMode === 'fixed') {
        commission = { mode: 'fixed', amountsFen: levels.map((y) => (y.trim() ? yuan(y, 'commission') : 0)) };
      }
      const input: ProductInput = {
        ...(this.data.productId ? { productId: this.data.productId } : {}),
        title: f.title.trim(),
        priceFen,
        stock: int(f.stock, 'stock'),
        images: f.images,
        ...(f.images[0] ? { cover: f.images[0] } : {}),
        status: f.on ? 'on' : 'off',
        sort: int(f.sort || '0', 'sort'),
        description: f.description,
        commission,
      };
      return { input: Object.keys(errors).length ? null : input, errors };
    },
    async onSave() {
      const { input, errors } = this.input();
      this.setData({ errors });
      if (!input) return;
      this.setData({ saving: true });
      try {
        const saved = await saveProduct(input);
        this.setData({ saving: false, productId: saved.productId });
        this.show(formOf(saved));
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (e) {
        const fields = (e as Partial<ServiceError>)?.fields ?? [];
        const byField: Errors = {};
        for (const { path, message } of fields) byField[fieldOf(path)] = message;
        if (!fields.length) byField.form = messageOf(e);
        this.setData({ saving: false, errors: byField });
      }
    },
  },
});
