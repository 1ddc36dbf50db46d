/**
 * 上传图片到云存储（头像、店铺 logo、商品图、素材图）：返回 cloud:// 文件 ID. In local mode the local
 * CloudBase stores it (`POST /dev/upload`, what wx.uploadFile sends) and answers the same kind of file ID;
 * `imageSrc` turns such an ID into the local runtime's URL for <image>, which has no wx.cloud there.
 */
import { runtimeConfig } from '../../config';
import { ServiceError } from '../request';

function cloudPathFor(filePath: string, folder: string): string {
  const ext = /\.(\w+)$/.exec(filePath)?.[1] ?? 'png';
  return `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
}

function uploadLocally(filePath: string, cloudPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${runtimeConfig.localUrl}/dev/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath },
      success: (res) => {
        let body: { fileID?: string; error?: { message?: string } } = {};
        try {
          body = JSON.parse(res.data);
        } catch {
          // not JSON: reported below
        }
        if (res.statusCode === 200 && body.fileID) resolve(body.fileID);
        else
          reject(
            new ServiceError({
              code: 'RULE',
              message: `图片上传失败：${body.error?.message ?? `HTTP ${res.statusCode}`}`,
            }),
          );
      },
      fail: (err) => reject(new ServiceError({ code: 'NETWORK', message: err.errMsg })),
    });
  });
}

export function uploadImage(filePath: string, folder: string): Promise<string> {
  const cloudPath = cloudPathFor(filePath, folder);
  if (runtimeConfig.mode !== 'cloud') return uploadLocally(filePath, cloudPath);
  return wx.cloud.uploadFile({ cloudPath, filePath }).then((res) => res.fileID);
}

/** What <image src> takes for a stored picture: the file ID in the cloud, the local runtime's URL locally. */
export function imageSrc(src: string): string {
  if (runtimeConfig.mode === 'cloud' || !src.startsWith('cloud://')) return src;
  const path = src.replace(/^cloud:\/\/[^/]+\//, '');
  return `${runtimeConfig.localUrl}/files/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** 下载云存储图片到本地临时文件（保存到相册前）：返回临时路径 */
export function downloadImage(fileID: string): Promise<string> {
  if (runtimeConfig.mode === 'cloud') {
    return wx.cloud.downloadFile({ fileID }).then((res) => res.tempFilePath);
  }
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url: imageSrc(fileID),
      success: (res) =>
        res.statusCode === 200
          ? resolve(res.tempFilePath)
          : reject(new ServiceError({ code: 'RULE', message: `图片下载失败：HTTP ${res.statusCode}` })),
      fail: (err) => reject(new ServiceError({ code: 'NETWORK', message: err.errMsg })),
    });
  });
}
