/**
 * 推广素材: the merchant's published materials, pinned first, paged. Each: its text (copied with one
 * tap), its pictures (previewed; all saved to the album through utils/album's permission paths) and a
 * share button whose card opens the material's share path – which carries the caller's invite code.
 */
import { listMaterials, type SharedMaterial } from '../../../services/distributor/index';
import { downloadImage } from '../../../services/storage/index';
import { formatYuan } from '../../../shared/index';
import { saveToAlbum } from '../../../utils/album';
import { messageOf } from '../../../utils/errors';
import { sharePath } from '../../../utils/invite';
import { loadPage, pagedList } from '../../../utils/paged';
import { ownInviteCode } from '../../../utils/session';

interface MaterialView extends SharedMaterial {
  aimName: string;
  price: string;
}

const PAGE_SIZE = 10;
const SHARE_TITLE_LENGTH = 28;

function view(m: SharedMaterial): MaterialView {
  return {
    ...m,
    aimName: m.aim === 'recruit' ? '邀请好友一起分享' : '推广商品',
    price: m.product ? formatYuan(m.product.priceFen) : '',
  };
}

/** A share card's title: the start of the material's text, on one line. */
function shareTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > SHARE_TITLE_LENGTH ? `${chars.slice(0, SHARE_TITLE_LENGTH).join('')}…` : line;
}

Component({
  behaviors: [pagedList],
  data: {
    items: [] as MaterialView[],
    total: 0,
    page: 0,
    loading: true,
    error: '',
    /** The material whose pictures are being saved, and what came of the last save (shown beside it). */
    savingId: '',
    resultId: '',
    notice: '',
    saveError: '',
  },
  methods: {
    load(page: number) {
      return loadPage(this, page, (p) => listMaterials({ page: p, pageSize: PAGE_SIZE }), view);
    },
    find(e: WechatMiniprogram.BaseEvent): MaterialView | undefined {
      return this.data.items[Number(e.currentTarget.dataset.index)];
    },
    onCopy(e: WechatMiniprogram.BaseEvent) {
      const material = this.find(e);
      if (material) wx.setClipboardData({ data: material.text }); // WeChat itself says 内容已复制
    },
    onPreview(e: WechatMiniprogram.BaseEvent) {
      const material = this.find(e);
      if (material) wx.previewImage({ urls: material.images, current: String(e.currentTarget.dataset.src) });
    },
    onOpenProduct(e: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/pages/mall/detail/index?productId=${e.currentTarget.dataset.id}` });
    },
    async onSaveImages(e: WechatMiniprogram.BaseEvent) {
      const material = this.find(e);
      if (!material || this.data.savingId) return;
      const id = material.materialId;
      this.setData({ savingId: id, resultId: id, notice: '', saveError: '' });
      let saved = 0;
      try {
        for (const image of material.images) {
          const outcome = await saveToAlbum(await downloadImage(image));
          if (outcome === 'refused') throw new Error('没有相册权限，图片未保存');
          if (outcome === 'cancelled') break;
          saved++;
        }
        this.setData({ savingId: '', notice: saved > 0 ? `已保存 ${saved} 张图片到相册` : '' });
      } catch (err) {
        const done = saved > 0 ? `已保存 ${saved} 张，` : '';
        this.setData({ savingId: '', saveError: `${done}${messageOf(err, '保存失败')}` });
      }
    },
    onShareAppMessage(res: WechatMiniprogram.Page.IShareAppMessageOption) {
      const index = res.from === 'button' ? Number(res.target?.dataset?.index) : NaN;
      const material = this.data.items[index];
      if (material) {
        return {
          title: shareTitle(material.text),
          path: `/${material.sharePath}`,
          ...(material.images[0] ? { imageUrl: material.images[0] } : {}),
        };
      }
      // the menu's share: the mall, still with the caller's code
      return ownInviteCode().then((code) => ({
        title: '分享好物给你',
        path: sharePath('/pages/mall/home/index', {}, code),
      }));
    },
  },
});
