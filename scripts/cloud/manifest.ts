/**
 * What `npm run setup:cloud` makes a CloudBase environment look like – read from the repository's own
 * declarations, never restated here:
 * - database/collections.json: every collection and its indexes;
 * - functions.runtime.json (timeout, memory) and each function's config.json (timer triggers), through
 *   scripts/function-config.ts, the same reader the build uses;
 * - FUNCTION_ENV below: the environment variables each function reads. Their VALUES are the merchant's
 *   (OPENIDs, merchant number, template ids) and come from the environment of the set-up run, never
 *   from a committed file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  FUNCTIONS_OUT,
  FUNCTIONS_SRC,
  ROOT,
  listFunctions,
  readFunctionConfig,
  readRuntimes,
} from '../function-config';

export interface IndexSpec {
  name: string;
  /** Field → 1 (ascending) or -1 (descending), in the order of the compound key. */
  keys: [string, 1 | -1][];
  unique: boolean;
  sparse: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

/** Every collection only the functions read and write: CloudBase's 仅管理端可读写. */
export const COLLECTION_PERMISSION = 'ADMINONLY';

export const MANIFEST_PATH = path.join(ROOT, 'database', 'collections.json');

export function parseCollections(manifest: unknown): CollectionSpec[] {
  const collections = (manifest as { collections?: Record<string, { indexes?: unknown[] }> }).collections;
  if (!collections || typeof collections !== 'object') throw new Error('collections.json: no "collections"');
  return Object.entries(collections).map(([name, spec]) => ({
    name,
    indexes: (spec.indexes ?? []).map((raw) => {
      const index = raw as { name: string; keys: Record<string, number>; unique?: boolean; sparse?: boolean };
      const keys = Object.entries(index.keys).map(([field, direction]): [string, 1 | -1] => {
        if (direction !== 1 && direction !== -1)
          throw new Error(`${name}.${index.name}: direction must be 1 or -1`);
        return [field, direction];
      });
      return { name: index.name, keys, unique: index.unique === true, sparse: index.sparse === true };
    }),
  }));
}

export function readCollections(file = MANIFEST_PATH): CollectionSpec[] {
  return parseCollections(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * The environment variables each function reads (grep `process.env` under cloudfunctions/), with what
 * an operator needs to know to fill them in. ADMIN_OPENIDS is read by every function (common/stores/admins.ts).
 */
export const FUNCTION_ENV: Record<string, { functions: string[] | 'all'; meaning: string; optional?: true }> =
  {
    ADMIN_OPENIDS: { functions: 'all', meaning: 'comma-separated OPENIDs of the merchant staff' },
    WXPAY_SUB_MCH_ID: {
      functions: ['order', 'payNotify', 'settle', 'admin'],
      meaning: 'the WeChat Pay merchant number cloudPay pays and refunds with',
    },
    SUBSCRIBE_TEMPLATE_COMMISSION: {
      functions: ['settle', 'admin'],
      optional: true,
      meaning: '佣金到账提醒 template id',
    },
    SUBSCRIBE_TEMPLATE_WITHDRAWAL: {
      functions: ['settle', 'admin'],
      optional: true,
      meaning: '提现结果通知 template id',
    },
    SUBSCRIBE_MINIPROGRAM_STATE: {
      functions: ['settle', 'admin'],
      optional: true,
      meaning: 'formal (default), trial or developer',
    },
    POSTER_LANDING_PAGE: {
      functions: ['distributor'],
      optional: true,
      meaning: 'the page a poster code opens',
    },
    WXACODE_ENV_VERSION: {
      functions: ['distributor'],
      optional: true,
      meaning: 'release (default), trial or develop',
    },
    PAYOUT_WECHAT_TRANSFER: {
      functions: ['admin'],
      optional: true,
      meaning: 'unset = manual payouts (default); cloud = WeChat transfer',
    },
    // WeChat Pay merchant transfer (common/platform/wxpay-transfer.ts): admin starts, transferNotify completes, and
    // withdraw hands the mini program what wx.requestMerchantTransfer needs.
    WXPAY_TRANSFER_MCH_ID: {
      functions: ['admin', 'transferNotify', 'withdraw'],
      optional: true,
      meaning: 'transfer merchant number',
    },
    WXPAY_TRANSFER_APPID: {
      functions: ['admin', 'transferNotify', 'withdraw'],
      optional: true,
      meaning: 'the mini program AppID',
    },
    WXPAY_TRANSFER_SERIAL_NO: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'merchant API certificate serial',
    },
    WXPAY_TRANSFER_PRIVATE_KEY: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'merchant API private key (PEM)',
    },
    WXPAY_TRANSFER_PUBLIC_KEY_ID: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'WeChat Pay public key id',
    },
    WXPAY_TRANSFER_PUBLIC_KEY: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'WeChat Pay public key (PEM)',
    },
    WXPAY_TRANSFER_API_V3_KEY: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'API v3 key',
    },
    WXPAY_TRANSFER_NOTIFY_URL: {
      functions: ['admin', 'transferNotify'],
      optional: true,
      meaning: 'HTTP access URL of transferNotify',
    },
    WXPAY_TRANSFER_SCENE_ID: {
      functions: ['admin'],
      optional: true,
      meaning: 'transfer scene id (default 1005 佣金报酬)',
    },
  };

