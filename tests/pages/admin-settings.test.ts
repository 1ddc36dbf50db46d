import * as form from '../../miniprogram/pages/admin/settings/form';
import { DEFAULT_CONFIG } from '../../shared/config';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx, serviceError } from './mocks';

const CONFIG_SERVICE = '../../miniprogram/services/admin/config';
/* eslint-disable @typescript-eslint/no-explicit-any */

const config = {
  ...DEFAULT_CONFIG,
  rates: ['0.12', '0.05', '0.025'],
  withdraw: { minFen: 1000, maxFen: 500_000, feeRate: '0.006', days: [1, 15], methods: ['wechat', 'bank'] },
  grades: [
    { gradeId: 'base', name: '普通分销商', rank: 0 },
    {
      gradeId: 'gold',
      name: '黄金分销商',
      rank: 1,
      rates: ['0.15', '0.06', '0.03'],
      upgrade: { settledSalesFen: 1_000_000 },
    },
  ],
};

function setup(service: Record<string, jest.Mock>) {
  jest.doMock(CONFIG_SERVICE, () => ({
    getConfig: jest.fn(),
    updateConfig: jest.fn(),
    configHistory: jest.fn(),
    ...service,
  }));
  const page = renderPage('pages/admin/settings/index');
  const w = mockWx();
  return { ...page, w };
}

const edit = (page: any, key: string, value: unknown) =>
  page.comp.instance.onInput({ detail: { value }, currentTarget: { dataset: { key } } });

