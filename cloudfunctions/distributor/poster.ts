/**
 * distributor.poster: the mini program code of the distributor's invitation, for the poster the mini
 * program draws on a Canvas (code, shop name, logo) and saves to the album.
 *
 * - The code comes from `wxacode.getUnlimited` (no quota limit) with the scene of shared/invite-code.ts:
 *   the invite code plus a page hint – home (`h`), the distributor's shop (`s`) or a product (`g…`).
 * - Every scene opens ONE landing page (`POSTER_LANDING_PAGE`, default the home page), which decodes
 *   `options.scene` with decodeScene and goes on to the shop or product: `getUnlimited` takes no query,
 *   and a single page keeps the codes valid when pages move.
 * - The PNG is uploaded to cloud storage once and cached per distributor and page in `posters`
 *   (`<userId>:<page>`); later calls only make a fresh temporary URL. A cached file that has gone
 *   missing is generated again. Invite codes never change, so a cached code never goes stale.
 * - `qrCode` = `{ fileID, url, expiresAt }`: the fileID for <image> and wx.cloud.downloadFile, the
 *   temporary URL (2 h) for wx.getImageInfo / Canvas drawing. `shop`, `avatarUrl` and, on a product
 *   poster, `product` carry what the poster shows, every picture as a URL a Canvas can load.
 *
 * Environment: `POSTER_LANDING_PAGE`; `WXACODE_ENV_VERSION` = release (default) | trial | develop – the
 * version the code opens; `check_path` is only on for release, where the page must be published.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type ScenePage, encodeScene } from '../../shared/invite-code';
import { cloud } from '../common/platform/cloud';
import { COLLECTIONS, db } from '../common/platform/db';
import { tempUrlOf } from '../common/platform/files';
import { action } from '../common/platform/handler';
import { type ProductDoc } from '../common/stores/products';
import { requireUser } from '../common/stores/users';
import { shopView } from './shop-view';

export const DEFAULT_LANDING_PAGE = 'pages/mall/home/index';

const posterSchema = z
  .object({
    page: z.enum(['home', 'shop', 'goods'], { error: '海报页面必须是 home、shop 或 goods' }).optional(),
    productId: z.string().trim().min(1).max(64).optional(),
  })
  .refine((v) => (v.page === 'goods') === (v.productId !== undefined), {
    error: '商品海报需要 productId，其他海报不需要',
  });

function landingPage(): string {
  return process.env.POSTER_LANDING_PAGE?.trim() || DEFAULT_LANDING_PAGE;
}

function codeOptions(): { checkPath: boolean; envVersion: string } {
  const envVersion = process.env.WXACODE_ENV_VERSION?.trim() || 'release';
  return { envVersion, checkPath: envVersion === 'release' };
}

interface PosterDoc {
  _id: string;
  userId: string;
  fileID: string;
  scene: string;
  page: string;
  createdAt: number;
}

async function generate(userId: string, pageKey: string, scene: string, page: string): Promise<PosterDoc> {
  const code = (await cloud.openapi.wxacode.getUnlimited({ scene, page, width: 430, ...codeOptions() })) as {
    buffer?: Buffer;
  };
  if (!code?.buffer || code.buffer.length === 0) throw new Error('wxacode.getUnlimited returned no image');
  const { fileID } = await cloud.uploadFile({
    cloudPath: `posters/${userId}/${pageKey}.png`,
    fileContent: Buffer.from(code.buffer),
  });
  const doc: PosterDoc = { _id: `${userId}:${pageKey}`, userId, fileID, scene, page, createdAt: Date.now() };
  const { _id, ...data } = doc;
  await db.collection(COLLECTIONS.posters).doc(_id).set({ data });
  return doc;
}

/** A picture as a Canvas loads it: a stored file by its temporary URL, a web address as it is, else null. */
async function canvasUrlOf(src: string | undefined): Promise<string | null> {
  if (!src) return null;
  if (!src.startsWith('cloud://')) return /^https?:\/\//.test(src) ? src : null;
  return (await tempUrlOf(src))?.url ?? null;
}

/** 推广海报：小程序码（缓存）、店铺信息、头像，商品海报另有商品图、标题与价格 */
export const poster = action(posterSchema, async (input, ctx) => {
  const user = await requireUser(ctx);
  if (user.distributorStatus !== 'active' || !user.inviteCode) {
    throw new AppError('FORBIDDEN', '成为分销商后才能生成推广海报');
  }
  const kind = input.page ?? 'home';
  let scenePage: ScenePage;
  let pageKey: string;
  let product: ProductDoc | null = null;
  if (kind === 'goods') {
    const productId = input.productId as string;
    const { data } = await db.collection(COLLECTIONS.products).doc(productId).get();
    product = (data as ProductDoc | null) ?? null;
    if (!product || product.status === 'off') throw new AppError('NOT_FOUND', '商品不存在或已下架');
    scenePage = { kind: 'goods', productId };
    pageKey = `goods-${productId}`;
  } else {
    scenePage = { kind };
    pageKey = kind;
  }
  const scene = encodeScene({ inviteCode: user.inviteCode, page: scenePage });
  const page = landingPage();

  const { data: cached } = await db.collection(COLLECTIONS.posters).doc(`${user._id}:${pageKey}`).get();
  let doc = cached && cached.scene === scene && cached.page === page ? ({ ...cached } as PosterDoc) : null;
  let url = doc ? await tempUrlOf(doc.fileID) : null;
  const fromCache = url !== null;
  if (!doc || !url) {
    doc = await generate(user._id, pageKey, scene, page);
    url = await tempUrlOf(doc.fileID);
    if (!url) throw new Error(`poster ${doc.fileID} has no download URL right after upload`);
  }
  const picture = product ? product.images?.[0] || product.cover : '';
  const [shop, avatarUrl, productImageUrl] = await Promise.all([
    shopView(user),
    canvasUrlOf(user.avatarUrl),
    canvasUrlOf(picture),
  ]);
  return {
    inviteCode: user.inviteCode,
    scene,
    page,
    qrCode: { fileID: doc.fileID, url: url.url, expiresAt: url.expiresAt },
    shop,
    avatarUrl,
    product: product && {
      productId: product._id,
      title: product.title,
      priceFen: product.priceFen,
      imageUrl: productImageUrl,
    },
    cached: fromCache,
  };
});
