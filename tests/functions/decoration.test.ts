/**
 * Store decoration, shop picks and promotion materials (推广素材): the merchant arranges the storefront and
 * publishes materials (admin only, every picture an image of our storage, every product real); a
 * distributor picks what its shop shows first (its own shop only) and browses the materials, each with
 * the path its share opens carrying its invite code; a buyer arriving by its link sees its shop and picks.
 */
import tcb from '@cloudbase/node-sdk';
import { ADMIN, type TestUser, buyer, distributor, product } from './fixtures';
import { type Mall, startMall } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('decoration, picks and materials', () => {
  let mall: Mall;
  let seller: TestUser;
  let other: TestUser;
  let shopper: TestUser;
  let tea: string;
  let pot: string;
  let hidden: string;
  let banner: string;

  beforeAll(async () => {
    mall = await startMall();
    const app = tcb.init({
      env: 'local',
      serviceUrl: `${mall.cloud.url}/admin`,
      secretId: 'l',
      secretKey: 'l',
    });
    banner = (await app.uploadFile({ cloudPath: 'decoration/banner.png', fileContent: PNG }))
      .fileID as string;
    seller = await distributor(mall, 'dc-seller');
    other = await distributor(mall, 'dc-other');
    shopper = await buyer(mall, 'dc-shopper');
    tea = await product(mall, { title: '龙井', priceFen: 5_000 });
    pot = await product(mall, { title: '茶壶', priceFen: 9_000 });
    hidden = await product(mall, { title: '下架品', priceFen: 100, status: 'off' });
  });
  afterAll(() => mall.stop());

  it('lets the merchant arrange the storefront, and shows it to buyers', async () => {
    const decoration = {
      banners: [
        { image: banner, link: { type: 'product', productId: tea }, sort: 1 },
        { image: banner, link: { type: 'page', page: 'apply' }, sort: 2 },
        { image: banner, link: { type: 'page', page: 'home' }, status: 'off' },
      ],
      featured: [pot, hidden, tea],
    };
    expect(await mall.refused('admin', 'updateDecoration', decoration, seller.openid)).toBe('FORBIDDEN');
    const saved = await mall.ok('admin', 'updateDecoration', decoration, ADMIN);
    expect(saved.banners).toHaveLength(3);

    const home = await mall.ok('catalog', 'home', {}, shopper.openid);
    expect(home.banners.map((b: any) => b.path)).toEqual([
      'pages/promote/center/index?apply=1',
      `pages/mall/detail/index?productId=${tea}`,
    ]);
    // Off the shelf is left out; the merchant's order is kept.
    expect(home.featured.map((p: any) => p.title)).toEqual(['茶壶', '龙井']);
    expect(home.shop).toBeNull();
    expect((await mall.ok('admin', 'getDecoration', {}, ADMIN)).featured).toEqual([pot, hidden, tea]);
  });

  it('refuses a banner that is not our picture, or that leads nowhere, and changes nothing', async () => {
    const before = await mall.ok('admin', 'getDecoration', {}, ADMIN);
    const refusal = async (banners: unknown[], featured: string[] = []) => {
      const reply: any = await mall.call('admin', 'updateDecoration', { banners, featured }, ADMIN);
      expect(reply.ok).toBe(false);
      return `${reply.error.code} ${reply.error.message}`;
    };
    expect(
      await refusal([{ image: 'https://evil.example/x.png', link: { type: 'page', page: 'home' } }]),
    ).toMatch(/^VALIDATION .*云存储/);
    expect(
      await refusal([
        { image: 'cloud://local.6c6f-local-1250000000/nope.png', link: { type: 'page', page: 'home' } },
      ]),
    ).toMatch(/^VALIDATION 第 1 张轮播图文件不存在/);
    expect(await refusal([{ image: banner, link: { type: 'page', page: 'admin' } }])).toMatch(/^VALIDATION /);
    expect(await refusal([{ image: banner, link: { type: 'product', productId: 'no-such' } }])).toMatch(
      /^VALIDATION 轮播图链接中的商品不存在：no-such/,
    );
    expect(await refusal([], ['no-such'])).toMatch(/^VALIDATION 推荐商品中的商品不存在/);
    expect(await mall.ok('admin', 'getDecoration', {}, ADMIN)).toEqual(before);
  });

  it("lets a distributor pick its shop's products – its own shop only – and shows them to its buyers", async () => {
    expect(await mall.refused('distributor', 'updatePicks', { productIds: [tea] }, shopper.openid)).toBe(
      'FORBIDDEN',
    );
    // There is no way to name another distributor: an extra field is refused, the other's picks untouched.
    expect(
      await mall.refused(
        'distributor',
        'updatePicks',
        { productIds: [tea], userId: other.userId },
        seller.openid,
      ),
    ).toBe('VALIDATION');
    expect(await mall.refused('distributor', 'updatePicks', { productIds: [hidden] }, seller.openid)).toBe(
      'VALIDATION',
    );
    const picked = await mall.ok(
      'distributor',
      'updatePicks',
      { productIds: [tea, pot, tea] },
      seller.openid,
    );
    expect(picked.picks.map((p: any) => p.title)).toEqual(['龙井', '茶壶']);
    await mall.ok('distributor', 'updateShop', { shopName: '小王茶铺' }, seller.openid);

    const home = await mall.ok('catalog', 'home', { inviteCode: seller.inviteCode }, shopper.openid);
    expect(home.shop).toMatchObject({ shopName: '小王茶铺', inviteCode: seller.inviteCode });
    expect(home.shop.picks.map((p: any) => p.title)).toEqual(['龙井', '茶壶']);
    const others = await mall.ok('catalog', 'home', { inviteCode: other.inviteCode }, shopper.openid);
    expect(others.shop.picks).toEqual([]);
  });

  it('publishes, pins and retires materials; distributors see them with their own share paths', async () => {
    const sell = {
      title: '新茶上市',
      text: '明前龙井，限时分享',
      images: [banner],
      productId: tea,
      aim: 'sell',
    };
    expect(await mall.refused('admin', 'upsertMaterial', sell, seller.openid)).toBe('FORBIDDEN');
    expect(
      await mall.refused('admin', 'upsertMaterial', { ...sell, images: Array(10).fill(banner) }, ADMIN),
    ).toBe('VALIDATION');
    expect(await mall.refused('admin', 'upsertMaterial', { ...sell, aim: 'recruit' }, ADMIN)).toBe(
      'VALIDATION',
    );
    const first = await mall.ok('admin', 'upsertMaterial', sell, ADMIN);
    const invite = await mall.ok(
      'admin',
      'upsertMaterial',
      { title: '一起分享好物', text: '分享好物给朋友', images: [], aim: 'recruit', pinned: true },
      ADMIN,
    );
    const retired = await mall.ok('admin', 'upsertMaterial', { ...sell, title: '旧文案' }, ADMIN);
    await mall.ok('admin', 'setMaterialStatus', { materialId: retired.materialId, status: 'retired' }, ADMIN);

    expect(await mall.refused('distributor', 'materials', {}, shopper.openid)).toBe('FORBIDDEN');
    const list = await mall.ok('distributor', 'materials', {}, seller.openid);
    expect(list.total).toBe(2);
    expect(list.items.map((m: any) => [m.materialId, m.sharePath])).toEqual([
      [invite.materialId, `pages/promote/center/index?apply=1&inviteCode=${seller.inviteCode}`],
      [first.materialId, `pages/mall/detail/index?productId=${tea}&inviteCode=${seller.inviteCode}`],
    ]);
    expect(list.items[1].product).toMatchObject({ title: '龙井' });
    const all = await mall.ok('admin', 'listMaterials', {}, ADMIN);
    expect(all.total).toBe(3);
    expect((await mall.ok('admin', 'listMaterials', { status: 'retired' }, ADMIN)).items).toHaveLength(1);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
