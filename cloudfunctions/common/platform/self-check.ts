/**
 * The start-up self-check: the first invocation of each instance logs, in one line, whether the function
 * can do its job – and what an operator must do when it cannot. It never fails a call (everything is
 * caught, and it waits at most SELF_CHECK_BUDGET_MS), and it costs one database call per instance: the
 * configuration document, which also proves the database and the collection are there.
 *
 * Not checked: indexes – the server SDK cannot list them (only the management API can), so that is
 * `npm run setup:cloud`'s job, which reports every missing or different index.
 *
 *   [self-check] order: OK (configuration stored, WXPAY_SUB_MCH_ID set, 1 admin)
 *   [self-check] order: 2 PROBLEM(S) – WXPAY_SUB_MCH_ID 未设置：… | …
 */
import { configFromStored } from '../../../shared/config';
import { CONFIG_DOC_ID } from '../stores/config';
import { COLLECTIONS, db } from './db';
import { missingTransferVariables } from './wxpay-transfer-config';

/** Functions that call cloudPay (pay, refund, close): they need the merchant number. */
export const PAYMENT_FUNCTIONS = ['order', 'payNotify', 'settle', 'admin'];
/** The most a first call waits for the check; a slow database must not eat a 3 s timeout. */
export const SELF_CHECK_BUDGET_MS = 1500;

export interface SelfCheckReport {
  functionName: string;
  problems: string[];
  notes: string[];
}

/** The checks themselves, for one function name (pure but for the one configuration read). */
export async function runSelfCheck(
  functionName: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SelfCheckReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const where = `云开发控制台 → 云函数 → ${functionName} → 函数配置 → 环境变量（或 npm run setup:cloud）`;

  if (PAYMENT_FUNCTIONS.includes(functionName)) {
    if (env.WXPAY_SUB_MCH_ID?.trim()) notes.push('WXPAY_SUB_MCH_ID set');
    else {
      problems.push(
        `WXPAY_SUB_MCH_ID 未设置：支付、退款会使用只有本地环境接受的占位商户号，线上必然失败。请在${where}填写微信支付商户号`,
      );
    }
  }
  const admins = (env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (admins.length === 0) {
    problems.push(
      `ADMIN_OPENIDS 未设置：没有管理员，商户后台无人可用。请在${where}填写管理员的 OPENID（逗号分隔）`,
    );
  } else notes.push(`${admins.length} admin(s)`);
  const payout = env.PAYOUT_WECHAT_TRANSFER?.trim();
  if (functionName === 'admin' && payout && payout !== 'local' && payout !== 'cloud') {
    problems.push(`PAYOUT_WECHAT_TRANSFER=${payout} 无效：应为空（手动打款）、local 或 cloud`);
  }
  // WeChat transfers: admin starts them (when switched on), transferNotify completes them.
  if ((functionName === 'admin' && payout === 'cloud') || functionName === 'transferNotify') {
    const missing = missingTransferVariables(env);
    if (missing.length > 0) {
      problems.push(
        `微信商家转账缺少 ${missing.join('、')}：转账无法发起或完成。请在${where}填写（见 README 部署一节）`,
      );
    }
  }

  try {
    const { data } = await db.collection(COLLECTIONS.config).doc(CONFIG_DOC_ID).get();
    try {
      configFromStored(data);
      notes.push(data ? 'configuration stored' : 'no stored configuration, defaults used');
    } catch (error) {
      problems.push(
        `商户配置 config/${CONFIG_DOC_ID} 无法使用（${String(error)}）：请用管理员账号在小程序后台重新保存配置（admin.updateConfig）`,
      );
    }
  } catch (error) {
    problems.push(
      `无法读取集合 ${COLLECTIONS.config}（${String(error)}）：请确认数据库集合已创建（npm run setup:cloud，或控制台 → 数据库）且函数部署在正确的环境`,
    );
  }
  return { functionName, problems, notes };
}

export function formatSelfCheck(report: SelfCheckReport): string {
  return report.problems.length === 0
    ? `[self-check] ${report.functionName}: OK (${report.notes.join(', ')})`
    : `[self-check] ${report.functionName}: ${report.problems.length} PROBLEM(S) – ${report.problems.join(' | ')}`;
}

let once: Promise<void> | null = null;

/**
 * Runs the check on the first call of this instance and logs its line; later calls return at once.
 * Resolves within SELF_CHECK_BUDGET_MS whatever happens, and never rejects.
 */
export function selfCheckOnce(): Promise<void> {
  if (once) return once;
  const functionName = process.env.SCF_FUNCTIONNAME;
  // Not in a function instance (a bundle required by a script or test): there is nothing to check, and
  // the SDK outside CloudBase fails its requests with an unhandled rejection of its own.
  if (!functionName) return Promise.resolve();
  const check = runSelfCheck(functionName).then(
    (report) => {
      const line = formatSelfCheck(report);
      if (report.problems.length > 0) console.warn(line);
      else console.log(line);
    },
    (error) => console.warn(`[self-check] ${functionName}: could not run (${String(error)})`),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn(
        `[self-check] ${functionName}: no answer within ${SELF_CHECK_BUDGET_MS} ms (database slow or unreachable)`,
      );
      resolve();
    }, SELF_CHECK_BUDGET_MS);
  });
  once = Promise.race([check, budget]).finally(() => clearTimeout(timer));
  return once;
}
