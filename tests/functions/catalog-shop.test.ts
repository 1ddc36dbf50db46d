/**
 * The storefront: the merchant's products (admin.upsertProduct), what buyers see of them (catalog), and a
 * distributor's shop-in-shop header with its defaults.
 */
import crypto from 'node:crypto';
import { generateInviteCode } from '../../shared/invite-code';
import { type Mall, startMall } from './harness';
import { ADMIN, distributor, setDistributorStatus } from './fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

describe('catalog and shop-in-shop', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall();
  });
  afterAll(() => mall.stop());

  const upsert = (params: Record<string, unknown>, openid: string | null = ADMIN) =>
    mall.call<any>('admin', 'upsertProduct', params, openid);

  it('lets the merchant create and change products, validated', async () => {
    const created = await upsert({
      productId: 'tea-01',
      title: '  安溪铁观音 250g ',
      priceFen: 15800,
      stock: 50,
      cover: 'https://img.example.com/tea.png',
      commission: { mode: 'rate', rates: ['0.12', '0.06'] },
    });
    expect(created).toMatchObject({
      ok: true,
      data: {
        productId: 'tea-01',
        title: '安溪铁观音 250g',
        priceFen: 15800,
        stock: 50,
        status: 'on',
        cover: 'https://img.example.com/tea.png',
        commission: { mode: 'rate', rates: ['0.12', '0.06'] },
      },
    });
    // Fields left out keep their values; commission null removes the override.
    const changed = await mall.ok(
      'admin',
      'upsertProduct',
      {
        productId: 'tea-01',
        title: '安溪铁观音 250g',
        priceFen: 14800,
        stock: 40,
        commission: null,
      },
      ADMIN,
    );
    expect(changed).toMatchObject({
      priceFen: 14800,
      stock: 40,
      cover: 'https://img.example.com/tea.png',
      commission: null,
    });

    const refusals: Array<Record<string, unknown>> = [
      { title: '免费', priceFen: 0, stock: 1 },
      { title: '小数价格', priceFen: 9.9, stock: 1 },
      { title: '负库存', priceFen: 100, stock: -1 },
      { title: '', priceFen: 100, stock: 1 },
      { title: '佣金过高', priceFen: 100, stock: 1, commission: { mode: 'rate', rates: ['0.6', '0.5'] } },
      { title: '佣金四级', priceFen: 100, stock: 1, commission: { mode: 'fixed', amountsFen: [1, 1, 1, 1] } },
      { title: '编号', productId: 'has space', priceFen: 100, stock: 1 },
      { title: '状态', priceFen: 100, stock: 1, status: 'maybe' },
    ];
    for (const params of refusals)
      expect(await upsert(params)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await upsert({ title: '冒充', priceFen: 1, stock: 1 }, 'cs-buyer')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lists what is on the shelf, highest sort first, with paging', async () => {
    for (const [productId, sort, status] of [
      ['shelf-a', 10, 'on'],
      ['shelf-b', 30, 'on'],
      ['shelf-c', 20, 'off'],
      ['shelf-d', 40, 'on'],
    ] as const) {
      await upsert({ productId, title: productId, priceFen: 100, stock: 5, sort, status });
    }
    const page1 = await mall.ok('catalog', 'listProducts', { pageSize: 2 }, 'cs-buyer');
    expect(page1.items.map((p: any) => p.productId)).toEqual(['shelf-d', 'shelf-b']);
    const all = await mall.ok('catalog', 'listProducts', { pageSize: 100 }, 'cs-buyer');
    expect(all.items.map((p: any) => p.productId)).not.toContain('shelf-c');
    expect(all.total).toBe(all.items.length);
    expect(page1.total).toBe(all.total);
    expect(Object.keys(page1.items[0]).sort()).toEqual([
      'cover',
      'priceFen',
      'productId',
      'salesCount',
      'stock',
      'title',
    ]);
    expect(await mall.refused('catalog', 'listProducts', { page: 0 }, 'cs-buyer')).toBe('VALIDATION');

    // An off-shelf product still opens (a shared link says it is gone); commission terms are not shown.
    const offShelf = await mall.ok('catalog', 'getProduct', { productId: 'shelf-c' }, 'cs-buyer');
    expect(offShelf).toMatchObject({ productId: 'shelf-c', status: 'off' });
    expect(offShelf).not.toHaveProperty('commission');
    expect(await mall.refused('catalog', 'getProduct', { productId: 'nope' }, 'cs-buyer')).toBe('NOT_FOUND');
    expect(await mall.refused('catalog', 'getProduct', {}, 'cs-buyer')).toBe('VALIDATION');
  });

  it('searches titles literally and case-insensitively, on the shelf only', async () => {
    for (const [productId, title, status] of [
      ['kw-a', '明前龙井 Green Tea', 'on'],
      ['kw-b', '龙井茶礼盒 (2罐)', 'on'],
      ['kw-c', '龙井 已下架', 'off'],
      ['kw-d', '普洱 green', 'on'],
    ] as const) {
      await upsert({ productId, title, priceFen: 100, stock: 5, status });
    }
    const ids = async (keyword: string) =>
      (await mall.ok('catalog', 'listProducts', { keyword, pageSize: 100 }, 'cs-buyer')).items
        .map((p: any) => p.productId)
        .sort();
    expect(await ids('龙井')).toEqual(['kw-a', 'kw-b']);
    expect(await ids('GREEN')).toEqual(['kw-a', 'kw-d']);
    // What a person types is text, not a pattern: "(2罐)" matches itself, "." matches nothing here.
    expect(await ids('(2罐)')).toEqual(['kw-b']);
    expect(await ids('.')).toEqual([]);
    const page = await mall.ok('catalog', 'listProducts', { keyword: '龙井', pageSize: 1 }, 'cs-buyer');
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(await mall.refused('catalog', 'listProducts', { keyword: 'x'.repeat(31) }, 'cs-buyer')).toBe(
      'VALIDATION',
    );
  });

  it('tells an active distributor what sharing a product earns per unit, and nobody else', async () => {
    await upsert({
      productId: 'earn-own',
      title: '自定佣金',
      priceFen: 15800,
      stock: 5,
      commission: { mode: 'rate', rates: ['0.12'] },
    });
    await upsert({
      productId: 'earn-fixed',
      title: '固定佣金',
      priceFen: 9900,
      stock: 5,
      commission: { mode: 'fixed', amountsFen: [500, 200] },
    });
    const config = await mall.ok('admin', 'getConfig', {}, ADMIN);
    const seller = await distributor(mall, 'cs-earner');
    const figure = async (productId: string, openid: string | null, forSharer = true) =>
      (await mall.ok('catalog', 'getProduct', { productId, forSharer }, openid)).shareEarningFen;

    expect(await figure('earn-own', 'cs-earner')).toBe(1896); // floor(15800 × 12%)
    expect(await figure('earn-fixed', 'cs-earner')).toBe(500);
    // Without an override the merchant's level-1 rate applies, rounded down.
    const rate = Number(config.rates[0]);
    expect(await figure('shelf-a', 'cs-earner')).toBe(Math.floor(100 * rate));
    // Not asked, not a distributor, not logged in, no longer active, off the shelf: no figure.
    expect(await figure('earn-own', 'cs-earner', false)).toBeNull();
    await mall.ok('user', 'login', {}, 'cs-plain');
    expect(await figure('earn-own', 'cs-plain')).toBeNull();
    expect(await figure('earn-own', null)).toBeNull();
    expect(await figure('shelf-c', 'cs-earner')).toBeNull();
    await setDistributorStatus(mall, seller.userId, 'disabled');
    expect(await figure('earn-own', 'cs-earner')).toBeNull();
  });

  it("shows a distributor's shop header, with defaults until it sets one up", async () => {
    const seller = await distributor(mall, 'cs-seller');
    const code = seller.inviteCode as string;
    expect(await mall.ok('catalog', 'getShop', { inviteCode: code }, 'cs-buyer')).toMatchObject({
      shopName: '微信用户的小店',
      logo: '',
      intro: expect.any(String),
    });
    await mall.ok(
      'user',
      'updateProfile',
      { nickname: '小王', avatarUrl: 'https://img.example.com/wang.png' },
      'cs-seller',
    );
    // Codes are read case-insensitively, as a person may type them.
    expect(await mall.ok('catalog', 'getShop', { inviteCode: code.toLowerCase() }, 'cs-buyer')).toMatchObject(
      {
        shopName: '小王的小店',
        logo: 'https://img.example.com/wang.png',
      },
    );
    // Set up by the distributor (distributor.updateShop writes `shop`).
    await mall.db
      .collection('users')
      .doc(seller.userId)
      .update({ shop: { shopName: '小王茶铺', logo: 'cloud://logo.png', intro: '只卖好茶', updatedAt: 1 } });
    expect(await mall.ok('catalog', 'getShop', { inviteCode: code }, 'cs-buyer')).toEqual({
      shopName: '小王茶铺',
      logo: 'cloud://logo.png',
      intro: '只卖好茶',
      inviteCode: code,
    });

    await setDistributorStatus(mall, seller.userId, 'disabled');
    expect(await mall.refused('catalog', 'getShop', { inviteCode: code }, 'cs-buyer')).toBe('NOT_FOUND');
    const nobody = generateInviteCode(crypto.randomBytes(8));
    expect(await mall.refused('catalog', 'getShop', { inviteCode: nobody }, 'cs-buyer')).toBe('NOT_FOUND');
    expect(await mall.refused('catalog', 'getShop', { inviteCode: 'not-a-code' }, 'cs-buyer')).toBe(
      'VALIDATION',
    );
  });
});
