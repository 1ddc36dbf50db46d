/**
 * The key material of the local merchant transfer (商家转账) stand-in: the merchant's key pair (the
 * functions sign with the private key, the stand-in verifies with the public one), WeChat Pay's key pair
 * (the stand-in signs answers and notifications, the functions verify with the public key) and the API v3
 * key that encrypts notifications. Tests generate it (generateTransferKeys); `npm start` does too.
 */
import crypto from 'node:crypto';

export interface TransferKeys {
  mchId: string;
  appId: string;
  merchantSerialNo: string;
  merchantPrivateKey: string;
  merchantPublicKey: string;
  /** WeChat Pay public key id (微信支付公钥ID, PUB_KEY_ID_…). */
  platformKeyId: string;
  platformPrivateKey: string;
  platformPublicKey: string;
  /** 32 characters. */
  apiV3Key: string;
}

function rsaPair(): { privateKey: string; publicKey: string } {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export function generateTransferKeys(appId = 'wx0000000000000000'): TransferKeys {
  const merchant = rsaPair();
  const platform = rsaPair();
  return {
    mchId: '1900000109',
    appId,
    merchantSerialNo: crypto.randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    platformKeyId: `PUB_KEY_ID_${crypto.randomBytes(16).toString('hex').toUpperCase()}`,
    platformPrivateKey: platform.privateKey,
    platformPublicKey: platform.publicKey,
    apiV3Key: crypto.randomBytes(16).toString('hex'),
  };
}

/** The functions' side of the keys: the variables common/platform/wxpay-transfer.ts reads. */
export function transferFunctionEnv(keys: TransferKeys, url: string): Record<string, string> {
  return {
    WXPAY_TRANSFER_MCH_ID: keys.mchId,
    WXPAY_TRANSFER_APPID: keys.appId,
    WXPAY_TRANSFER_SERIAL_NO: keys.merchantSerialNo,
    WXPAY_TRANSFER_PRIVATE_KEY: keys.merchantPrivateKey,
    WXPAY_TRANSFER_PUBLIC_KEY_ID: keys.platformKeyId,
    WXPAY_TRANSFER_PUBLIC_KEY: keys.platformPublicKey,
    WXPAY_TRANSFER_API_V3_KEY: keys.apiV3Key,
    WXPAY_TRANSFER_NOTIFY_URL: `${url}/http/transferNotify`,
    WXPAY_TRANSFER_BASE_URL: `${url}/wxpay/`,
  };
}
