import {
  applyWithdraw,
  getWithdrawPolicy,
  type WithdrawInput,
  type WithdrawPolicy,
} from '../../../services/withdraw/index';
import {
  formatRatePercent,
  formatYuan,
  parseYuan,
  withdrawalFee,
  withdrawMethodName,
} from '../../../shared/index';
import { messageOf } from '../../../utils/errors';
import { askSubscribe } from '../../../utils/subscribe';

type Method = WithdrawInput['method'];
type Account = { name: string; bank: string; number: string };

Component({
  data: {
    loading: true,
    loadError: '',
    policy: null as WithdrawPolicy | null,
    available: '',
    minText: '',
    maxText: '',
    feeText: '',
    methodsText: '',
    methods: [] as { value: Method; label: string }[],
    method: 'wechat' as Method,
    amount: '',
    preview: '',
    account: { name: '', bank: '', number: '' } as Account,
    busy: false,
    error: '',
    done: '',
  },
  methods: {
    onLoad() {
      this.load();
    },
    onRetry() {
      this.load();
    },
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        const policy = await getWithdrawPolicy();
        const methods = policy.methods.map((m) => ({ value: m, label: withdrawMethodName(m) }));
        this.setData({
          loading: false,
          policy,
          available: formatYuan(policy.availableFen),
          minText: formatYuan(policy.minFen),
          maxText: policy.maxFen !== null ? formatYuan(policy.maxFen) : '',
          feeText: Number(policy.feeRate) === 0 ? '免费' : `提现金额的 ${formatRatePercent(policy.feeRate)}`,
          methodsText: methods.map((m) => m.label).join('、'),
          methods,
          method: methods[0]?.value ?? 'wechat',
        });
      } catch (e) {
        this.setData({ loading: false, loadError: messageOf(e) });
      }
    },
    onAmount(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const amount = e.detail.value;
      let preview = '';
      try {
        const fen = parseYuan(amount);
        const { feeFen, netFen } = withdrawalFee(fen, this.data.policy!.feeRate);
        preview = `手续费 ${formatYuan(feeFen)}，实际到账 ${formatYuan(netFen)}`;
      } catch {
        preview = '';
      }
      this.setData({ amount, preview, error: '' });
    },
    onMethod(e: WechatMiniprogram.CustomEvent<{ value: Method }>) {
      this.setData({ method: e.detail.value, error: '' });
    },
    onAccount(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: keyof Account }>) {
      this.setData({ [`account.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    async onSubmit() {
      let amountFen: number;
      try {
        amountFen = parseYuan(this.data.amount);
      } catch (e) {
        this.setData({ error: messageOf(e) });
        return;
      }
      const { method, account } = this.data;
      const input: WithdrawInput = { amountFen, method };
      if (method !== 'wechat') {
        input.account = {
          name: account.name.trim(),
          number: account.number.trim(),
          ...(method === 'bank' ? { bank: account.bank.trim() } : {}),
        };
      }
      this.setData({ busy: true, error: '', done: '' });
      await askSubscribe(['withdrawal']);
      try {
        const result = await applyWithdraw(input);
        this.setData({
          busy: false,
          amount: '',
          preview: '',
          done: `已提交：${formatYuan(amountFen)}，手续费 ${formatYuan(result.feeFen)}，到账 ${formatYuan(result.netFen)}，等待商家处理`,
        });
        this.load();
      } catch (e) {
        // the server words its refusals (minimum, allowed day, balance …): shown as they are
        this.setData({ busy: false, error: messageOf(e) });
      }
    },
  },
});
