import { getPoster, type PosterResult } from '../../../services/distributor/index';
import { saveToAlbum } from '../../../utils/album';
import { messageOf } from '../../../utils/errors';
import { POSTER_WIDTH, type PosterLayout, type PosterStep, posterLayout } from './layout';
import { formatYuan } from '../../../shared/index';

/** The part of Canvas 2D's context the poster uses (the mini program typings have no DOM). */
interface Context2D {
  fillStyle: string;
  font: string;
  textAlign: string;
  scale(x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: WechatMiniprogram.Image, x: number, y: number, w: number, h: number): void;
  save(): void;
  restore(): void;
  beginPath(): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  clip(): void;
}

/** Loads an image into a Canvas 2D canvas. */
function loadImage(canvas: WechatMiniprogram.Canvas, src: string): Promise<WechatMiniprogram.Image> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('海报图片加载失败'));
    img.src = src;
  });
}

/** Executes the layout's steps; every picture is loaded first, so a missing one fails before drawing. */
async function paint(canvas: WechatMiniprogram.Canvas, ctx: Context2D, steps: PosterStep[]): Promise<void> {
  const images = await Promise.all(
    steps.map((step) => (step.kind === 'image' ? loadImage(canvas, step.src) : Promise.resolve(null))),
  );
  steps.forEach((step, i) => {
    if (step.kind === 'rect') {
      ctx.fillStyle = step.color;
      ctx.fillRect(step.x, step.y, step.w, step.h);
    } else if (step.kind === 'text') {
      ctx.fillStyle = step.color;
      ctx.font = step.font;
      ctx.textAlign = step.align;
      ctx.fillText(step.text, step.x, step.y);
    } else if (step.round) {
      ctx.save();
      ctx.beginPath();
      ctx.arc(step.x + step.w / 2, step.y + step.h / 2, step.w / 2, 0, Math.PI * 2);
      ctx.clip();
      ctx.drawImage(images[i]!, step.x, step.y, step.w, step.h);
      ctx.restore();
    } else {
      ctx.drawImage(images[i]!, step.x, step.y, step.w, step.h);
    }
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
    productId: '',
    price: '',
    width: POSTER_WIDTH,
    height: 0,
  },
  methods: {
    onLoad(query: Record<string, string> = {}) {
      this.setData({ productId: query.productId ?? '' });
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      try {
        const { productId } = this.data;
        const poster = await getPoster(productId ? { page: 'goods', productId } : { page: 'home' });
        const shopName = poster.shop?.shopName ?? '我的小店';
        this.setData({
          loading: false,
          poster,
          shopName,
          price: poster.product ? formatYuan(poster.product.priceFen) : '',
          height: this.layout(poster, shopName).height,
        });
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    layout(poster: PosterResult, shopName: string): PosterLayout {
      return posterLayout({
        shopName,
        inviteCode: poster.inviteCode,
        codeUrl: poster.qrCode.url,
        avatarUrl: poster.avatarUrl,
        product: poster.product,
      });
    },
    /** Draws the poster's layout on the off-screen Canvas 2D; its temp file. */
    draw(): Promise<string> {
      const { steps, height } = this.layout(this.data.poster!, this.data.shopName);
      return new Promise((resolve, reject) => {
        this.createSelectorQuery()
          .select('#poster-canvas')
          .fields({ node: true, size: true })
          .exec(async (res: { node: WechatMiniprogram.Canvas }[]) => {
            try {
              const canvas = res[0]?.node;
              if (!canvas) throw new Error('海报画布不可用');
              const ratio = wx.getWindowInfo().pixelRatio;
              canvas.width = POSTER_WIDTH * ratio;
              canvas.height = height * ratio;
              const ctx = canvas.getContext('2d') as Context2D;
              ctx.scale(ratio, ratio);
              await paint(canvas, ctx, steps);
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
