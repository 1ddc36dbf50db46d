import { getCenter, updateShop, type ShopInput } from '../../../services/distributor/index';
import { uploadImage } from '../../../services/storage/index';
import { messageOf } from '../../../utils/errors';
import { withPrivacy } from '../../../utils/privacy';

Component({
  data: {
    loading: true,
    loadError: '',
    shopName: '',
    intro: '',
    /** The stored cloud fileID ('' = none). */
    logo: '',
    /** What the preview shows: the picked file, or the stored logo's temporary URL. */
    logoShown: '',
    uploading: false,
    busy: false,
    error: '',
    saved: false,
  },
  methods: {
    onLoad() {
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const { shop } = await getCenter();
        this.setData({
          loading: false,
          shopName: shop?.shopName ?? '',
          intro: shop?.intro ?? '',
          logo: shop?.logo ?? '',
          logoShown: shop?.logoUrl ?? '',
        });
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ shopName: e.detail.value, saved: false });
    },
    onIntro(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ intro: e.detail.value, saved: false });
    },
    async onChooseLogo() {
      try {
        const picked = await withPrivacy(() =>
          wx.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] }),
        );
        const file = picked.tempFiles[0];
        if (!file) return;
        this.setData({ uploading: true, error: '', logoShown: file.tempFilePath });
        const logo = await uploadImage(file.tempFilePath, 'shop-logos');
        this.setData({ uploading: false, logo, saved: false });
      } catch (e) {
        const cancelled = (e as { errMsg?: string }).errMsg?.includes('cancel');
        this.setData({ uploading: false, error: cancelled ? '' : messageOf(e, '图片上传失败') });
      }
    },
    onPicks() {
      wx.navigateTo({ url: '/pages/distributor/picks/index' });
    },
    async onSave() {
      const shopName = this.data.shopName.trim();
      const intro = this.data.intro.trim();
      const input: ShopInput = {
        logo: this.data.logo,
        ...(shopName ? { shopName } : {}),
        ...(intro ? { intro } : {}),
      };
      this.setData({ busy: true, error: '', saved: false });
      try {
        await updateShop(input);
        this.setData({ busy: false, saved: true });
      } catch (e) {
        this.setData({ busy: false, error: messageOf(e) });
      }
    },
  },
});
