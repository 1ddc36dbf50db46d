import { expectComponentsRendered, renderPage, settle, tap, textOf } from './harness';
import { mockWx } from './mocks';

const LINES = [
  { productId: 'p1', title: '大米', cover: '', priceFen: 1000, quantity: 2 },
  { productId: 'p2', title: '茶油', cover: '', priceFen: 500, quantity: 1 },
];

describe('pages/cart/index', () => {
  it('shows the kept lines, changes quantities, removes a line and goes to checkout', async () => {
    const page = renderPage('pages/cart/index/index', { 'mall.cart': LINES });
    const w = mockWx();
    page.comp.instance.onShow();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('大米');
    expect(textOf(page.comp)).toContain('¥10.00');
    expect(textOf(page.comp)).toContain('3 件');
    expectComponentsRendered(page);
    page.comp.instance.onQuantity({ currentTarget: { dataset: { id: 'p2' } }, detail: { value: 4 } });
    expect(page.storage.get('mall.cart')).toEqual([LINES[0], { ...LINES[1], quantity: 4 }]);
    page.comp.instance.onRemove({ currentTarget: { dataset: { id: 'p1' } } });
    await settle(page.simulate);
    expect(textOf(page.comp)).not.toContain('大米');
    tap(page.comp, '.cart__checkout');
    expect(w.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/checkout/index?from=cart' });
  });

  it('says when the cart is empty', async () => {
    const page = renderPage('pages/cart/index/index');
    page.comp.instance.onShow();
    await settle(page.simulate);
    expect(textOf(page.comp)).toContain('购物车是空的');
    expectComponentsRendered(page);
  });
});
