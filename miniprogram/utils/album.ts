/**
 * Saves a picture to the phone's album, with WeChat's permission paths: the privacy agreement first
 * (utils/privacy), and when the album permission was refused before, an explanation and wx.openSetting –
 * the only way back once a user said no – then one more try.
 */
import { withPrivacy } from './privacy';

const denied = (e: unknown) => /auth|deny|denied|authorize/i.test((e as { errMsg?: string })?.errMsg ?? '');

export type SaveOutcome = 'saved' | 'refused' | 'cancelled';

export async function saveToAlbum(filePath: string): Promise<SaveOutcome> {
  try {
    await withPrivacy(() => wx.saveImageToPhotosAlbum({ filePath }));
    return 'saved';
  } catch (e) {
    if (!denied(e)) {
      if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return 'cancelled';
      throw e;
    }
  }
  const { confirm } = await wx.showModal({
    title: '需要相册权限',
    content: '保存海报需要访问你的相册，请在设置中允许“保存到相册”。',
    confirmText: '去设置',
  });
  if (!confirm) return 'refused';
  const { authSetting } = await wx.openSetting();
  if (!authSetting['scope.writePhotosAlbum']) return 'refused';
  await wx.saveImageToPhotosAlbum({ filePath });
  return 'saved';
}
