/**
 * WeChat's privacy agreement (`__usePrivacyCheck__` in app.json): before the address, album and avatar APIs
 * the user must have agreed. `withPrivacy` asks first when WeChat says agreement is needed
 * (wx.getPrivacySetting / wx.requirePrivacyAuthorize), then runs the API; a refusal rejects.
 * The app registers wx.onNeedPrivacyAuthorization (app.ts) so that a call made without asking still
 * shows the agreement.
 */
export async function withPrivacy<T>(call: () => Promise<T>): Promise<T> {
  if (typeof wx.getPrivacySetting === 'function') {
    const setting = await new Promise<{ needAuthorization: boolean }>((resolve) =>
      wx.getPrivacySetting({ success: resolve, fail: () => resolve({ needAuthorization: false }) }),
    );
    if (setting.needAuthorization) {
      await new Promise<void>((resolve, reject) =>
        wx.requirePrivacyAuthorize({ success: () => resolve(), fail: reject }),
      );
    }
  }
  return call();
}
