/**
 * The `decoration` collection: one document, `home` – the storefront's banners and featured products, as
 * the merchant arranged them (`admin.updateDecoration`), read by `catalog.home`. And the `materials`
 * collection: promotion materials (推广素材) the merchant publishes for distributors.
 */
import type { BannerLink, MaterialAim, MaterialStatus } from '../../../shared/decoration';
import { COLLECTIONS, type Doc, db } from '../platform/db';
import type { PageWindow } from '../platform/paging';

export const HOME_ID = 'home';

export interface Banner {
  bannerId: string;
  /** A picture in our cloud storage (fileID). */
  image: string;
  link: BannerLink;
  /** Higher first. */
  sort: number;
  status: 'on' | 'off';
}

export interface DecorationDoc {
  _id: string;
  banners: Banner[];
  /** Product ids shown first on the storefront, in this order. */
  featured: string[];
  updatedAt: number | null;
  updatedBy: string | null;
}

export async function loadDecoration(): Promise<DecorationDoc> {
  const { data } = await db.collection(COLLECTIONS.decoration).doc(HOME_ID).get();
  return {
    _id: HOME_ID,
    banners: [],
    featured: [],
    updatedAt: null,
    updatedBy: null,
    ...((data as Partial<DecorationDoc> | null) ?? {}),
  };
}

export interface MaterialDoc {
  _id: string;
  title: string;
  text: string;
  /** Up to nine pictures in our cloud storage (fileIDs). */
  images: string[];
  productId: string | null;
  aim: MaterialAim;
  pinned: boolean;
  status: MaterialStatus;
  createdAt: number;
  updatedAt: number;
  publishedBy: string;
}

export function materialView(m: MaterialDoc) {
  return {
    materialId: m._id,
    title: m.title,
    text: m.text,
    images: m.images,
    productId: m.productId,
    aim: m.aim,
    pinned: m.pinned,
    status: m.status,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/** One page of materials matching `where`, pinned first, newest first, and how many match in all. */
export async function pageOfMaterials(
  where: Doc,
  window: PageWindow,
): Promise<{ materials: MaterialDoc[]; total: number }> {
  const query = db.collection(COLLECTIONS.materials).where(where);
  const [{ data }, { total }] = await Promise.all([
    query
      .orderBy('pinned', 'desc')
      .orderBy('createdAt', 'desc')
      .skip(window.skip)
      .limit(window.pageSize)
      .get(),
    query.count(),
  ]);
  return { materials: data as MaterialDoc[], total };
}
