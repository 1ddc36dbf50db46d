/**
 * The privacy agreement as WeChat requires it (utils/privacy.ts): the user's tap on the
 * agreePrivacyAuthorization button agrees, 拒绝 refuses, and the guide opens with wx.openPrivacyContract.
 * Plain views, no tdesign: it sits in main-package pages, whose budget is tight.
 */
import {
  type PrivacyPrompt,
  type PrivacyResolve,
  registerPrivacyPrompt,
  unregisterPrivacyPrompt,
} from '../../utils/privacy';

const AGREE_BUTTON = 'privacy-agree';
const DEFAULT_CONTRACT = '《用户隐私保护指引》';

Component({
  data: { visible: false, contractName: DEFAULT_CONTRACT, agreeId: AGREE_BUTTON },
  lifetimes: {
    attached() {
      registerPrivacyPrompt(this as unknown as PrivacyPrompt);
    },
    detached() {
      unregisterPrivacyPrompt(this as unknown as PrivacyPrompt);
      this.decide({ event: 'disagree' });
    },
  },
  pageLifetimes: {
    show() {
      registerPrivacyPrompt(this as unknown as PrivacyPrompt);
    },
  },
  methods: {
    show(resolve: PrivacyResolve) {
      // a second request while one is open answers the first as refused: WeChat keeps one at a time
      this.decide({ event: 'disagree' });
      (this as unknown as { pending: PrivacyResolve | null }).pending = resolve;
      this.setData({ visible: true });
      if (typeof wx.getPrivacySetting === 'function') {
        wx.getPrivacySetting({
          success: (r: { privacyContractName?: string }) =>
            this.setData({ contractName: r.privacyContractName || DEFAULT_CONTRACT }),
        });
      }
    },
    decide(decision: { event: 'agree' | 'disagree'; buttonId?: string }) {
      const self = this as unknown as { pending: PrivacyResolve | null };
      const resolve = self.pending;
      self.pending = null;
      if (resolve) resolve(decision);
      if (this.data.visible) this.setData({ visible: false });
    },
    onAgree() {
      this.decide({ event: 'agree', buttonId: AGREE_BUTTON });
    },
    onRefuse() {
      this.decide({ event: 'disagree' });
    },
    onOpenContract() {
      wx.openPrivacyContract({});
    },
  },
});
