/**
 * What the withdraw function and the admin's withdrawal pages share: where the money goes (the payout
 * account per method, validated), how a withdrawal is shown (account masked in lists), and the shape of
 * a stored withdrawal (database/README.md).
 *
 * Accounts by method:
 * - `wechat`: none needed – the money goes to the applicant's own WeChat (merchant transfer to its OPENID,
 *   or by hand). An optional `{ name }` is the real name WeChat checks on transfers of ¥2,000 and more.
 * - `bank`: `{ name, bank, number }` – holder, bank (and branch), card number of 12–19 digits.
 * - `alipay`: `{ name, number }` – holder and the Alipay login (mainland mobile or e-mail).
 */
import { z } from 'zod';
import { type WithdrawMethod, withdrawMethodName } from '../../../shared/config';
import { AppError } from '../../../shared/errors';
import { WITHDRAWAL_STATUSES, type WithdrawalStatus, withdrawalStatusName } from '../../../shared/withdrawal';
import { MOBILE, plainText } from '../platform/text';

export interface PayoutAccount {
  name: string | null;
  bank: string | null;
  number: string | null;
}

export interface PayoutRecord {
  channel: 'manual' | 'wechat_transfer';
  /**
   * `paid`; for a WeChat transfer also `waiting_user` (the user must confirm in the mini program),
   * `in_progress` (WeChat is transferring) or `returned` (failed or cancelled: the money went back).
   */
  state: 'paid' | 'waiting_user' | 'in_progress' | 'returned';
  /** WeChat transfers: the bill (shared/transfer.ts) and WeChat's own state of it. */
  outBillNo?: string;
  transferBillNo?: string | null;
  transferState?: string;
  packageInfo?: string | null;
  failReason?: string | null;
  updatedAt?: number;
}

export interface WithdrawalDoc {
  _id: string;
  userId: string;
  amountFen: number;
  feeFen: number;
  netFen: number;
  method: WithdrawMethod;
  account: PayoutAccount | null;
  status: WithdrawalStatus;
  createdAt: number;
  reviewedAt: number | null;
  reviewedBy: string | null;
  reason: string | null;
  paidAt: number | null;
  paidBy: string | null;
  reference: string | null;
  payout: PayoutRecord | null;
}

export const withdrawalStatusSchema = z.enum(WITHDRAWAL_STATUSES, {
  error: '状态必须是 pending、approved、paid、rejected 或 failed',
});

/** Letters of any script, the middle dot of transliterated names, spaces, apostrophes, hyphens. */
const PERSON_NAME = /^[\p{L}\p{M}·•.' -]+$/u;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

const nameSchema = plainText({ label: '收款人姓名', min: 2, max: 30 }).refine((v) => PERSON_NAME.test(v), {
  error: '收款人姓名只能包含文字',
});

/** The account as the caller sends it; checked per method by `payoutAccountFor`. */
export const payoutAccountSchema = z.strictObject(
  {
    name: nameSchema.optional(),
    bank: plainText({ label: '开户银行', min: 2, max: 40 }).optional(),
    number: z
      .string({ error: '账号必须是文字' })
      .max(100, { error: '账号过长' })
      .transform((v) => v.replace(/[\s-]/g, ''))
      .optional(),
  },
  { error: '收款账户格式错误：应为 { name, bank?, number }' },
);

export type PayoutAccountInput = z.infer<typeof payoutAccountSchema>;

/** The account to store for `method`, or VALIDATION with what is missing or wrong. */
export function payoutAccountFor(
  method: WithdrawMethod,
  input: PayoutAccountInput | undefined,
): PayoutAccount | null {
  const refuse = (message: string): never => {
    throw new AppError('VALIDATION', message);
  };
  if (method === 'wechat') {
    if (input?.bank || input?.number) refuse('提现到微信零钱无需填写账号');
    return input?.name ? { name: input.name, bank: null, number: null } : null;
  }
  const what = withdrawMethodName(method);
  if (!input) return refuse(`提现到${what}需要填写收款账户`);
  if (!input.name) refuse(`请填写${what}收款人姓名`);
  const number = input.number ?? '';
  if (method === 'bank') {
    if (!input.bank) refuse('请填写开户银行');
    if (!/^\d{12,19}$/.test(number)) refuse('银行卡号应为 12–19 位数字');
    return { name: input.name ?? null, bank: input.bank ?? null, number };
  }
  if (input.bank) refuse('提现到支付宝无需填写开户银行');
  if (!MOBILE.test(number) && !EMAIL.test(number)) refuse('支付宝账号应为手机号或邮箱');
  return { name: input.name ?? null, bank: null, number };
}

/** "6222****1234", "138****5678", "z***@example.com", "张*" – enough to recognise, not to misuse. */
export function maskAccountNumber(number: string): string {
  const at = number.indexOf('@');
  if (at > 0) return `${number.slice(0, 1)}***${number.slice(at)}`;
  if (number.length <= 7) return `${number.slice(0, 1)}****`;
  const head = number.length === 11 ? 3 : 4;
  return `${number.slice(0, head)}****${number.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskAccount(account: PayoutAccount | null): PayoutAccount | null {
  if (!account) return null;
  return {
    name: account.name ? maskName(account.name) : null,
    bank: account.bank,
    number: account.number ? maskAccountNumber(account.number) : null,
  };
}

/** A withdrawal as the API shows it; the account masked unless `fullAccount` (an admin paying it out). */
export function withdrawalView(doc: WithdrawalDoc, { fullAccount = false } = {}) {
  return {
    withdrawalId: doc._id,
    userId: doc.userId,
    amountFen: doc.amountFen,
    feeFen: doc.feeFen,
    netFen: doc.netFen,
    method: doc.method,
    methodName: withdrawMethodName(doc.method),
    account: fullAccount ? doc.account : maskAccount(doc.account),
    status: doc.status,
    statusName: withdrawalStatusName(doc.status),
    createdAt: doc.createdAt,
    reviewedAt: doc.reviewedAt ?? null,
    reason: doc.reason ?? null,
    paidAt: doc.paidAt ?? null,
    reference: doc.reference ?? null,
    payout: doc.payout ?? null,
  };
}

export type WithdrawalView = ReturnType<typeof withdrawalView>;
