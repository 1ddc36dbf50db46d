/**
 * A distributor's own pages: the shop-in-shop (validation, logo from our storage only, shown to buyers
 * by catalog.getShop), the invitation poster (a real mini program code from wxacode.getUnlimited,
 * uploaded once and cached), the team by level and the commission records.
 */
import { distributor, login, type Person, settledSaleFixture } from './fixtures';
import tcb from '@cloudbase/node-sdk';
import { decodeScene } from '../../shared/invite-code';
import { ADMIN, type Mall, startMall } from './harness';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// wxacode.getUnlimited takes about 1.4 s per code on the local CloudBase (the SDK's openapi round trip).
jest.setTimeout(20_000);

describe('distributor shop, poster, team and commissions', () => {
  let mall: Mall;
  let app: ReturnType<typeof tcb.init>;
  let leader: Person;

  beforeAll(async () => {
    mall = await startMall();
    app = tcb.init({
      env: 'local',
      serviceUrl: `${mall.cloud.url}/admin`,
      secretId: 'local',
      secretKey: 'local',
    });
    leader = await distributor(mall, 'o-shop-leader');
  });
  afterAll(() => mall.stop());

  const upload = async (cloudPath: string, content: Buffer) =>
    (await app.uploadFile({ cloudPath, fileContent: content })).fileID as string;

  describe('updateShop', () => {
    const refusal = async (params: Record<string, unknown>) => {
      const reply = await mall.call('distributor', 'updateShop', params, leader.openid);
      return reply.ok ? 'ok' : reply.error.code;
    };

    it('refuses names, intros and logos it cannot show safely, and changes nothing', async () => {
      expect(await refusal({})).toBe('VALIDATION');
      expect(await refusal({ shopName: '店' })).toBe('VALIDATION');
      expect(await refusal({ shopName: '店'.repeat(21) })).toBe('VALIDATION');
      expect(await refusal({ shopName: '好物\n小店' })).toBe('VALIDATION');
      expect(await refusal({ shopName: '好物\u202e店小' })).toBe('VALIDATION');
      expect(await refusal({ shopName: '好物\u200b小店' })).toBe('VALIDATION');
      expect(await refusal({ intro: '好'.repeat(201) })).toBe('VALIDATION');
      expect(await refusal({ intro: 'bell\u0007' })).toBe('VALIDATION');
      expect(await refusal({ logo: 'https://example.com/logo.png' })).toBe('VALIDATION');
      expect(await refusal({ logo: 'cloud://local.6c6f-local-1250000000/missing/logo.png' })).toBe(
        'VALIDATION',
      );
      const notAnImage = await upload('logos/fake.png', Buffer.from('<svg onload="alert(1)"></svg>'));
      const reply = await mall.call('distributor', 'updateShop', { logo: notAnImage }, leader.openid);
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringContaining('PNG') },
      });
      expect((await mall.doc('users', leader.userId)).shop).toBeUndefined();
    });

    it('saves name, logo (a stored image) and intro, partially, and buyers see them', async () => {
      // Emoji count as one character each: 20 of them fit.
      const named = await mall.ok(
        'distributor',
        'updateShop',
        { shopName: '  小王的茶叶铺🍵  ' },
        leader.openid,
      );
      expect(named).toMatchObject({ shopName: '小王的茶叶铺🍵', logo: '', logoUrl: null, intro: '' });

      const logo = await upload(`logos/${leader.userId}.png`, PNG);
      const shop = await mall.ok(
        'distributor',
        'updateShop',
        { logo, intro: '明前龙井，\n产地直发。' },
        leader.openid,
      );
      expect(shop).toMatchObject({ shopName: '小王的茶叶铺🍵', logo, intro: '明前龙井，\n产地直发。' });
      const image = await fetch(shop.logoUrl);
      expect(image.status).toBe(200);
      expect(Buffer.from(await image.arrayBuffer()).subarray(0, 4)).toEqual(PNG.subarray(0, 4));

      expect(await mall.ok('catalog', 'getShop', { inviteCode: leader.inviteCode })).toMatchObject({
        shopName: '小王的茶叶铺🍵',
        logo,
        intro: '明前龙井，\n产地直发。',
      });
      expect((await mall.ok('distributor', 'center', {}, leader.openid)).shop).toMatchObject({ logo });

      const cleared = await mall.ok('distributor', 'updateShop', { logo: '' }, leader.openid);
      expect(cleared).toMatchObject({
        shopName: '小王的茶叶铺🍵',
        logo: '',
        intro: '明前龙井，\n产地直发。',
      });
    });
  });

  describe('poster', () => {
    it('makes a real mini program code once and serves it from the cache afterwards', async () => {
      const first = await mall.ok('distributor', 'poster', {}, leader.openid);
      expect(first).toMatchObject({
        inviteCode: leader.inviteCode,
        page: 'pages/mall/home/index',
        cached: false,
        qrCode: {
          fileID: expect.stringMatching(/^cloud:\/\//),
          url: expect.any(String),
          expiresAt: expect.any(Number),
        },
        shop: { shopName: '小王的茶叶铺🍵' },
        product: null,
      });
      expect(first.avatarUrl).toBeNull(); // no avatar chosen yet
      expect(decodeScene(first.scene)).toEqual({ inviteCode: leader.inviteCode, page: { kind: 'home' } });
      const png = Buffer.from(await (await fetch(first.qrCode.url)).arrayBuffer());
      expect(png.subarray(0, 8)).toEqual(PNG.subarray(0, 8));
      expect(await mall.doc('posters', `${leader.userId}:home`)).toMatchObject({
        userId: leader.userId,
        fileID: first.qrCode.fileID,
        scene: first.scene,
      });

      const second = await mall.ok('distributor', 'poster', { page: 'home' }, leader.openid);
      expect(second).toMatchObject({
        cached: true,
        scene: first.scene,
        qrCode: { fileID: first.qrCode.fileID },
      });

      const shop = await mall.ok('distributor', 'poster', { page: 'shop' }, leader.openid);
      expect(decodeScene(shop.scene)).toEqual({ inviteCode: leader.inviteCode, page: { kind: 'shop' } });
      expect(shop.qrCode.fileID).not.toBe(first.qrCode.fileID);

      // A stored avatar comes as a URL the Canvas can load.
      const avatar = await upload('avatars/leader.png', PNG);
      await mall.ok('user', 'updateProfile', { avatarUrl: avatar }, leader.openid);
      const withAvatar = await mall.ok('distributor', 'poster', {}, leader.openid);
      const picture = Buffer.from(await (await fetch(withAvatar.avatarUrl)).arrayBuffer());
      expect(picture.equals(PNG)).toBe(true);

      // A cached file that has gone missing is made again.
      await app.deleteFile({ fileList: [first.qrCode.fileID] });
      expect(await mall.ok('distributor', 'poster', {}, leader.openid)).toMatchObject({ cached: false });
    });

    it('makes product posters for products that exist, and refuses non-distributors', async () => {
      const product = await mall.ok(
        'admin',
        'upsertProduct',
        { title: '海报测试商品', priceFen: 9900, stock: 10, cover: 'https://img.example.com/p.png' },
        ADMIN,
      );
      const goods = await mall.ok(
        'distributor',
        'poster',
        { page: 'goods', productId: product.productId },
        leader.openid,
      );
      expect(decodeScene(goods.scene)).toEqual({
        inviteCode: leader.inviteCode,
        page: { kind: 'goods', productId: product.productId },
      });
      // what the poster draws of the product: its picture as a URL a Canvas loads, title and price
      expect(goods.product).toEqual({
        productId: product.productId,
        title: '海报测试商品',
        priceFen: 9900,
        imageUrl: 'https://img.example.com/p.png',
      });
      expect(
        await mall.refused('distributor', 'poster', { page: 'goods', productId: 'nope' }, leader.openid),
      ).toBe('NOT_FOUND');
      expect(await mall.refused('distributor', 'poster', { page: 'goods' }, leader.openid)).toBe(
        'VALIDATION',
      );
      const buyer = await login(mall, 'o-shop-plain-buyer');
      expect(await mall.refused('distributor', 'poster', {}, buyer.openid)).toBe('FORBIDDEN');
    });
  });

  describe('team and commissions', () => {
    it('shows each level of the caller’s own team, by nickname, never an OPENID', async () => {
      const l1 = await distributor(mall, 'o-team-l1', leader.inviteCode as string);
      const l2 = await distributor(mall, 'o-team-l2', l1.inviteCode as string);
      const l3 = await login(mall, 'o-team-l3', l2.inviteCode as string);
      const l1b = await login(mall, 'o-team-l1b', leader.inviteCode as string);

      const level1 = await mall.ok('distributor', 'team', { level: 1 }, leader.openid);
      expect(level1.total).toBe(2);
      expect(level1.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [l1.userId, l1b.userId].sort(),
      );
      expect(level1.items.find((m: { userId: string }) => m.userId === l1.userId)).toEqual({
        userId: l1.userId,
        nickname: expect.any(String),
        avatarUrl: expect.any(String),
        joinedAt: expect.any(Number),
        distributorStatus: 'active',
      });
      expect(JSON.stringify(level1)).not.toContain('o-team-');
      expect((await mall.ok('distributor', 'team', { level: 2 }, leader.openid)).items).toEqual([
        expect.objectContaining({ userId: l2.userId }),
      ]);
      expect((await mall.ok('distributor', 'team', { level: 3 }, leader.openid)).items).toEqual([
        expect.objectContaining({ userId: l3.userId, distributorStatus: 'none' }),
      ]);
      expect(
        (await mall.ok('distributor', 'team', { level: 1, pageSize: 1, page: 2 }, leader.openid)).items,
      ).toHaveLength(1);
      expect((await mall.ok('distributor', 'center', {}, leader.openid)).team).toEqual({
        level1: 2,
        level2: 1,
        level3: 1,
      });
      // From l1's point of view the same people sit one level higher.
      expect((await mall.ok('distributor', 'team', { level: 2 }, l1.openid)).items).toEqual([
        expect.objectContaining({ userId: l3.userId }),
      ]);
      expect(await mall.refused('distributor', 'team', { level: 4 }, leader.openid)).toBe('VALIDATION');
    });

    it('lists the caller’s own commissions, filtered by status', async () => {
      const buyer = await login(mall, 'o-team-buyer');
      const { orderId, commissionId } = await settledSaleFixture(mall, {
        buyer,
        beneficiary: leader,
        amountFen: 1234,
      });
      const list = await mall.ok('distributor', 'commissions', {}, leader.openid);
      expect(list.items).toContainEqual(
        expect.objectContaining({
          commissionId,
          orderId,
          level: 1,
          baseFen: 12_340,
          rate: '0.10',
          amountFen: 1234,
          status: 'settled',
        }),
      );
      expect((await mall.ok('distributor', 'commissions', { status: 'pending' }, leader.openid)).total).toBe(
        0,
      );
      expect((await mall.ok('distributor', 'commissions', {}, buyer.openid)).total).toBe(0);
      expect(await mall.refused('distributor', 'commissions', { status: 'paid' }, leader.openid)).toBe(
        'VALIDATION',
      );
    });
  });
});
