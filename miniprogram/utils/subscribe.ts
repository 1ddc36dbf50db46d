/**
 * Asks for subscribe messages (佣金到账提醒, 提现结果通知) at the moment the user acts – WeChat allows the
 * request only inside a tap. Never blocks the action: a refusal or an unconfigured template is ignored.
 */
import { runtimeConfig } from '../config';

export type SubscribeTopic = keyof typeof runtimeConfig.subscribeTemplates;

export function askSubscribe(topics: SubscribeTopic[]): Promise<void> {
  const tmplIds = topics.map((t) => runtimeConfig.subscribeTemplates[t]).filter(Boolean);
  if (tmplIds.length === 0 || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      complete: () => resolve(),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}
