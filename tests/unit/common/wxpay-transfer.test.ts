/**
 * The WeChat Pay transfer client (common/platform/wxpay-transfer.ts) against the stand-in served on a bare HTTP
 * server: requests signed with the merchant key, answers verified with WeChat Pay's key – an answer
 * signed with any other key is refused – and notifications verified, decrypted and refused when forged
 * or stale.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { transferOutcome } from '../../../shared/transfer';
import {
  createTransfer,
  missingTransferVariables,
  openNotification,
  queryTransfer,
  transferConfig,
} from '../../../cloudfunctions/common/platform/wxpay-transfer';
import { generateTransferKeys, transferFunctionEnv } from '../../../localcloud/platform/transfer/keys';
import { TransferStandIn } from '../../../localcloud/platform/transfer/standIn';

const keys = generateTransferKeys();
const clock = { now: () => Date.now() } as ConstructorParameters<typeof TransferStandIn>[1];

describe('WeChat Pay transfer client', () => {
  let server: http.Server;
  let standIn: TransferStandIn;
  let url: string;
  beforeAll(async () => {
    standIn = new TransferStandIn(keys, clock);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = standIn.handleApi(
          req.method!,
          req.url!,
          req.headers.authorization,
          Buffer.concat(chunks).toString(),
        );
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const config = () => transferConfig(transferFunctionEnv(keys, url));

  it('creates a bill waiting for the user, and the same out_bill_no is the same bill', async () => {
    const input = { outBillNo: 'a'.repeat(32), openid: 'o-1', amountFen: 9_940, userName: null };
    const bill = await createTransfer(config(), input);
    expect(bill).toMatchObject({
      outBillNo: input.outBillNo,
      state: 'WAIT_USER_CONFIRM',
      packageInfo: expect.any(String),
    });
    expect(transferOutcome(bill.state)).toBe('waiting_user');
    expect(await createTransfer(config(), input)).toEqual(bill);
    await expect(createTransfer(config(), { ...input, amountFen: 1 })).rejects.toMatchObject({
      code: 'RULE',
    });
    expect(await queryTransfer(config(), input.outBillNo)).toMatchObject({
      state: 'WAIT_USER_CONFIRM',
      transferAmount: 9_940,
    });
  });

  it('refuses an answer signed with a key that is not WeChat Pay’s', async () => {
    const other = generateTransferKeys();
    const wrong = transferConfig({
      ...transferFunctionEnv(keys, url),
      WXPAY_TRANSFER_PUBLIC_KEY: other.platformPublicKey,
    });
    await expect(queryTransfer(wrong, 'a'.repeat(32))).rejects.toMatchObject({ code: 'RULE' });
  });

  it('requires the payee’s real name from ¥2,000 on', async () => {
    const input = { outBillNo: 'b'.repeat(32), openid: 'o-1', amountFen: 200_000, userName: null };
    await expect(createTransfer(config(), input)).rejects.toMatchObject({
      code: 'RULE',
      message: expect.stringContaining('实名'),
    });
    expect(await createTransfer(config(), { ...input, userName: '王小明' })).toMatchObject({
      state: 'WAIT_USER_CONFIRM',
    });
  });

  it('opens a genuine notification and refuses a forged, tampered or stale one', () => {
    const bill = standIn.finish('a'.repeat(32), 'confirm');
    const sent = standIn.notification(bill);
    expect(openNotification(config(), sent.headers, sent.body)).toMatchObject({
      outBillNo: bill.outBillNo,
      state: 'SUCCESS',
      transferAmount: 9_940,
    });
    expect(() =>
      openNotification(
        config(),
        sent.headers,
        sent.body.replace('MCHTRANSFER.BILL.FINISHED', 'MCHTRANSFER.BILL.FORGED'),
      ),
    ).toThrow();
    const forger = new TransferStandIn(
      { ...generateTransferKeys(), platformKeyId: keys.platformKeyId, apiV3Key: keys.apiV3Key },
      clock,
    );
    const forged = forger.notification(bill);
    expect(() => openNotification(config(), forged.headers, forged.body)).toThrow('signature');
    expect(() => openNotification(config(), sent.headers, sent.body, Date.now() + 10 * 60_000)).toThrow(
      'timestamp',
    );
    expect(() =>
      openNotification(config(), { ...sent.headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }, sent.body),
    ).toThrow('unknown key');
  });

  it('names every missing variable', () => {
    expect(missingTransferVariables({})).toHaveLength(8);
    expect(() => transferConfig({})).toThrow('WXPAY_TRANSFER_MCH_ID');
  });
});
