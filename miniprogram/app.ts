import { runtimeConfig } from './config';
import { captureInvite } from './utils/invite';
import { ensureLogin } from './utils/session';

App({
  onLaunch() {
    if (runtimeConfig.mode === 'cloud') {
      wx.cloud.init({ env: runtimeConfig.envId, traceUser: true });
    }
  },
  onShow(options) {
    // Every entry, cold or hot (a link, a poster's code, a timeline share), may bring an inviter: keep it
    // and log in again so that the server applies its binding policy to it.
    const captured = captureInvite(options.query as Record<string, string>);
    ensureLogin(Boolean(captured)).catch(() => undefined);
  },
});
