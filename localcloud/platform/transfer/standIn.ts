/**
 * A stand-in of WeChat Pay's merchant transfer API (商家转账, NOTES.md §6.5) for the local CloudBase:
 *
 *   POST /wxpay/v3/fund-app/mch-transfer/transfer-bills                       发起转账
 *   GET  /wxpay/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}      商户单号查询转账单
 *
 * Every request must carry the merchant's WECHATPAY2-SHA256-RSA2048 Authorization (verified with the
 * merchant public key: 401 SIGN_ERROR otherwise); every answer is signed with WeChat Pay's key
 * (Wechatpay-Timestamp/Nonce/Serial/Signature), so the functions' verification runs as on WeChat Pay.
 * A new bill waits for the user (WAIT_USER_CONFIRM, with a package_info); a repeated out_bill_no with the
 * same payee and amount answers the same bill, otherwise 400. `POST /dev/transfer` plays the user and
 * WeChat: confirm (→ SUCCESS), fail (→ FAIL), cancel (→ CANCELLED) – each sends the transfer notification,
 * encrypted with the API v3 key and signed, to the bill's notify_url; `notify` sends the last one again,
 * byte for byte (a replay).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Clock } from '../../clock';
import type { TransferKeys } from './keys';

export type BillState = 'WAIT_USER_CONFIRM' | 'SUCCESS' | 'FAIL' | 'CANCELLED';

export interface Bill {
  outBillNo: string;
  transferBillNo: string;
  appid: string;
  openid: string;
  amountFen: number;
  remark: string;
  notifyUrl: string;
  state: BillState;
  packageInfo: string;
  failReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SentNotification {
  headers: Record<string, string>;
  body: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const OUT_BILL_NO = /^[0-9A-Za-z]{5,32}$/;
const AUTH = /^WECHATPAY2-SHA256-RSA2048 (.+)$/;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export class TransferStandIn {
  private readonly bills = new Map<string, Bill>();
  private readonly lastNotification = new Map<string, SentNotification>();

  constructor(
    readonly keys: TransferKeys,
    private readonly clock: Clock,
    private readonly file: string | null = null,
  ) {
    if (file && fs.existsSync(file)) {
      for (const bill of JSON.parse(fs.readFileSync(file, 'utf8')) as Bill[])
        this.bills.set(bill.outBillNo, bill);
    }
  }

  get(outBillNo: string): Bill | undefined {
    return this.bills.get(outBillNo);
  }

  private save(bill: Bill): void {
    this.bills.set(bill.outBillNo, bill);
    if (this.file) fs.writeFileSync(this.file, JSON.stringify([...this.bills.values()], null, 2));
  }

  /** WeChat Pay's signature over "timestamp\nnonce\nbody\n" (answers and notifications). */
  signed(status: number, body: string): HttpAnswer {
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    const nonce = crypto.randomBytes(16).toString('hex');
    const signature = crypto
      .createSign('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .sign(this.keys.platformPrivateKey, 'base64');
    return {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-serial': this.keys.platformKeyId,
        'wechatpay-signature': signature,
      },
      body,
    };
  }

  private error(status: number, code: string, message: string): HttpAnswer {
    return this.signed(status, JSON.stringify({ code, message }));
  }

  /** The merchant's Authorization header, checked as WeChat Pay checks it; null when it verifies. */
  private authProblem(
    method: string,
    pathWithQuery: string,
    authorization: string | undefined,
    body: string,
  ): string | null {
    const match = AUTH.exec(authorization ?? '');
    if (!match) return 'missing WECHATPAY2-SHA256-RSA2048 Authorization';
    const fields = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as [string, string]),
    );
    if (fields.mchid !== this.keys.mchId) return `unknown mchid ${fields.mchid}`;
    if (fields.serial_no !== this.keys.merchantSerialNo)
      return `unknown certificate serial ${fields.serial_no}`;
    if (Math.abs(this.clock.now() / 1000 - Number(fields.timestamp)) > 300) return 'timestamp out of range';
    const message = `${method}\n${pathWithQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const ok = crypto
      .createVerify('RSA-SHA256')
      .update(message)
      .verify(this.keys.merchantPublicKey, fields.signature ?? '', 'base64');
    return ok ? null : 'signature does not verify';
  }

  /** `/wxpay/v3/…`: `pathWithQuery` as the request line has it (what the merchant signed). */
  handleApi(
    method: string,
    pathWithQuery: string,
    authorization: string | undefined,
    body: string,
  ): HttpAnswer {
    const problem = this.authProblem(method, pathWithQuery, authorization, body);
    if (problem) return this.error(401, 'SIGN_ERROR', `签名错误：${problem}`);
    const path = pathWithQuery.split('?')[0].replace(/^\/wxpay/, '');
    if (method === 'POST' && path === '/v3/fund-app/mch-transfer/transfer-bills') return this.create(body);
    const query = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(path);
    if (method === 'GET' && query) {
      const bill = this.bills.get(decodeURIComponent(query[1]));
      if (!bill) return this.error(404, 'NOT_FOUND', '记录不存在');
      return this.signed(200, JSON.stringify(this.view(bill)));
    }
    return this.error(404, 'NOT_FOUND', `no such API: ${method} ${path}`);
  }

  private create(raw: string): HttpAnswer {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return this.error(400, 'PARAM_ERROR', '请求体不是 JSON');
    }
    const outBillNo = body.out_bill_no;
    const amount = body.transfer_amount;
    if (body.appid !== this.keys.appId) return this.error(400, 'PARAM_ERROR', 'appid 与商户号不匹配');
    if (typeof outBillNo !== 'string' || !OUT_BILL_NO.test(outBillNo))
      return this.error(400, 'PARAM_ERROR', 'out_bill_no 格式错误');
    if (typeof body.openid !== 'string' || body.openid === '')
      return this.error(400, 'PARAM_ERROR', '缺少 openid');
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) {
      return this.error(400, 'PARAM_ERROR', 'transfer_amount 必须是正整数（分）');
    }
    if (typeof body.transfer_scene_id !== 'string' || !Array.isArray(body.transfer_scene_report_infos)) {
      return this.error(400, 'PARAM_ERROR', '缺少 transfer_scene_id 或 transfer_scene_report_infos');
    }
    if (typeof body.notify_url !== 'string' || !/^https?:\/\//.test(body.notify_url)) {
      return this.error(400, 'PARAM_ERROR', 'notify_url 格式错误');
    }
    const existing = this.bills.get(outBillNo);
    if (existing) {
      if (existing.openid !== body.openid || existing.amountFen !== amount) {
        return this.error(400, 'INVALID_REQUEST', '商户单号重复，且与原单据信息不一致');
      }
      return this.signed(200, JSON.stringify(this.created(existing)));
    }
    const now = this.clock.now();
    const bill: Bill = {
      outBillNo,
      transferBillNo: `1330000${now}${crypto.randomInt(100000, 999999)}`,
      appid: this.keys.appId,
      openid: body.openid,
      amountFen: amount,
      remark: String(body.transfer_remark ?? ''),
      notifyUrl: body.notify_url,
      state: 'WAIT_USER_CONFIRM',
      packageInfo: `local-package-${crypto.randomBytes(12).toString('base64url')}`,
      failReason: null,
      createdAt: now,
      updatedAt: now,
    };
    this.save(bill);
    return this.signed(200, JSON.stringify(this.created(bill)));
  }

  private created(bill: Bill): Record<string, unknown> {
    return {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      create_time: iso(bill.createdAt),
      state: bill.state,
      ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info: bill.packageInfo } : {}),
    };
  }

  private view(bill: Bill): Record<string, unknown> {
    return {
      mch_id: this.keys.mchId,
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      appid: bill.appid,
      state: bill.state,
      transfer_amount: bill.amountFen,
      transfer_remark: bill.remark,
      openid: bill.openid,
      create_time: iso(bill.createdAt),
      update_time: iso(bill.updatedAt),
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info: bill.packageInfo } : {}),
    };
  }

  /** The user confirms, or the transfer fails or is cancelled: the bill's final state. */
  finish(outBillNo: string, action: 'confirm' | 'fail' | 'cancel'): Bill {
    const bill = this.bills.get(outBillNo);
    if (!bill) throw new Error(`no transfer bill ${outBillNo}`);
    if (bill.state !== 'WAIT_USER_CONFIRM') throw new Error(`transfer bill ${outBillNo} is ${bill.state}`);
    const state: BillState = action === 'confirm' ? 'SUCCESS' : action === 'fail' ? 'FAIL' : 'CANCELLED';
    const next: Bill = {
      ...bill,
      state,
      failReason: action === 'fail' ? 'PAYEE_ACCOUNT_ABNORMAL' : null,
      updatedAt: this.clock.now(),
    };
    this.save(next);
    return next;
  }

  /** The notification of the bill's (final) state, encrypted and signed – and kept for a replay. */
  notification(bill: Bill): SentNotification {
    const resource = JSON.stringify({ ...this.view(bill), package_info: undefined });
    const nonce = crypto.randomBytes(6).toString('hex');
    const aad = 'mch_payment';
    const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(this.keys.apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from(aad));
    const ciphertext = Buffer.concat([
      cipher.update(resource, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]).toString('base64');
    const body = JSON.stringify({
      id: crypto.randomUUID(),
      create_time: iso(this.clock.now()),
      resource_type: 'encrypt-resource',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      summary: '商家转账单据终态通知',
      resource: {
        original_type: 'mch_payment',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext,
        associated_data: aad,
        nonce,
      },
    });
    const answer = this.signed(200, body);
    const sent = { headers: { ...answer.headers, 'content-type': 'application/json' }, body };
    this.lastNotification.set(bill.outBillNo, sent);
    return sent;
  }

  /** The last notification sent for a bill, to send again unchanged. */
  lastSent(outBillNo: string): SentNotification | undefined {
    return this.lastNotification.get(outBillNo);
  }
}
