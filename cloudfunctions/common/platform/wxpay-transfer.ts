/**
 * WeChat Pay's merchant transfer (商家转账, API v3) for paying withdrawals into the distributor's WeChat
 * change: create a bill, query it, and verify + decrypt its notifications. The domain meaning of the
 * bill's states is shared/transfer.ts; what a withdrawal does with them is common/workflows/transfers.ts.
 *
 * Library: wechatpay-axios-plugin (TheNorthMemory), not wechatpay-node-v3 (klover2). Both speak API v3,
 * but wechatpay-axios-plugin is maintained (0.9.x in 2026, axios 1.x), calls ANY v3 path through one
 * generic signed client – /v3/fund-app/mch-transfer/transfer-bills included, which a wrapper with one
 * method per API must add first (wechatpay-node-v3 wraps the older 批量转账 /v3/transfer/batches) – and
 * verifies every answer's Wechatpay-Signature against the configured WeChat Pay public key / platform
 * certificate by default (refusing unsigned or stale answers), supporting the 微信支付公钥 mode new
 * merchants get. wechatpay-node-v3 pins superagent 8.0.6 and leaves answer verification to the caller.
 * Its Rsa / AesGcm / Formatter helpers verify and decrypt the notifications here.
 *
 * Configuration (environment variables of `admin`, `withdraw` and `transferNotify`; the private key and
 * API v3 key are secrets: set them in the console or through `npm run setup:cloud`, never commit them):
 *   WXPAY_TRANSFER_MCH_ID        merchant number with 商家转账 opened
 *   WXPAY_TRANSFER_APPID         the mini program's AppID (bound to the merchant)
 *   WXPAY_TRANSFER_SERIAL_NO     serial number of the merchant API certificate
 *   WXPAY_TRANSFER_PRIVATE_KEY   the merchant API private key, PEM (apiclient_key.pem; "\n" escapes allowed)
 *   WXPAY_TRANSFER_PUBLIC_KEY_ID the WeChat Pay public key id (PUB_KEY_ID_…) or platform certificate serial
 *   WXPAY_TRANSFER_PUBLIC_KEY    that WeChat Pay public key (or platform certificate), PEM
 *   WXPAY_TRANSFER_API_V3_KEY    the API v3 key (32 characters): decrypts notifications
 *   WXPAY_TRANSFER_NOTIFY_URL    the HTTP access URL of the transferNotify function
 *   WXPAY_TRANSFER_SCENE_ID      the approved transfer scene (default 1005, 佣金报酬)
 *   WXPAY_TRANSFER_BASE_URL      default https://api.mch.weixin.qq.com/ (the local CloudBase sets its stand-in)
 */
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { AppError } from '../../../shared/errors';
import { type TransferState, isTransferState } from '../../../shared/transfer';
import { REAL_NAME_FROM_FEN, type TransferConfig } from './wxpay-transfer-config';

export {
  DEFAULT_SCENE_ID,
  PRODUCTION_BASE_URL,
  type TransferConfig,
  missingTransferVariables,
  transferConfig,
} from './wxpay-transfer-config';

/** A transfer bill as the mall keeps it. */
export interface TransferBill {
  outBillNo: string;
  transferBillNo: string | null;
  state: TransferState;
  /** What wx.requestMerchantTransfer needs while the state is WAIT_USER_CONFIRM. */
  packageInfo: string | null;
  failReason: string | null;
  /** Fen, when WeChat Pay says (queries and notifications do). */
  transferAmount: number | null;
}

function toBill(data: Record<string, unknown>): TransferBill {
  const state = data.state;
  if (!isTransferState(state)) throw new AppError('INTERNAL', `微信转账返回了未知状态 ${String(state)}`);
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    outBillNo: String(data.out_bill_no ?? ''),
    transferBillNo: str(data.transfer_bill_no),
    state,
    packageInfo: str(data.package_info),
    failReason: str(data.fail_reason),
    transferAmount: typeof data.transfer_amount === 'number' ? data.transfer_amount : null,
  };
}

function client(config: TransferConfig): Wechatpay {
  return new Wechatpay({
    mchid: config.mchId,
    serial: config.serialNo,
    privateKey: config.privateKey,
    certs: { [config.publicKeyId]: config.publicKey },
    baseURL: config.baseUrl,
    timeout: 5000,
  });
}