export function envNamesOf(fn: string): string[] {
  return Object.entries(FUNCTION_ENV)
    .filter(([, v]) => v.functions === 'all' || v.functions.includes(fn))
    .map(([k]) => k);
}

/**
 * The variable that records which bundle a function runs: the set-up compares it with the built
 * bundle's hash, so that an unchanged function is not uploaded again (a second run changes nothing).
 */
export const BUNDLE_HASH_VAR = 'DEPLOYED_BUNDLE_SHA256';

/**
 * Functions reached over HTTP (CloudBase's HTTP access service, 云接入): WeChat Pay posts transfer
 * notifications to transferNotify. No CloudBase authentication on the path – WeChat Pay cannot present
 * any; the function trusts only WeChat Pay's signature. The notify URL is https://<default domain><path>.
 */
export const HTTP_ACCESS: { name: string; path: string; urlVariable: string }[] = [
  { name: 'transferNotify', path: '/transfer-notify', urlVariable: 'WXPAY_TRANSFER_NOTIFY_URL' },
];

/** CloudBase's Node.js runtime the bundles target (the build's NODE_RUNTIME.cloudbase). */
export const CLOUD_RUNTIME = 'Nodejs16.13';

export interface TriggerSpec {
  name: string;
  type: string;
  config: string;
}

export interface FunctionSpec {
  name: string;
  timeout: number;
  memorySize: number;
  triggers: TriggerSpec[];
  /** Declared variable → value from the set-up's environment, or null when it was not given. */
  env: Record<string, string | null>;
  /** Declared variables the function works without (not reported when set nowhere). */
  optional: string[];
  /** sha256 of the built folder's index.js and package.json; null when the build is missing. */
  bundleHash: string | null;
}

export function bundleHash(dir: string): string | null {
  const files = ['index.js', 'package.json'].map((f) => path.join(dir, f));
  if (!files.every((f) => fs.existsSync(f))) return null;
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(fs.readFileSync(f));
  return hash.digest('hex');
}

export function readFunctions(
  environment: NodeJS.ProcessEnv = process.env,
  functionsOut = FUNCTIONS_OUT,
): FunctionSpec[] {
  const names = listFunctions();
  const runtimes = readRuntimes(names);
  const transfersOn = environment.PAYOUT_WECHAT_TRANSFER?.trim() === 'cloud';
  return names.map((name) => {
    const config = readFunctionConfig(path.join(FUNCTIONS_SRC, name));
    const env: Record<string, string | null> = {};
    for (const key of envNamesOf(name)) env[key] = environment[key]?.trim() || null;
    return {
      name,
      timeout: runtimes[name].timeout,
      memorySize: runtimes[name].memorySize,
      triggers: (config.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
      env,
      // With WeChat transfers switched on, their variables are required.
      optional: Object.keys(env).filter(
        (key) =>
          FUNCTION_ENV[key].optional &&
          !(transfersOn && key.startsWith('WXPAY_TRANSFER_') && key !== 'WXPAY_TRANSFER_SCENE_ID'),
      ),
      bundleHash: bundleHash(path.join(functionsOut, name)),
    };
  });
}
