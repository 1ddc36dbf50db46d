import { getPoster, type PosterResult } from '../../../services/distributor/index';
import { saveToAlbum } from '../../../utils/album';
import { messageOf } from '../../../utils/errors';

/** The part of Canvas 2D's context the poster uses (the mini program typings have no DOM). */
interface Context2D {
  fillStyle: string;
  font: string;
  textAlign: string;
  scale(x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: WechatMiniprogram.Image, x: number, y: number, w: number, h: number): void;
}

const WIDTH = 300;
const HEIGHT = 420;

/** Loads an image into a Canvas 2D canvas. */
function loadImage(canvas: WechatMiniprogram.Canvas, src: string): Promise<WechatMiniprogram.Image> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('海报图片加载失败'));
    img.src = src;
  });
}

Component({
  data: {
    loading: true,
    error: '',
    notice: '',
    poster: null as PosterResult | null,
    shopName: '',
    busy: false,
    width: WIDTH,
    height: HEIGHT,
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
        const poster = await getPoster({ page: 'home' });
        this.setData({ loading: false, poster, shopName: poster.shop?.shopName ?? '我的小店' });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    /** Draws the poster (shop name, slogan, the mini program code, invite code) with Canvas 2D; its temp file. */
    draw(): Promise<string> {
      const poster = this.data.poster!;
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('#poster-canvas')
          .fields({ node: true, size: true })
          .exec(async (res: { node: WechatMiniprogram.Canvas }[]) => {
            try {
              const canvas = res[0]?.node;
              if (!canvas) throw new Error('海报画布不可用');
              const ratio = wx.getWindowInfo().pixelRatio;
              canvas.width = WIDTH * ratio;
              canvas.height = HEIGHT * ratio;
              const ctx = canvas.getContext('2d') as Context2D;
              ctx.scale(ratio, ratio);
              ctx.fillStyle = '#ffffff';
              ctx.fillRect(0, 0, WIDTH, HEIGHT);
              ctx.fillStyle = '#1f1f1f';
              ctx.textAlign = 'center';
              ctx.font = 'bold 20px sans-serif';
              ctx.fillText(this.data.shopName, WIDTH / 2, 48);
              ctx.font = '13px sans-serif';
              ctx.fillStyle = '#595959';
              ctx.fillText('好物分享给你，长按识别小程序码进店看看', WIDTH / 2, 76);
              const code = await loadImage(canvas, poster.qrCode.url);
              ctx.drawImage(code, (WIDTH - 200) / 2, 100, 200, 200);
              ctx.fillStyle = '#8c8c8c';
              ctx.fillText(`邀请码 ${poster.inviteCode}`, WIDTH / 2, 330);
              const { tempFilePath } = await wx.canvasToTempFilePath({
                canvas,
              } as WechatMiniprogram.CanvasToTempFilePathOption);
              resolve(tempFilePath);
            } catch (e) {
              reject(e);
            }
          });
      });
    },
    async onSave() {
      this.setData({ busy: true, error: '', notice: '' });
      try {
        const outcome = await saveToAlbum(await this.draw());
        this.setData({
          busy: false,
          notice: outcome === 'saved' ? '已保存到相册，快分享给好友吧' : '',
          error: outcome === 'refused' ? '没有相册权限，海报未保存' : '',
        });
      } catch (e) {
        this.setData({ busy: false, error: messageOf(e, '保存失败') });
      }
    },
  },
});
