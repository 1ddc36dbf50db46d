/**
 * WeChat's privacy agreement (`__usePrivacyCheck__` in app.json): before the address, album, avatar and
 * image-picking APIs the user must have agreed. WeChat accepts the agreement only from a tap on a
 * `<button open-type="agreePrivacyAuthorization">` whose id is passed back to its resolver – a modal's
 * "agree" does not count. So every page that calls such an API carries `<privacy-popup />`
 * (components/privacy-popup), which registers here; the app's `wx.onNeedPrivacyAuthorization` handler
 * (`askForPrivacy`) shows the popup of the page on screen.
 *
 * `withPrivacy` asks first when WeChat says agreement is needed (wx.getPrivacySetting /
 * wx.requirePrivacyAuthorize, which ends in the same popup), then runs the API; a refusal rejects.
 */
export interface PrivacyDecision {
  event: 'agree' | 'disagree';
  /** The id of the agreePrivacyAuthorization button tapped – WeChat requires it with 'agree'. */
  buttonId?: string;
}
export type PrivacyResolve = (decision: PrivacyDecision) => void;

export interface PrivacyPrompt {
  show(resolve: PrivacyResolve): void;
}

/** Popups of the pages alive, the page on screen last. */
const prompts: PrivacyPrompt[] = [];

/** A popup joins when its page attaches and comes back to the top each time its page shows. */
export function registerPrivacyPrompt(prompt: PrivacyPrompt): void {
  unregisterPrivacyPrompt(prompt);
  prompts.push(prompt);
}

export function unregisterPrivacyPrompt(prompt: PrivacyPrompt): void {
  const at = prompts.indexOf(prompt);
  if (at >= 0) prompts.splice(at, 1);
}

/** The wx.onNeedPrivacyAuthorization handler: the page on screen asks; without a popup it is a refusal. */
export function askForPrivacy(resolve: PrivacyResolve): void {
  const prompt = prompts[prompts.length - 1];
  if (prompt) prompt.show(resolve);
  else resolve({ event: 'disagree' });
}

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
