/**
 * Files in cloud storage: temporary download URLs for what the mini program shows (a poster, a shop logo)
 * and the check that a file a user points at is really an image of ours. The mini program can show a
 * `cloud://` fileID directly in <image>, but a Canvas poster and the local runtime need a URL.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { cloud } from './cloud';

/** `cloud://<env>.<bucket>/<path>` – the fileID `wx.cloud.uploadFile` answers. */
export const FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]+\/[^\s?#]+$/;

export const TEMP_URL_MAX_AGE_S = 2 * 3600;

export interface TempUrl {
  url: string;
  /** ms since the epoch */
  expiresAt: number;
}

/** A temporary URL for the file, or null when the file does not exist (any more). */
export async function tempUrlOf(fileID: string, maxAgeS = TEMP_URL_MAX_AGE_S): Promise<TempUrl | null> {
  const result = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeS }] })) as {
    fileList?: { tempFileURL?: string; status?: number }[];
  };
  const item = result?.fileList?.[0];
  if (!item || item.status !== 0 || !item.tempFileURL) return null;
  return { url: item.tempFileURL, expiresAt: Date.now() + maxAgeS * 1000 };
}

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp';

/** The image type from the file's first bytes (its real content, whatever its name says), or null. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'webp';
  }
  return null;
}

/** Downloads a stored file (null when it does not exist or cannot be read). */
export async function downloadStored(fileID: string): Promise<Buffer | null> {
  try {
    const { fileContent } = await cloud.downloadFile({ fileID });
    return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent);
  } catch {
    return null;
  }
}

/**
 * Refuses (VALIDATION, in words) a fileID that is not a picture in our own storage: the file must exist
 * and really be a PNG, JPEG, GIF or WebP (its first bytes are read, not its name) of at most `maxBytes`.
 * An outside URL could change after review, track buyers or fail the domain whitelist; a temporary URL
 * of our storage expires.
 */
export async function assertStoredImage(
  fileID: string,
  label: string,
  maxBytes = 2 * 1024 * 1024,
): Promise<void> {
  const bytes = await downloadStored(fileID);
  if (!bytes) throw new AppError('VALIDATION', `${label}文件不存在，请重新上传`);
  if (bytes.length > maxBytes)
    throw new AppError('VALIDATION', `${label}不能超过 ${Math.round(maxBytes / 1024 / 1024)}MB`);
  if (!sniffImage(bytes)) throw new AppError('VALIDATION', `${label}必须是 PNG、JPG、GIF 或 WebP 图片`);
}

/** A fileID of our storage as an input: `cloud://…`. */
export function fileIdSchema(label: string) {
  return z
    .string({ error: `${label}必须是云存储文件 ID` })
    .trim()
    .max(512, { error: `${label}文件 ID 过长` })
    .regex(FILE_ID, { error: `${label}必须是上传到云存储后得到的文件 ID（cloud://…）` });
}
