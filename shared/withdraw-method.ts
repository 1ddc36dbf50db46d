/**
 * The ways a distributor can be paid, and their names. Kept apart from config.ts (which builds the zod
 * schema) so the mini program can bundle it without zod.
 */
export const WITHDRAW_METHODS = ['wechat', 'bank', 'alipay'] as const;
export type WithdrawMethod = (typeof WITHDRAW_METHODS)[number];

const WITHDRAW_METHOD_NAMES: Record<WithdrawMethod, string> = {
  wechat: '微信零钱',
  bank: '银行卡',
  alipay: '支付宝',
};

export function withdrawMethodName(method: WithdrawMethod): string {
  return WITHDRAW_METHOD_NAMES[method];
}
