/**
 * One promotion material (no materialId: a new one): title, copy text, up to nine pictures uploaded to
 * cloud storage, what it is for (a product, the shop, or inviting friends to share and sell too – the
 * apply page, without a product), pinned; saved with admin.upsertMaterial; retired or published again
 * with admin.setMaterialStatus. The server's VALIDATION message shows beside its field.
 */
import {
  listMaterials,
  setMaterialStatus,
  upsertMaterial,
  type Material,
  type MaterialInput,
} from '../../../services/admin/decoration';
import { getProduct } from '../../../services/catalog/index';
import { uploadImage } from '../../../services/storage/index';
import { MAX_MATERIAL_IMAGES, MAX_MATERIAL_TEXT } from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { withPrivacy } from '../../../utils/privacy';
import { fieldErrors } from '../field-error';
import { type ChoiceView, chosenProduct, productChooser } from '../product-chooser';
import { AIM_NAMES } from './names';

type Aim = Material['aim'];
type Field = 'title' | 'text' | 'images' | 'productId' | 'aim';
const FIELDS: Record<Field, RegExp> = {
  title: /title|标题/,
  text: /text|文案/,
  images: /images|图片/,
  productId: /productId|商品/,
  aim: /aim|用途/,
};
const NO_ERRORS: Record<Field | 'form', string> = {
  title: '',
  text: '',
  images: '',
  productId: '',
  aim: '',
  form: '',
};
const LOOKUP_PAGE = 100;

/** There is no single-material read: the merchant's list, a page of 100 at a time, holds it. */
async function findMaterial(materialId: string): Promise<Material> {
  for (let page = 1; ; page++) {
    const result = await listMaterials({ page, pageSize: LOOKUP_PAGE });
    const found = result.items.find((m) => m.materialId === materialId);
    if (found) return found;
    if (page * LOOKUP_PAGE >= result.total) throw new Error('素材不存在');
  }
}

Component({
  behaviors: [productChooser],
  data: {
    materialId: '',
    fetching: false,
    fetchError: '',
    title: '',
    text: '',
    images: [] as string[],
    aim: 'sell' as Aim,
    aims: (Object.keys(AIM_NAMES) as Aim[]).map((value) => ({ value, name: AIM_NAMES[value] })),
    productId: '',
    productTitle: '',
    pinned: false,
    status: '' as Material['status'] | '',
    maxImages: MAX_MATERIAL_IMAGES,
    maxText: MAX_MATERIAL_TEXT,
    uploading: false,
    busy: false,
    saved: '',
    errors: { ...NO_ERRORS },
    choosing: false,
    // the product chooser (utils/paged)
    items: [] as ChoiceView[],
    total: 0,
    page: 0,
    loading: false,
    error: '',
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      if (query.materialId) {
        this.setData({ materialId: query.materialId });
        wx.setNavigationBarTitle({ title: '编辑素材' });
        this.fetch();
      } else {
        wx.setNavigationBarTitle({ title: '新建素材' });
      }
    },
    onRetry() {
      this.fetch();
    },
    async fetch() {
      this.setData({ fetching: true, fetchError: '' });
      try {
        const m = await findMaterial(this.data.materialId);
        this.show(m);
        this.setData({ fetching: false });
        if (m.productId) {
          const product = await getProduct(m.productId).catch(() => null);
          this.setData({ productTitle: product ? product.title : `商品 ${m.productId}（已不存在）` });
        }
      } catch (e) {
        this.setData({ fetching: false, fetchError: messageOf(e) });
      }
    },
    show(m: Material) {
      this.setData({
        materialId: m.materialId,
        title: m.title,
        text: m.text,
        images: m.images,
        aim: m.aim,
        productId: m.productId ?? '',
        pinned: m.pinned,
        status: m.status,
      });
    },
    edit(patch: Record<string, unknown>) {
      this.setData({ ...patch, saved: '' });
    },
    onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.edit({ title: e.detail.value, 'errors.title': '' });
    },
    onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.edit({ text: e.detail.value, 'errors.text': '' });
    },
    onAim(e: WechatMiniprogram.BaseEvent) {
      const aim = e.currentTarget.dataset.value as Aim;
      // inviting to share opens the apply page: no product goes with it
      this.edit({ aim, 'errors.aim': '', ...(aim === 'recruit' ? { productId: '', productTitle: '' } : {}) });
    },
    onPinned(e: WechatMiniprogram.SwitchChange) {
      this.edit({ pinned: e.detail.value });
    },
    async onAddImages() {
      const room = MAX_MATERIAL_IMAGES - this.data.images.length;
      if (room <= 0) {
        this.setData({ 'errors.images': `最多 ${MAX_MATERIAL_IMAGES} 张图片` });
        return;
      }
      try {
        const picked = await withPrivacy(() =>
          wx.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'] }),
        );
        this.setData({ uploading: true, 'errors.images': '' });
        for (const file of picked.tempFiles.slice(0, room)) {
          const fileID = await uploadImage(file.tempFilePath, 'materials');
          this.edit({ images: [...this.data.images, fileID] });
        }
        this.setData({ uploading: false });
      } catch (e) {
        const cancelled = (e as { errMsg?: string }).errMsg?.includes('cancel');
        this.setData({ uploading: false, 'errors.images': cancelled ? '' : messageOf(e, '图片上传失败') });
      }
    },
    onRemoveImage(e: WechatMiniprogram.BaseEvent) {
      const at = Number(e.currentTarget.dataset.index);
      this.edit({ images: this.data.images.filter((_i, i) => i !== at) });
    },
    onPreview(e: WechatMiniprogram.BaseEvent) {
      wx.previewImage({ urls: this.data.images, current: String(e.currentTarget.dataset.src) });
    },
    onChooseProduct() {
      this.setData({ choosing: true });
      if (this.data.page === 0) this.load(1);
    },
    onCloseChooser() {
      this.setData({ choosing: false });
    },
    onChosen(e: WechatMiniprogram.BaseEvent) {
      const product = chosenProduct(this.data.items, e);
      if (!product) return;
      this.edit({
        choosing: false,
        productId: product.productId,
        productTitle: product.title,
        'errors.productId': '',
      });
    },
    onClearProduct() {
      this.edit({ productId: '', productTitle: '' });
    },
    async onSave() {
      const { materialId, title, text, images, aim, productId, pinned } = this.data;
      const input: MaterialInput = {
        ...(materialId ? { materialId } : {}),
        title: title.trim(),
        text: text.trim(),
        images,
        aim,
        productId: aim === 'sell' && productId ? productId : null,
        pinned,
      };
      this.setData({ busy: true, saved: '', errors: { ...NO_ERRORS } });
      try {
        const m = await upsertMaterial(input);
        this.show(m);
        this.setData({ busy: false, saved: materialId ? '已保存' : '已发布，分销商可以在推广素材中看到' });
      } catch (e) {
        const { field, message } = fieldErrors(e, FIELDS);
        this.setData({ busy: false, [`errors.${field ?? 'form'}`]: message });
      }
    },
    async onStatus() {
      const { materialId, status } = this.data;
      if (!materialId) return;
      this.setData({ busy: true, saved: '', 'errors.form': '' });
      try {
        const m = await setMaterialStatus({
          materialId,
          status: status === 'published' ? 'retired' : 'published',
        });
        this.setData({
          busy: false,
          status: m.status,
          saved: m.status === 'retired' ? '已撤下' : '已重新发布',
        });
      } catch (e) {
        this.setData({ busy: false, 'errors.form': messageOf(e) });
      }
    },
  },
});
