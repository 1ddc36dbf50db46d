/**
 * One switch between the deployed CloudBase and the local CloudBase of `npm start`.
 * - cloud: `wx.cloud.callFunction` against `envId` (replace it with your environment's id).
 * - local: HTTP to the local runtime's `/fn/<name>`; the caller is `localOpenid` (DevTools only: tick
 *   "不校验合法域名" so that wx.request may reach 127.0.0.1).
 */
export interface RuntimeConfig {
  mode: 'cloud' | 'local';
  envId: string;
  localUrl: string;
  localOpenid: string;
  /**
   * Subscribe-message template ids, the same as the functions' SUBSCRIBE_TEMPLATE_COMMISSION and
   * SUBSCRIBE_TEMPLATE_WITHDRAWAL (README). Empty: the mini program does not ask.
   */
  subscribeTemplates: { commission: string; withdrawal: string };
}

export const runtimeConfig: RuntimeConfig = {
  mode: 'local',
  envId: 'your-env-id',
  localUrl: 'http://127.0.0.1:3000',
  localOpenid: 'dev-buyer',
  subscribeTemplates: { commission: '', withdrawal: '' },
};
