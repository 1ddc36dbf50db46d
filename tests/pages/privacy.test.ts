/**
 * WeChat's privacy agreement: the page on screen shows its <privacy-popup />, WeChat gets the agreement
 * only with the id of the agreePrivacyAuthorization button tapped, and every page that calls an API
 * under the agreement carries the popup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT, renderPage, settle, textOf } from './harness';
import { SERVICES, me, mockLogin, mockWx } from './mocks';

type Privacy = typeof import('../../miniprogram/utils/privacy');

function setup() {
  jest.doMock(SERVICES.user, () => ({ login: jest.fn().mockResolvedValue(me()), updateProfile: jest.fn() }));
  mockLogin(me());
  const page = renderPage('pages/user/mine/index');
  const w = mockWx();
  const contract = jest.fn();
  Object.assign(wx, {
    getPrivacySetting: (o: { success: (r: unknown) => void }) =>
      o.success({ needAuthorization: true, privacyContractName: '《分销商城隐私保护指引》' }),
    openPrivacyContract: contract,
  });
  // the page's own instance of the module (renderPage starts a fresh module registry)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const privacy: Privacy = require('../../miniprogram/utils/privacy');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const popup = page.comp.querySelector('.privacy-popup') as any;
  return { ...page, w, privacy, popup, contract };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fire = (node: any, event: string) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-exparser').triggerEvent(node._exparserNode, event, {}, {});

describe('components/privacy-popup', () => {
  it("shows the page's popup when WeChat needs the agreement, and agrees only by the button's tap", async () => {
    const page = setup();
    expect(textOf(page.comp)).not.toContain('用户隐私保护提示');
    const resolve = jest.fn();
    page.privacy.askForPrivacy(resolve);
    await settle(page.simulate);
    expect(textOf(page.popup)).toContain('用户隐私保护提示');
    expect(textOf(page.popup)).toContain('《分销商城隐私保护指引》');
    const agree = page.popup.querySelector('.privacy__agree');
    // simulate's built-in <button> keeps no open-type: the markup says it
    const markup = fs.readFileSync(
      path.join(MINIPROGRAM_ROOT, 'components/privacy-popup/index.wxml'),
      'utf8',
    );
    expect(markup).toMatch(
      /<button id="\{\{agreeId\}\}" class="privacy__agree" open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">/,
    );
    fire(page.popup.querySelector('.privacy__link'), 'tap');
    expect(page.contract).toHaveBeenCalled();
    fire(agree, 'agreeprivacyauthorization');
    await settle(page.simulate);
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: agree._exparserNode.id });
    expect(agree._exparserNode.id).toBeTruthy();
    expect(textOf(page.popup)).not.toContain('用户隐私保护提示');
  });

  it('refuses with 拒绝, and when no page on screen can ask', async () => {
    const page = setup();
    const resolve = jest.fn();
    page.privacy.askForPrivacy(resolve);
    await settle(page.simulate);
    fire(page.popup.querySelector('.privacy__refuse'), 'tap');
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
    page.comp.detach();
    const orphan = jest.fn();
    page.privacy.askForPrivacy(orphan);
    expect(orphan).toHaveBeenCalledWith({ event: 'disagree' });
  });
});

describe('pages that need the agreement carry the popup', () => {
  // APIs under WeChat's privacy agreement that our pages reach, directly or through a helper
  const NEEDS = /withPrivacy|saveToAlbum|chooseMedia|chooseImage|chooseAddress|chooseAvatar|uploadImage/;
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'miniprogram_npm') walk(full);
      else if (entry.name === 'index.json' && full.includes(`${path.sep}pages${path.sep}`)) pages.push(dir);
    }
  };
  walk(path.join(MINIPROGRAM_ROOT, 'pages'));

  it.each(pages.map((dir) => path.relative(MINIPROGRAM_ROOT, dir)))('%s', (rel) => {
    const dir = path.join(MINIPROGRAM_ROOT, rel);
    const code = ['index.ts', 'index.wxml'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    if (!NEEDS.test(code)) return;
    expect(fs.readFileSync(path.join(dir, 'index.wxml'), 'utf8')).toContain('<privacy-popup');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
    expect(json.usingComponents['privacy-popup']).toBe('/components/privacy-popup/index');
  });
});
