import { generateInviteCode } from '../../shared/invite-code';
import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { SERVICES, mockWx, serviceError } from './mocks';

const CODE = generateInviteCode(new Uint8Array(8).fill(5));
const product = (productId: string, title: string, priceFen: number) => ({
  productId,
  title,
  priceFen,
  stock: 10,
  cover: `/${productId}.png`,
  salesCount: 1,
});
const RICE = product('p1', '有机大米', 9900);
const OIL = product('p2', '山茶油', 12800);
const EGGS = product('p3', '土鸡蛋', 3000);

function setup(
  updatePicks = jest.fn(),
  picks = [OIL],
  getCenter = jest.fn().mockResolvedValue({ distributorStatus: 'active', inviteCode: CODE }),
) {
  const getHome = jest.fn().mockResolvedValue({
    banners: [],
    featured: [],
    shop: { shopName: '小王的好物店', logo: '', intro: '', inviteCode: CODE, picks },
  });
  const listProducts = jest
    .fn()
    .mockResolvedValueOnce({ items: [RICE, OIL], total: 3, page: 1, pageSize: 20 })
    .mockResolvedValueOnce({ items: [EGGS], total: 3, page: 2, pageSize: 20 });
  jest.doMock(SERVICES.catalog, () => ({ getHome, listProducts }));
  jest.doMock(SERVICES.distributor, () => ({ getCenter, updatePicks }));
  const page = renderPage('pages/distributor/picks/index');
  mockWx();
  return { ...page, getHome, listProducts, updatePicks };
}

const pickTitles = (page: ReturnType<typeof setup>) =>
  page.comp.querySelectorAll('.pick__title').map((n) => n.dom!.textContent!.trim());

describe('pages/distributor/picks', () => {
  it("shows the shop's current picks and the merchant's products on the shelf, paged", async () => {
    const page = setup();
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(page.getHome).toHaveBeenCalledWith(CODE);
    expect(page.listProducts).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    expect(pickTitles(page)).toEqual(['1. 山茶油', '有机大米', '山茶油']);
    expect(textOf(page.comp)).toContain('店铺精选（1/20）');
    expect(textOf(page.comp)).toContain('¥128.00');
    // the product already picked says so
    expect(page.comp.instance.data.items.map((i: { picked: boolean }) => i.picked)).toEqual([false, true]);
    expectComponentsRendered(page);

    page.comp.instance.onReachBottom();
    await settle(page.simulate);
    expect(page.listProducts).toHaveBeenLastCalledWith({ page: 2, pageSize: 20 });
    expect(page.comp.querySelectorAll('.goods')).toHaveLength(3);
    expect(textOf(page.comp)).toContain('没有更多了');
  });

  it('chooses, orders and removes picks, and saves them in order with distributor.updatePicks', async () => {
    const updatePicks = jest.fn().mockResolvedValue({ picks: [RICE, OIL] });
    const page = setup(updatePicks);
    page.comp.instance.onLoad();
    await settle(page.simulate);

    tap(page.comp, '.goods__toggle'); // 选入 有机大米
    await settle(page.simulate);
    expect(pickTitles(page).slice(0, 2)).toEqual(['1. 山茶油', '2. 有机大米']);
    page.comp.querySelectorAll('.pick__up')[1]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(pickTitles(page).slice(0, 2)).toEqual(['1. 有机大米', '2. 山茶油']);

    tap(page.comp, '.picks__save');
    await settle(page.simulate);
    expect(updatePicks).toHaveBeenCalledWith(['p1', 'p2']);
    expect(textOf(page.comp)).toContain('已保存');

    page.comp.querySelectorAll('.pick__remove')[0]!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(pickTitles(page)[0]).toBe('1. 山茶油');
    expect(textOf(page.comp)).not.toContain('已保存，');
  });

  it("shows the server's refusal beside the save button", async () => {
    const updatePicks = jest
      .fn()
      .mockRejectedValue(serviceError('VALIDATION', '这些商品不存在或已下架，不能选入店铺：p2'));
    const page = setup(updatePicks);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    tap(page.comp, '.picks__save');
    await settle(page.simulate);
    expect(page.comp.querySelector('.picks__error')!.dom!.textContent).toContain('已下架，不能选入店铺');
  });

  it('tells a buyer who is not a distributor yet, and retries', async () => {
    const getCenter = jest.fn().mockResolvedValue({ distributorStatus: 'none', inviteCode: null });
    const page = setup(jest.fn(), [], getCenter);
    page.comp.instance.onLoad();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('成为分销商后才能为店铺选品');
    expect(page.comp.querySelector('.picks__save')).toBeFalsy();
    page.comp.querySelector('.picks__retry')!.dispatchEvent('tap');
    await settle(page.simulate);
    expect(getCenter).toHaveBeenCalledTimes(2);
  });
});