describe('pages/admin/settings', () => {
  it('shows every setting with what it does, in percent and yuan', async () => {
    const page = setup({ getConfig: jest.fn().mockResolvedValue(config) });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    const form = page.comp.instance.data.form;
    expect(form.rates).toEqual(['12', '5', '2.5']);
    expect(form.feePercent).toBe('0.6');
    expect(form.minYuan).toBe('10.00');
    expect(form.maxYuan).toBe('5000.00');
    expect(form.grades[1]).toMatchObject({
      name: '黄金分销商',
      ownRates: true,
      rates: ['15', '6', '3'],
      settledSales: '10000.00',
    });
    const text = textOf(page.comp);
    for (const words of [
      '分销层级',
      '佣金比例',
      '分销商自购返佣',
      '客户归属',
      '绑定有效期',
      '成为分销商的方式',
      '分销商等级',
      '未付款自动取消',
      '自动确认收货',
      '退换货期限',
      '最低提现金额',
      '最高提现金额',
      '提现手续费',
      '每月可提现日期',
      '提现方式',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toContain('不收任何入门费用');
    expectComponentsRendered(page);
  });

  it('saves the whole configuration converted exactly: percent → rate, yuan → fen', async () => {
    const updateConfig = jest.fn().mockResolvedValue(config);
    const page = setup({ getConfig: jest.fn().mockResolvedValue(config), updateConfig });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    page.comp.instance.onLevels({ currentTarget: { dataset: { value: 2 } } });
    edit(page, 'rates[0]', '12.5');
    edit(page, 'minYuan', '20.5');
    edit(page, 'maxYuan', '');
    edit(page, 'selfPurchase', true);
    page.comp.instance.onDay({ currentTarget: { dataset: { day: 15 } } }); // unselect the 15th
    page.comp.instance.onMethod({ currentTarget: { dataset: { method: 'alipay' } } });
    tap(page.comp, '.settings__save');
    await settle(page.simulate);
    expect(updateConfig).toHaveBeenCalledTimes(1);
    const sent = updateConfig.mock.calls[0][0].config;
    expect(sent.levels).toBe(2);
    expect(sent.rates).toEqual(['0.125', '0.05']);
    expect(sent.selfPurchase).toBe(true);
    expect(sent.withdraw).toEqual({
      minFen: 2050,
      maxFen: null,
      feeRate: '0.006',
      days: [1],
      methods: ['wechat', 'bank', 'alipay'],
    });
    expect(sent.grades[1]).toEqual({
      gradeId: 'gold',
      name: '黄金分销商',
      rank: 1,
      rates: ['0.15', '0.06'], // as many levels as are paid
      upgrade: { settledSalesFen: 1_000_000 },
    });
    expect(page.w.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('names what it cannot read beside the field, and sends nothing', async () => {
    const updateConfig = jest.fn();
    const page = setup({ getConfig: jest.fn().mockResolvedValue(config), updateConfig });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    edit(page, 'rates[1]', '五');
    edit(page, 'autoConfirmDays', '7.5');
    tap(page.comp, '.settings__save');
    await settle(page.simulate);
    expect(updateConfig).not.toHaveBeenCalled();
    expect(textOf(page.comp.querySelector('.field--rates') as any)).toContain('百分数');
    expect(textOf(page.comp.querySelector('.field--order-autoConfirmDays') as any)).toContain('请填写整数');
    expect(textOf(page.comp)).toContain('有 2 处填写有误');
  });

  it("shows the server's problems beside the fields they concern", async () => {
    const refusal = Object.assign(
      serviceError('VALIDATION', '最低提现金额（分）：不能低于 30 分；佣金比例之和必须小于 100%'),
      {
        fields: [
          { path: 'withdraw.minFen', message: '最低提现金额（分）：不能低于 30 分（微信转账下限 ¥0.30）' },
          { path: 'rates', message: '三级佣金比例之和必须小于 100%（当前 120%）' },
          { path: 'grades.1.upgrade', message: '等级 2「黄金分销商」的升级条件至少要设置一项' },
        ],
      },
    );
    const page = setup({
      getConfig: jest.fn().mockResolvedValue(config),
      updateConfig: jest.fn().mockRejectedValue(refusal),
    });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tap(page.comp, '.settings__save');
    await settle(page.simulate);
    expect(textOf(page.comp.querySelector('.field--withdraw-minFen') as any)).toContain('不能低于 30 分');
    expect(textOf(page.comp.querySelector('.field--rates') as any)).toContain('当前 120%');
    expect(textOf(page.comp.querySelector('.grade--1') as any)).toContain('升级条件至少要设置一项');
    expect(textOf(page.comp)).toContain('未保存：有 3 处需要修改');
    expect(textOf(page.comp)).not.toContain('VALIDATION');
  });

  it('adds and removes grades; shows a load failure in words with retry', async () => {
    const getConfig = jest
      .fn()
      .mockRejectedValueOnce(serviceError('FORBIDDEN', '仅管理员可以操作'))
      .mockResolvedValue(config);
    const page = setup({ getConfig });
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('仅管理员可以操作');
    tap(page.comp, '.settings__retry');
    await settle(page.simulate);
    tap(page.comp, '.grades__add');
    await settle(page.simulate);
    expect(page.comp.instance.data.form.grades).toHaveLength(3);
    expect(page.comp.instance.data.form.grades[2]).toMatchObject({ rank: '2', base: false });
    page.comp.instance.onRemoveGrade({ currentTarget: { dataset: { index: 2 } } });
    expect(page.comp.instance.data.form.grades).toHaveLength(2);
  });
});

describe('settings form conversions', () => {
  it('turns every rate of up to four decimals into its percentage and back, exactly', () => {
    for (let n = 0; n < 10_000; n += 7) {
      const rate = `0.${String(n).padStart(4, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
      const percent = form.rateToPercent(rate);
      expect(Number(form.percentToRate(percent))).toBe(Number(rate));
    }
    expect(form.rateToPercent('0')).toBe('0');
    expect(form.percentToRate('100')).toBeNull();
    expect(form.percentToRate('1.234')).toBeNull();
    expect(form.fenToYuanText(5)).toBe('0.05');
  });

  it('places server problems beside the form fields', () => {
    expect(form.errorKey('rates.2')).toBe('rates');
    expect(form.errorKey('grades.0.rates.1')).toBe('grades.0');
    expect(form.errorKey('grades')).toBe('grades');
    expect(form.errorKey('withdraw.days.3')).toBe('withdraw.days');
    expect(form.errorKey('binding')).toBe('binding.mode');
    expect(
      form.errorsOf([
        { path: 'rates', message: 'a' },
        { path: 'rates.1', message: 'b' },
      ]),
    ).toEqual({ rates: 'a；b' });
  });
});

describe('pages/admin/config-history', () => {
  it('lists who changed which settings when, in words, paged', async () => {
    const configHistory = jest.fn().mockResolvedValue({
      items: [
        {
          historyId: 'h1',
          changedBy: 'dev-admin',
          changedAt: Date.UTC(2026, 11, 1, 2, 0),
          patch: {},
          before: {},
          after: {},
          changes: [{ path: 'rates', label: '佣金比例', before: '10% / 5% / 2%', after: '12% / 5% / 2%' }],
        },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
      current: { updatedAt: 1, updatedBy: 'dev-admin' },
    });
    jest.doMock(CONFIG_SERVICE, () => ({ configHistory }));
    const page = renderPage('pages/admin/config-history/index');
    mockWx();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(configHistory).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    const text = textOf(page.comp);
    expect(text).toContain('佣金比例');
    expect(text).toContain('10% / 5% / 2% → 12% / 5% / 2%');
    expect(text).toContain('2026-12-01 10:00');
    expect(text).toContain('没有更多了');
    expectComponentsRendered(page);
  });

  it('says when nothing was ever changed', async () => {
    jest.doMock(CONFIG_SERVICE, () => ({
      configHistory: jest.fn().mockResolvedValue({ items: [], total: 0, page: 1, pageSize: 20, current: {} }),
    }));
    const page = renderPage('pages/admin/config-history/index');
    mockWx();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('还没有修改过设置');
  });
});
