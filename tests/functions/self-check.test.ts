/**
 * The start-up self-check (cloudfunctions/common/platform/self-check.ts): one line in the first invocation's log
 * of each instance, naming what an operator must set, and never failing a call.
 */
import { startLocalCloud } from '../../localcloud/testing';
import { ADMIN, startMall } from './harness';

const selfCheckLines = (output: string[], fn: string) =>
  output.filter((l) => l.includes(`[self-check] ${fn}:`));

describe('start-up self-check', () => {
  it('names WXPAY_SUB_MCH_ID where payments need it, once per instance, and the call still answers', async () => {
    const mall = await startMall({ seed: false, poolSize: 1 });
    try {
      await mall.ok('user', 'ping', {}, 'o-buyer-1');
      await mall.ok('user', 'login', {}, 'o-buyer-1');
      // The problem is logged; the call answers as always.
      expect(await mall.ok('order', 'list', {}, 'o-buyer-1')).toMatchObject({ items: [] });
      const output = mall.cloud.output();
      expect(selfCheckLines(output, 'user')).toEqual([
        expect.stringContaining('[self-check] user: OK (1 admin(s), no stored configuration, defaults used)'),
      ]);
      const order = selfCheckLines(output, 'order');
      expect(order).toHaveLength(1);
      expect(order[0]).toContain('1 PROBLEM(S)');
      expect(order[0]).toContain('WXPAY_SUB_MCH_ID 未设置');
      expect(order[0]).toContain('云函数 → order → 函数配置 → 环境变量');
      // payNotify and settle run it from their own mains.
      await mall.cloud.fireTimer('settle');
      expect(selfCheckLines(mall.cloud.output(), 'settle')[0]).toContain('WXPAY_SUB_MCH_ID 未设置');
    } finally {
      await mall.stop();
    }
  });

  it('is OK when the merchant number and admins are set, and names missing admins', async () => {
    const cloud = await startLocalCloud({
      adminOpenids: '',
      functionEnv: { WXPAY_SUB_MCH_ID: '1900000001' },
      poolSize: 1,
    });
    try {
      await cloud.call('order', { action: 'list' }, 'o-buyer-1');
      const [line] = selfCheckLines(cloud.output(), 'order');
      expect(line).toContain('ADMIN_OPENIDS 未设置');
      expect(line).not.toContain('WXPAY_SUB_MCH_ID 未设置');
    } finally {
      await cloud.stop();
    }
    const ok = await startLocalCloud({
      adminOpenids: ADMIN,
      functionEnv: { WXPAY_SUB_MCH_ID: '1900000001' },
      poolSize: 1,
    });
    try {
      await ok.call('admin', { action: 'getConfig' }, ADMIN);
      expect(selfCheckLines(ok.output(), 'admin')).toEqual([
        expect.stringContaining(
          '[self-check] admin: OK (WXPAY_SUB_MCH_ID set, 1 admin(s), no stored configuration',
        ),
      ]);
    } finally {
      await ok.stop();
    }
  });

  it('names a stored configuration the functions cannot use, and what to do about it', async () => {
    const mall = await startMall({ seed: false, poolSize: 1 });
    try {
      await mall.db.collection('config').doc('mall').set({ levels: 'three' });
      await mall.call('catalog', 'listProducts', {}, 'o-buyer-1');
      const [line] = selfCheckLines(mall.cloud.output(), 'catalog');
      expect(line).toContain('商户配置 config/mall 无法使用');
      expect(line).toContain('admin.updateConfig');
    } finally {
      await mall.stop();
    }
  });

  it('names the missing WeChat transfer variables on transferNotify, which answers 500 so WeChat Pay retries', async () => {
    const mall = await startMall({ seed: false, poolSize: 1 });
    try {
      const answer = await mall.cloud.request('POST', '/http/transferNotify', '{}');
      expect(answer).toMatchObject({ status: 500, body: { code: 'FAIL' } });
      const [line] = selfCheckLines(mall.cloud.output(), 'transferNotify');
      expect(line).toContain('微信商家转账缺少 WXPAY_TRANSFER_MCH_ID');
      expect(line).toContain('WXPAY_TRANSFER_NOTIFY_URL');
    } finally {
      await mall.stop();
    }
  });
});
