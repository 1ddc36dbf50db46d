/**
 * Picking pictures and uploading them to cloud storage, as every editor does it: the privacy agreement
 * first (the page carries <privacy-popup />), then the album or camera, then one upload per picture.
 */
import { uploadImage } from '../services/storage/index';
import { messageOf } from './errors';
import { withPrivacy } from './privacy';

/**
 * Lets the user pick up to `count` pictures and uploads each into `folder`; the file IDs in the order
 * picked. `onUploading` runs once the picker closed with pictures (show a spinner). A closed picker: [].
 */
export async function pickImages(count: number, folder: string, onUploading?: () => void): Promise<string[]> {
  if (count < 1) return [];
  const picked = await withPrivacy(() =>
    wx.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] }),
  );
  const files = picked.tempFiles.slice(0, count);
  if (files.length === 0) return [];
  onUploading?.();
  const ids: string[] = [];
  for (const file of files) ids.push(await uploadImage(file.tempFilePath, folder));
  return ids;
}

/** What to say when picking or uploading failed; '' when the user just closed the picker. */
export function pickProblem(e: unknown): string {
  return (e as { errMsg?: string } | null)?.errMsg?.includes('cancel') ? '' : messageOf(e, '图片上传失败');
}
