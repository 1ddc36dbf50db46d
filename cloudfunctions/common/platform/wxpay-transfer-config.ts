/**
 * The merchant transfer's configuration from the function's environment variables (the list and their
 * meaning: wxpay-transfer.ts). Apart from the WeChat Pay client so that what only needs to know whether
 * transfers are configured – the self-check of every function, withdraw.transferInfo – does not bundle
 * the HTTP client and its crypto.
 */
import { AppError } from '../../../shared/errors';

export interface TransferConfig {
  mchId: string;
  appId: string;
  serialNo: string;
  privateKey: string;
  publicKeyId: string;
  publicKey: string;
  apiV3Key: string;
  notifyUrl: string;
  sceneId: string;
  baseUrl: string;
}

const VARIABLES: Record<Exclude<keyof TransferConfig, 'sceneId' | 'baseUrl'>, string> = {
  mchId: 'WXPAY_TRANSFER_MCH_ID',
  appId: 'WXPAY_TRANSFER_APPID',
  serialNo: 'WXPAY_TRANSFER_SERIAL_NO',
  privateKey: 'WXPAY_TRANSFER_PRIVATE_KEY',
  publicKeyId: 'WXPAY_TRANSFER_PUBLIC_KEY_ID',
  publicKey: 'WXPAY_TRANSFER_PUBLIC_KEY',
  apiV3Key: 'WXPAY_TRANSFER_API_V3_KEY',
  notifyUrl: 'WXPAY_TRANSFER_NOTIFY_URL',
};

export const PRODUCTION_BASE_URL = 'https://api.mch.weixin.qq.com/';
/** 佣金报酬: the scene a distributor's commission is paid under. */
export const DEFAULT_SCENE_ID = '1005';
/** From this amount on WeChat Pay requires the payee's real name (user_name), encrypted. */
export const REAL_NAME_FROM_FEN = 200_000;

/** A PEM given in one line of an environment variable, with "\n" escapes. */
const pem = (value: string) => value.replace(/\\n/g, '\n');

/** The variables a transfer needs that are not set – for the self-check and for the refusal below. */
export function missingTransferVariables(
  env: NodeJS.ProcessEnv = process.env,
  only?: (keyof typeof VARIABLES)[],
): string[] {
  return Object.entries(VARIABLES)
    .filter(([key]) => !only || only.includes(key as keyof typeof VARIABLES))
    .map(([, name]) => name)
    .filter((name) => !env[name]?.trim());
}

/** The configuration, or RULE naming what is missing (so the admin knows why a transfer cannot start). */
export function transferConfig(env: NodeJS.ProcessEnv = process.env): TransferConfig {
  const missing = missingTransferVariables(env);
  if (missing.length > 0) {
    throw new AppError(
      'RULE',
      `微信商家转账未配置（缺少 ${missing.join('、')}），请线下打款后填写打款凭证号`,
    );
  }
  const get = (key: keyof typeof VARIABLES) => env[VARIABLES[key]]!.trim();
  return {
    mchId: get('mchId'),
    appId: get('appId'),
    serialNo: get('serialNo'),
    privateKey: pem(get('privateKey')),
    publicKeyId: get('publicKeyId'),
    publicKey: pem(get('publicKey')),
    apiV3Key: get('apiV3Key'),
    notifyUrl: get('notifyUrl'),
    sceneId: env.WXPAY_TRANSFER_SCENE_ID?.trim() || DEFAULT_SCENE_ID,
    baseUrl: env.WXPAY_TRANSFER_BASE_URL?.trim() || PRODUCTION_BASE_URL,
  };
}
