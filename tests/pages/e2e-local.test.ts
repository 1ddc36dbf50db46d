/**
 * End to end against the real local CloudBase (no mocked service): the pages run in miniprogram-simulate
 * with the services in local mode, their wx.request carried over HTTP to a local CloudBase started for
 * this file. A buyer opens a distributor's shared link, buys, pays through the local payment, and the
 * distributor sees the pending commission in the center.
 */
import http from 'node:http';
import { type LocalCloud, startLocalCloud } from '../../localcloud/testing';
import { renderPage, settle, tap, textOf } from './harness';

const ADMIN = 'dev-admin';
const DISTRIBUTOR = 'e2e-distributor';
const BUYER = 'e2e-buyer';

let cloud: LocalCloud;

// The local CloudBase runs in this (jsdom) test file: it needs Node's timers (unref), not the window's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeTimers = require('node:timers');
Object.assign(globalThis, {
  setInterval: nodeTimers.setInterval,
  clearInterval: nodeTimers.clearInterval,
  setTimeout: nodeTimers.setTimeout,
  clearTimeout: nodeTimers.clearTimeout,
  setImmediate: nodeTimers.setImmediate,
  clearImmediate: nodeTimers.clearImmediate,
  fetch: httpFetch,
});

/** The part of fetch localcloud/testing.ts uses (jest's jsdom environment has none). */
function httpFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; text(): Promise<string> }>((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: init.method ?? 'GET',
        headers: init.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: async () => text }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  cloud = await startLocalCloud();
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

async function ok<T>(
  fn: string,
  action: string,
  params: Record<string, unknown>,
  openid: string,
): Promise<T> {
  const reply = await cloud.call<{ ok: boolean; data: T; error?: unknown }>(
    fn,
    { action, ...params },
    openid,
  );
  if (!reply.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

/** wx.request over real HTTP (what DevTools does with 不校验合法域名 against the local runtime). */
function realRequest(options: WechatMiniprogram.RequestOption) {
  const url = new URL(options.url);
  const body = JSON.stringify(options.data ?? {});
  const req = http.request(
    {
      hostname: url.hostname,
      port: url.port,
      path: url.pathname,
      method: options.method ?? 'GET',
      headers: { ...options.header, 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        options.success?.({
          data,
          statusCode: res.statusCode ?? 0,
          header: res.headers,
          cookies: [],
          errMsg: 'request:ok',
        } as never);
      });
    },
  );
  req.on('error', (e) => options.fail?.({ errMsg: `request:fail ${e.message}` } as never));
  req.end(body);
}

/** Renders a page in local mode as `openid`, with the storage of the phone carried between pages. */
function open(pagePath: string, openid: string, storage: Map<string, unknown>) {
  const page = renderPage(pagePath, Object.fromEntries(storage));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config instance this render's modules use
  const { runtimeConfig } = require('../../miniprogram/config');
  Object.assign(runtimeConfig, { mode: 'local', localUrl: cloud.url, localOpenid: openid });
  const w = wx as unknown as Record<string, unknown>;
  w.request = realRequest;
  w.navigateTo = jest.fn();
  w.redirectTo = jest.fn();
  w.showToast = jest.fn();
  w.getPrivacySetting = (o: { success: (r: unknown) => void }) => o.success({ needAuthorization: false });
  w.chooseAddress = jest.fn().mockResolvedValue({
    userName: '张三',
    telNumber: '13800138000',
    provinceName: '北京市',
    cityName: '',
    countyName: '朝阳区',
    detailInfo: '某路 1 号',
  });
  return page;
}

async function until(simulate: Parameters<typeof settle>[0], check: () => boolean, what: string) {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await settle(simulate, 50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('a buyer arrives by a distributor’s link, buys and pays; the distributor sees the pending commission', async () => {
  const me = await ok<{ userId: string }>('user', 'login', {}, DISTRIBUTOR);
  await ok('admin', 'setDistributorStatus', { userId: me.userId, status: 'active' }, ADMIN);
  const { inviteCode } = await ok<{ inviteCode: string }>('user', 'login', {}, DISTRIBUTOR);
  const { productId } = await ok<{ productId: string }>(
    'admin',
    'upsertProduct',
    { title: '端到端大米', priceFen: 10000, stock: 10 },
    ADMIN,
  );

  // the buyer's phone: the shared link opens the home page
  const phone = new Map<string, unknown>();
  const home = open('pages/mall/home/index', BUYER, phone);
  home.comp.instance.onLoad({ inviteCode });
  await until(home.simulate, () => textOf(home.comp).includes('端到端大米'), 'the product list');
  for (const [k, v] of home.storage) phone.set(k, v);
  expect(phone.get('mall.invite')).toMatchObject({ inviteCode, source: 'share_link' });

  // product detail → buy now
  const detail = open('pages/mall/detail/index', BUYER, phone);
  detail.comp.instance.onLoad({ productId });
  await until(detail.simulate, () => textOf(detail.comp).includes('¥100.00'), 'the product');
  tap(detail.comp, '.detail__buy');
  for (const [k, v] of detail.storage) phone.set(k, v);

  // checkout: address, order (the server's amount), local payment
  const checkout = open('pages/order/checkout/index', BUYER, phone);
  checkout.comp.instance.onLoad({ from: 'buyNow' });
  await checkout.comp.instance.onChooseAddress();
  tap(checkout.comp, '.checkout__submit');
  await until(checkout.simulate, () => Boolean(checkout.comp.instance.data.order), 'the order');
  expect(textOf(checkout.comp)).toContain('¥100.00');
  tap(checkout.comp, '.checkout__pay');
  await until(checkout.simulate, () => checkout.comp.instance.data.simulating, 'the 模拟支付 sheet');
  tap(checkout.comp, '.simulate__confirm');
  await until(checkout.simulate, () => (wx.redirectTo as jest.Mock).mock.calls.length > 0, 'the payment');
  expect(checkout.comp.instance.data.error).toBe('');

  // the distributor's center: the pending commission of the order (10 % of ¥100 by the default rates)
  const center = open('pages/promote/center/index', DISTRIBUTOR, new Map());
  center.comp.instance.onShow();
  await until(center.simulate, () => textOf(center.comp).includes('待结算'), 'the center');
  expect(center.comp.instance.data.balances[0]).toMatchObject({ name: '待结算', amount: '¥10.00' });
});
