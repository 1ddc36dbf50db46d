import { runtimeConfig } from './config';

App({
  onLaunch() {
    if (runtimeConfig.mode === 'cloud') {
      wx.cloud.init({ env: runtimeConfig.envId, traceUser: true });
    }
  },
});
