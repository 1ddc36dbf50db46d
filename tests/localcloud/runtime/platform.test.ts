/**
 * The platform adapters over the wire, as fixture functions reach them through the real wx-server-sdk:
 * nested callFunction, storage with its HTTP file routes, openapi (codes, subscribe messages,
 * permissions) and cloudPay with the simulated WeChat Pay notification of /dev/pay.
 */
import fs from 'node:fs';
import QRCode from 'qrcode';
import { unlimitedCodeText } from '../../../localcloud/platform/openapi/wxacode';
import { type LocalCloud, startLocalCloud } from '../../../localcloud/testing';
import { buildFixtures } from './fixtures';
import { PNG_SIGNATURE, decodePng } from './png';

type Attempt<T> = { ok: true; value: T } | { ok: false; errCode: number | null; errMsg: string | null };

let functionsDir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  functionsDir = await buildFixtures();
  cloud = await startLocalCloud({ functionsDir, poolSize: 2 });
});

afterAll(async () => {
  await cloud?.stop();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

describe('callFunction from a function', () => {
  it('runs the callee with the caller’s OPENID and the data as event', async () => {
    const reply = await cloud.call<{
      ok: boolean;
      me: string;
      result: { openid: string; source: string; event: Record<string, unknown> };
    }>('caller', { data: { hello: 'world' } }, 'o-nested');
    expect(reply.ok).toBe(true);
    expect(reply.me).toBe('o-nested');
    expect(reply.result).toMatchObject({
      openid: 'o-nested',
      source: 'wx_client',
      event: { hello: 'world', userInfo: { openId: 'o-nested' } },
    });
    expect(cloud.invocations()).toContainEqual(
      expect.objectContaining({ name: 'whoami', openid: 'o-nested' }),
    );
  });

  it('starts extra workers for callees when every warm worker is busy with a caller', async () => {
    const replies = await Promise.all(
      ['o-a', 'o-b', 'o-c'].map((openid) =>
        cloud.call<{ ok: boolean; result: { openid: string } }>('caller', { target: 'whoami' }, openid),
      ),
    );
    expect(replies.map((r) => r.ok && r.result.openid)).toEqual(['o-a', 'o-b', 'o-c']);
  });

  it('fails the SDK call when the callee does not exist or crashes', async () => {
    const missing = await cloud.call<{ ok: boolean; errMsg: string }>('caller', { target: 'nope' });
    expect(missing.ok).toBe(false);
    expect(missing.errMsg).toMatch(/callFunction:fail.*not found/);
    const crashed = await cloud.call<{ ok: boolean; errMsg: string }>('caller', {
      target: 'crash',
      data: { how: 'exit' },
    });
    expect(crashed.ok).toBe(false);
    expect(crashed.errMsg).toMatch(/crashed/);
  });
});

describe('storage', () => {
  it('uploads, hands out a temporary URL that serves the bytes over HTTP, downloads and deletes', async () => {
    const cloudPath = 'posters/a b/海报.txt';
    const uploaded = await cloud.call<{
      fileID: string;
      fileList: Array<{ fileID: string; status: number; tempFileURL: string }>;
    }>('files', { action: 'upload', cloudPath, text: '分销海报' });
    expect(uploaded.fileID).toBe(`cloud://local.6c6f-local-1250000000/${cloudPath}`);
    const [found, missing] = uploaded.fileList;
    expect(found.status).toBe(0);
    expect(missing).toMatchObject({ status: -503003, tempFileURL: '' });

    const response = await fetch(encodeURI(found.tempFileURL));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('分销海报');
    expect(fs.existsSync(`${cloud.dataDir}/storage/posters/a b/海报.txt`)).toBe(true);

    const downloaded = await cloud.call<{ text: string }>('files', {
      action: 'download',
      fileID: uploaded.fileID,
    });
    expect(downloaded.text).toBe('分销海报');

    const deleted = await cloud.call<{ fileList: Array<{ status: number }> }>('files', {
      action: 'delete',
      fileID: uploaded.fileID,
    });
    expect(deleted.fileList[0].status).toBe(0);
    expect((await fetch(encodeURI(found.tempFileURL))).status).toBe(404);
  });

  it('refuses a PUT that storage.getUploadMetadata did not grant, and paths that escape the bucket', async () => {
    const put = await fetch(`${cloud.url}/files/sneaky.txt`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    expect(await put.text()).toMatch(/<Code>AccessDenied<\/Code>/);
    expect((await fetch(`${cloud.url}/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it("stores the mini program's local-mode upload (what wx.uploadFile sends) and answers its file ID", async () => {
    const png = Buffer.concat([PNG_SIGNATURE, Buffer.from('not a real picture, but sniffed as one')]);
    const upload = (cloudPath: string | null, bytes: Buffer) => {
      const form = new FormData();
      if (cloudPath !== null) form.append('cloudPath', cloudPath);
      form.append('file', new Blob([bytes]), 'tmp.png');
      return fetch(`${cloud.url}/dev/upload`, { method: 'POST', body: form });
    };
    const stored = await upload('products/新品 1.png', png);
    expect(stored.status).toBe(200);
    const { fileID } = (await stored.json()) as { fileID: string };
    expect(fileID).toMatch(/^cloud:\/\/[^/]+\/products\/新品 1\.png$/);
    const served = await fetch(
      `${cloud.url}/files/${encodeURIComponent('products')}/${encodeURIComponent('新品 1.png')}`,
    );
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    // not an image, no path, a path out of the bucket: refused, nothing stored
    for (const [path, bytes] of [
      ['x/a.txt', Buffer.from('hello')],
      [null, png],
      ['../escape.png', png],
    ] as const) {
      const refused = await upload(path, bytes);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', reason: 'BAD_UPLOAD' },
      });
    }
    expect((await fetch(`${cloud.url}/files/x/a.txt`)).status).toBe(404);
  });
});

describe('openapi', () => {
  it('wxacode.getUnlimited answers a PNG whose QR code holds the page and the scene', async () => {
    const page = 'pages/distributor/shop/index';
    const code = async (scene: string) => {
      const reply = await cloud.call<Attempt<{ contentType: string; base64: string }>>('codes', {
        action: 'code',
        scene,
        page,
      });
      if (!reply.ok) throw new Error(`getUnlimited failed: ${reply.errMsg}`);
      expect(reply.value.contentType).toBe('image/png');
      return Buffer.from(reply.value.base64, 'base64');
    };
    const png = await code('i=AB12cd');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expectQrCode(png, unlimitedCodeText(page, 'i=AB12cd'));
    expect(unlimitedCodeText(page, 'i=AB12cd')).toBe(
      'localcloud://wxacode/pages/distributor/shop/index?scene=i%3DAB12cd',
    );
    expect((await code('i=ZZ99yy')).equals(png)).toBe(false);
  });

  it('refuses a scene WeChat refuses (over 32 characters) with errcode 40169', async () => {
    const reply = await cloud.call<Attempt<unknown>>('codes', { action: 'code', scene: 'x'.repeat(33) });
    expect(reply).toMatchObject({ ok: false, errCode: 40169 });
  });

  it('refuses an API the function’s config.json does not list, as CloudBase does (-604101)', async () => {
    const reply = await cloud.call<Attempt<unknown>>('codes', { action: 'check' });
    expect(reply).toMatchObject({ ok: false, errCode: -604101 });
  });

  it('delivers subscribeMessage.send to the outbox and answers errcode 0', async () => {
    const reply = await cloud.call<Attempt<{ errCode: number }>>(
      'codes',
      { action: 'send', touser: 'o-fan' },
      'o-shop',
    );
    expect(reply).toMatchObject({ ok: true, value: { errCode: 0 } });
    const outbox = await cloud.outbox();
    expect(outbox[outbox.length - 1]).toMatchObject({
      functionName: 'codes',
      touser: 'o-fan',
      templateId: 'TPL_ORDER_PAID',
      page: 'pages/order/order-detail/index',
      data: { thing1: { value: '订单已支付' }, amount2: { value: '12.30' } },
      miniprogramState: 'developer',
    });
    const missingUser = await cloud.call<Attempt<unknown>>('codes', { action: 'send' });
    expect(missingUser).toMatchObject({ ok: false, errCode: 40003 });
  });
});

describe('cloudPay and the simulated payment', () => {
  interface Notified {
    errcode: number;
    source: string;
    openid: string;
    event: Record<string, unknown>;
  }

  it('unifiedOrder answers the payment parameters; /dev/pay notifies the callback with source wx_paycallback', async () => {
    const order = await cloud.call<Record<string, unknown>>(
      'shop',
      { action: 'order', orderId: 'o100', totalFee: 2590 },
      'o-payer',
    );
    expect(order).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0 });
    expect(order.payment).toMatchObject({
      appId: 'wx0000000000000000',
      package: expect.stringMatching(/^prepay_id=wx/),
      signType: 'MD5',
      timeStamp: expect.stringMatching(/^\d{10}$/),
    });

    const first = await cloud.pay<Notified>('o100');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ errcode: 0, source: 'wx_paycallback', openid: 'o-payer' });
    expect(first.body.event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: 'To100',
      totalFee: 2590,
      cashFee: 2590,
      subMchId: '1900000109',
      subOpenid: 'o-payer',
      attach: JSON.stringify({ orderId: 'o100' }),
      transactionId: expect.stringMatching(/^\d{28}$/),
      timeEnd: expect.stringMatching(/^\d{14}$/),
    });

    const replay = await cloud.pay<Notified>({ outTradeNo: 'To100' });
    expect(replay.body.event.transactionId).toBe(first.body.event.transactionId);
    expect(replay.body.event.timeEnd).toBe(first.body.event.timeEnd);

    const query = await cloud.call<Record<string, unknown>>('shop', { action: 'query', orderId: 'o100' });
    expect(query).toMatchObject({ tradeState: 'SUCCESS', transactionId: first.body.event.transactionId });
    const again = await cloud.call<Record<string, unknown>>('shop', {
      action: 'order',
      orderId: 'o100',
      totalFee: 2590,
    });
    expect(again).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCode: 0 });
  });

  it('records a refund and refuses one beyond what is left', async () => {
    await cloud.call('shop', { action: 'order', orderId: 'o200', totalFee: 1000 }, 'o-payer');
    const early = await cloud.call<Record<string, unknown>>('shop', {
      action: 'refund',
      orderId: 'o200',
      totalFee: 1000,
    });
    expect(early).toMatchObject({ resultCode: 'FAIL', errCode: 0 });
    await cloud.pay('o200');
    const refund = await cloud.call<Record<string, unknown>>('shop', {
      action: 'refund',
      orderId: 'o200',
      totalFee: 1000,
      refundFee: 400,
    });
    expect(refund).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      refundFee: 400,
      outRefundNo: 'Ro200',
    });
    const payment = cloud.runtime.platform.payments.get('To200');
    expect(payment?.refunds).toEqual([expect.objectContaining({ outRefundNo: 'Ro200', refundFee: 400 })]);
    expect(payment?.state).toBe('REFUND');
    // The same out_refund_no with another amount is a different request: refused.
    const changed = await cloud.call<Record<string, unknown>>('shop', {
      action: 'refund',
      orderId: 'o200',
      totalFee: 1000,
      refundFee: 700,
    });
    expect(changed).toMatchObject({ resultCode: 'FAIL' });
  });

  it('answers 404 for a payment nobody ordered and 400 for a body without orderId or outTradeNo', async () => {
    const unknown = await cloud.pay<{ error: { reason: string } }>('never-ordered');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.reason).toBe('PAYMENT_NOT_FOUND');
    expect((await cloud.request('POST', '/dev/pay', { order: 'x' })).status).toBe(400);
  });
});

/** Reads the QR modules back from the image and compares them with the QR code of `text`. */
function expectQrCode(png: Buffer, text: string): void {
  const image = decodePng(png);
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const margin = 2;
  const scale = image.width / (modules.size + 2 * margin);
  let mismatches = 0;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      const x = Math.floor((margin + col + 0.5) * scale);
      const y = Math.floor((margin + row + 0.5) * scale);
      const dark = image.red(x, y) < 128;
      if (dark !== Boolean(modules.get(row, col))) mismatches++;
    }
  }
  expect(mismatches).toBe(0);
}
