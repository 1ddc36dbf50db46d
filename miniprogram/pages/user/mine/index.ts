import { imageSrc, uploadImage } from '../../../services/storage/index';
import { updateProfile, type LoginResult } from '../../../services/user/index';
import { messageOf } from '../../../utils/errors';
import { withPrivacy } from '../../../utils/privacy';
import { ensureLogin } from '../../../utils/session';

/** The admin home (the admin subpackage's dashboard); the entry shows for admins only. */
export const ADMIN_PAGE: string | null = '/pages/admin/dashboard/index';

const ROLE: Record<LoginResult['distributorStatus'], string> = {
  none: '普通会员',
  pending: '分销商申请审核中',
  active: '分销商',
  disabled: '分销资格已停用',
};

Component({
  data: {
    loading: true,
    error: '',
    notice: '',
    me: null as LoginResult | null,
    /** What <image> shows of the avatar (a stored file's local URL in local mode). */
    avatar: '',
    initial: '',
    roleText: '',
    adminEntry: false,
    orderTabs: [
      { status: 'unpaid', name: '待付款', icon: 'wallet' },
      { status: 'paid', name: '待发货', icon: 'deliver' },
      { status: 'shipped', name: '待收货', icon: 'gift' },
      { status: 'refunding', name: '退款/售后', icon: 'service' },
    ],
  },
  methods: {
    onShow() {
      this.load();
    },
    onRetry() {
      this.load(true);
    },
    async load(again = false) {
      this.setData({ loading: !this.data.me, error: '' });
      try {
        this.show(await ensureLogin(again));
      } catch (e) {
        this.setData({ loading: false, error: messageOf(e) });
      }
    },
    show(me: LoginResult) {
      this.setData({
        loading: false,
        me,
        avatar: imageSrc(me.avatarUrl),
        initial: (me.nickname || '我').slice(0, 1),
        roleText: ROLE[me.distributorStatus],
        adminEntry: me.isAdmin && ADMIN_PAGE !== null,
      });
    },
    async onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
      try {
        const fileId = await withPrivacy(() => uploadImage(e.detail.avatarUrl, 'avatars'));
        await updateProfile({ avatarUrl: fileId });
        this.setData({ 'me.avatarUrl': fileId, avatar: imageSrc(fileId), notice: '' });
        ensureLogin(true).catch(() => undefined);
      } catch (err) {
        this.setData({ notice: messageOf(err) });
      }
    },
    async onNickname(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const nickname = e.detail.value.trim();
      if (!nickname || nickname === this.data.me?.nickname) return;
      try {
        await updateProfile({ nickname });
        this.setData({ 'me.nickname': nickname, initial: nickname.slice(0, 1), notice: '' });
        ensureLogin(true).catch(() => undefined);
      } catch (err) {
        this.setData({ notice: messageOf(err) });
      }
    },
    onOrders(e: WechatMiniprogram.BaseEvent) {
      const status = e.currentTarget.dataset.status as string;
      wx.navigateTo({ url: `/pages/order/list/index${status ? `?status=${status}` : ''}` });
    },
    onCenter() {
      wx.switchTab({ url: '/pages/promote/center/index' });
    },
    onAdmin() {
      if (ADMIN_PAGE) wx.navigateTo({ url: ADMIN_PAGE });
    },
  },
});
