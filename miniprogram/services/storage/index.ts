/** 上传图片到云存储（头像、店铺 logo）：返回 cloud:// 文件 ID */
import { runtimeConfig } from '../../config';
import { ServiceError } from '../request';

export function uploadImage(filePath: string, folder: string): Promise<string> {
  if (runtimeConfig.mode !== 'cloud') {
    return Promise.reject(new ServiceError({ code: 'RULE', message: '本地开发环境暂不支持上传图片' }));
  }
  const ext = /\.(\w+)$/.exec(filePath)?.[1] ?? 'png';
  const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
  return wx.cloud.uploadFile({ cloudPath, filePath }).then((res) => res.fileID);
}

/** 下载云存储图片到本地临时文件（保存到相册前）：返回临时路径 */
export function downloadImage(fileID: string): Promise<string> {
  if (runtimeConfig.mode !== 'cloud') {
    return Promise.reject(new ServiceError({ code: 'RULE', message: '本地开发环境暂不支持下载图片' }));
  }
  return wx.cloud.downloadFile({ fileID }).then((res) => res.tempFilePath);
}
