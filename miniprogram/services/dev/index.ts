/**
 * 本地开发：模拟支付。Only in local mode (config.ts): the local CloudBase's `POST /dev/pay` sends WeChat
 * Pay's success notification for the order, as WeChat Pay would after a real payment.
 */
import { runtimeConfig } from '../../config';
import { ServiceError } from '../request';

export function isLocalMode(): boolean {
  return runtimeConfig.mode === 'local';
}

/** 模拟支付成功（仅本地模式） */
export function simulatePay(orderId: string): Promise<void> {
  if (!isLocalMode())
    return Promise.reject(new ServiceError({ code: 'FORBIDDEN', message: '模拟支付仅用于本地开发' }));
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${runtimeConfig.localUrl}/dev/pay`,
      method: 'POST',
      data: { orderId },
      header: { 'content-type': 'application/json' },
      success: (res) => {
        const body = res.data as
          { errcode?: number; errmsg?: string; error?: { message?: string } } | undefined;
        if (res.statusCode === 200 && body?.errcode === 0) resolve();
        else {
          const why = body?.error?.message ?? body?.errmsg ?? `HTTP ${res.statusCode}`;
          reject(new ServiceError({ code: 'RULE', message: `模拟支付失败：${why}` }));
        }
      },
      fail: (err) => reject(new ServiceError({ code: 'NETWORK', message: err.errMsg })),
    });
  });
}
