import { payoutPortFor } from '../../../cloudfunctions/common/platform/payout';

const request = {
  withdrawalId: 'w1',
  openid: 'o-1',
  netFen: 9940,
  method: 'wechat' as const,
  account: null,
  reference: null,
  previous: null,
};

describe('payout port', () => {
  const saved = process.env.PAYOUT_WECHAT_TRANSFER;
  afterEach(() => {
    if (saved === undefined) delete process.env.PAYOUT_WECHAT_TRANSFER;
    else process.env.PAYOUT_WECHAT_TRANSFER = saved;
  });

  it('pays by hand by default, recording the admin’s reference', async () => {
    delete process.env.PAYOUT_WECHAT_TRANSFER;
    const port = payoutPortFor('wechat');
    expect(port.name).toBe('manual');
    expect(await port.pay({ ...request, reference: 'BANK-9' })).toEqual({
      channel: 'manual',
      state: 'paid',
      reference: 'BANK-9',
    });
  });

  it('uses the WeChat transfer adapters only for WeChat withdrawals', async () => {
    process.env.PAYOUT_WECHAT_TRANSFER = 'local';
    expect(payoutPortFor('bank').name).toBe('manual');
    expect(await payoutPortFor('wechat').pay(request)).toEqual({
      channel: 'wechat_transfer',
      state: 'paid',
      transferBillNo: 'local-transfer-w1',
      packageInfo: null,
      reference: 'local-transfer-w1',
    });
    process.env.PAYOUT_WECHAT_TRANSFER = 'cloud';
    await expect(payoutPortFor('wechat').pay(request)).rejects.toMatchObject({ code: 'RULE' });
    expect(payoutPortFor('alipay').name).toBe('manual');
  });
});