/** An answer WeChat Pay refused, or one that failed verification: the admin sees why. */
function transferError(error: unknown): AppError {
  const e = error as {
    response?: { status?: number; data?: { code?: string; message?: string } };
    message?: string;
  };
  const detail = e.response?.data?.message || e.response?.data?.code || e.message || String(error);
  return new AppError('RULE', `微信商家转账失败：${detail}`);
}

export interface CreateTransferInput {
  outBillNo: string;
  openid: string;
  amountFen: number;
  /** The payee's real name; required by WeChat Pay from ¥2,000. */
  userName: string | null;
}

/** 发起转账: POST /v3/fund-app/mch-transfer/transfer-bills. WeChat Pay deduplicates on out_bill_no. */
export async function createTransfer(
  config: TransferConfig,
  input: CreateTransferInput,
): Promise<TransferBill> {
  const body: Record<string, unknown> = {
    appid: config.appId,
    out_bill_no: input.outBillNo,
    transfer_scene_id: config.sceneId,
    openid: input.openid,
    transfer_amount: input.amountFen,
    transfer_remark: '分销佣金提现',
    notify_url: config.notifyUrl,
    user_recv_perception: '劳务报酬',
    transfer_scene_report_infos: [
      { info_type: '岗位类型', info_content: '分销推广员' },
      { info_type: '报酬说明', info_content: '分销佣金提现' },
    ],
  };
  const headers: Record<string, string> = {};
  if (input.amountFen >= REAL_NAME_FROM_FEN) {
    if (!input.userName) {
      throw new AppError(
        'RULE',
        '单笔 ¥2,000 及以上的微信转账需要收款人实名：请驳回，让分销商填写姓名后重新申请',
      );
    }
    body.user_name = Rsa.encrypt(input.userName, Rsa.from(config.publicKey, Rsa.KEY_TYPE_PUBLIC));
    headers['Wechatpay-Serial'] = config.publicKeyId;
  }
  try {
    const { data } = await client(config)
      .chain('v3/fund-app/mch-transfer/transfer-bills')
      .post(body, { headers });
    return toBill(data as Record<string, unknown>);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw transferError(error);
  }
}

/** 商户单号查询转账单: GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}. */
export async function queryTransfer(config: TransferConfig, outBillNo: string): Promise<TransferBill> {
  try {
    const { data } = await client(config)
      .chain('v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}')
      .get({ out_bill_no: outBillNo } as object);
    return toBill(data as Record<string, unknown>);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw transferError(error);
  }
}

/** WeChat Pay refuses notifications it signed more than 5 minutes from now; so do we (replays). */
export const NOTIFY_MAX_SKEW_S = 300;

/**
 * A transfer notification (转账结果通知), verified and decrypted: the Wechatpay-Signature over
 * "timestamp\nnonce\nbody\n" with the configured WeChat Pay public key, a timestamp within 5 minutes,
 * then the AEAD_AES_256_GCM resource with the API v3 key. Anything else throws – the caller answers an
 * error and changes nothing.
 */
export function openNotification(
  config: TransferConfig,
  headers: Record<string, string | undefined>,
  body: string,
  nowMs = Date.now(),
): TransferBill {
  const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v ?? '']));
  const timestamp = h['wechatpay-timestamp'];
  const nonce = h['wechatpay-nonce'];
  const signature = h['wechatpay-signature'];
  const serial = h['wechatpay-serial'];
  if (!timestamp || !nonce || !signature || !serial)
    throw new Error('notification without its Wechatpay-* headers');
  if (serial !== config.publicKeyId) throw new Error(`notification signed with unknown key ${serial}`);
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > NOTIFY_MAX_SKEW_S)
    throw new Error('notification timestamp out of range');
  const message = Formatter.response(timestamp, nonce, body);
  if (!Rsa.verify(message, signature, Rsa.from(config.publicKey, Rsa.KEY_TYPE_PUBLIC))) {
    throw new Error('notification signature does not verify');
  }
  const parsed = JSON.parse(body) as {
    resource?: { ciphertext?: string; nonce?: string; associated_data?: string };
  };
  const resource = parsed.resource;
  if (!resource?.ciphertext || !resource.nonce) throw new Error('notification without a resource');
  const plain = Aes.AesGcm.decrypt(
    resource.ciphertext,
    config.apiV3Key,
    resource.nonce,
    resource.associated_data ?? '',
  );
  return toBill(JSON.parse(plain) as Record<string, unknown>);
}
