import { getTransferInfo, listWithdrawals, type WithdrawalRecord } from '../../../services/withdraw/index';
import { messageOf } from '../../../utils/errors';
import { formatYuan } from '../../../shared/index';
import { loadPage, pagedList } from '../../../utils/paged';
import { formatTime } from '../../../utils/time';

interface WithdrawalView extends WithdrawalRecord {
  amount: string;
  fee: string;
  net: string;
  time: string;
  /** A WeChat transfer waits for the distributor to confirm receipt in WeChat. */
  awaitingConfirm: boolean;
}

const PAGE_SIZE = 20;
const view = (w: WithdrawalRecord): WithdrawalView => ({
  ...w,
  amount: formatYuan(w.amountFen),
  fee: formatYuan(w.feeFen),
  net: formatYuan(w.netFen),
  time: formatTime(w.createdAt),
  awaitingConfirm: w.status === 'approved' && w.payout?.state === 'waiting_user',
});

Component({
  behaviors: [pagedList],
  data: { items: [] as WithdrawalView[], total: 0, page: 0, loading: true, error: '', confirming: '' },
  methods: {
    /**
     * 确认收款: WeChat's own confirmation sheet for the merchant transfer. The withdrawal becomes paid when
     * WeChat Pay's notification reaches the mall, so the list is read again rather than changed here.
     */
    async onConfirm(e: WechatMiniprogram.TouchEvent) {
      const withdrawalId = String(e.currentTarget.dataset.id);
      if (this.data.confirming) return;
      this.setData({ confirming: withdrawalId });
      try {
        const info = await getTransferInfo({ withdrawalId });
        await new Promise<void>((resolve, reject) => {
          wx.requestMerchantTransfer({
            mchId: info.mchId,
            appId: info.appId,
            package: info.package,
            success: () => resolve(),
            fail: (err: { errMsg?: string }) =>
              reject(
                new Error(/cancel/.test(err.errMsg ?? '') ? '已取消确认收款' : '确认收款未完成，请稍后再试'),
              ),
          });
        });
        wx.showToast({ title: '已确认收款，到账以微信通知为准', icon: 'none' });
        await this.load(1);
      } catch (error) {
        wx.showToast({ title: messageOf(error), icon: 'none' });
      } finally {
        this.setData({ confirming: '' });
      }
    },
    load(page: number) {
      return loadPage(this, page, (p) => listWithdrawals({ page: p, pageSize: PAGE_SIZE }), view);
    },
  },
});
