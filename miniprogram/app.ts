import { runtimeConfig } from './config';
import { captureInvite } from './utils/invite';
import { askForPrivacy, type PrivacyResolve } from './utils/privacy';
import { ensureLogin } from './utils/session';

App({
  onLaunch() {
    if (runtimeConfig.mode === 'cloud') {
      wx.cloud.init({ env: runtimeConfig.envId, traceUser: true });
    }
    // The privacy agreement (app.json __usePrivacyCheck__): the page on screen shows its <privacy-popup />.
    if (typeof wx.onNeedPrivacyAuthorization === 'function') {
      // the typings name the argument a result; WeChat passes the resolve function
      wx.onNeedPrivacyAuthorization((resolver) => askForPrivacy(resolver as unknown as PrivacyResolve));
    }
  },
  onShow(options) {
    // Every entry, cold or hot (a link, a poster's code, a timeline share), may bring an inviter: keep it
    // and log in again so that the server applies its binding policy to it.
    const captured = captureInvite(options.query as Record<string, string>);
    ensureLogin(Boolean(captured)).catch(() => undefined);
  },
});
