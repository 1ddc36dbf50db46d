import { runtimeConfig } from './config';
import { captureInvite } from './utils/invite';
import { ensureLogin } from './utils/session';

App({
  onLaunch() {
    if (runtimeConfig.mode === 'cloud') {
      wx.cloud.init({ env: runtimeConfig.envId, traceUser: true });
    }
    // The privacy agreement (app.json __usePrivacyCheck__) before address, album and avatar APIs.
    if (typeof wx.onNeedPrivacyAuthorization === 'function') {
      wx.onNeedPrivacyAuthorization((resolver) => {
        // the typings name the argument a result; WeChat passes the resolve function
        const resolve = resolver as unknown as (result: { event: 'agree' | 'disagree' }) => void;
        wx.showModal({
          title: '用户隐私保护提示',
          content: '使用收货地址、相册或头像前，请阅读并同意《用户隐私保护指引》。',
          confirmText: '同意',
          cancelText: '拒绝',
          success: (r) => resolve({ event: r.confirm ? 'agree' : 'disagree' }),
          fail: () => resolve({ event: 'disagree' }),
        });
      });
    }
  },
  onShow(options) {
    // Every entry, cold or hot (a link, a poster's code, a timeline share), may bring an inviter: keep it
    // and log in again so that the server applies its binding policy to it.
    const captured = captureInvite(options.query as Record<string, string>);
    ensureLogin(Boolean(captured)).catch(() => undefined);
  },
});
