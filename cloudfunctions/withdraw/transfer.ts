/**
 * withdraw.transferInfo: what the mini program passes to `wx.requestMerchantTransfer` so that the
 * distributor confirms receipt of a WeChat transfer (商家转账 with user confirmation). Only the
 * applicant's own withdrawal, only while WeChat waits for that confirmation (payout.state
 * `waiting_user`); the withdrawal becomes paid when WeChat notifies the transfer's success
 * (transferNotify), not when the page says the user confirmed.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { requireUser } from '../common/stores/users';
import type { WithdrawalDoc } from '../common/stores/withdrawals';
import { missingTransferVariables } from '../common/platform/wxpay-transfer-config';

/** 确认收款：待用户确认的微信转账，返回 wx.requestMerchantTransfer 所需的参数 */
export const transferInfo = action(
  z.object({
    withdrawalId: z
      .string({ error: '缺少 withdrawalId' })
      .trim()
      .min(1, { error: '缺少 withdrawalId' })
      .max(64),
  }),
  async (input, ctx) => {
    const user = await requireUser(ctx);
    const { data } = await db.collection(COLLECTIONS.withdrawals).doc(input.withdrawalId).get();
    const withdrawal = data as WithdrawalDoc | null;
    // Someone else's withdrawal is "not found": ids are not a way to learn about others.
    if (!withdrawal || withdrawal.userId !== user._id) throw new AppError('NOT_FOUND', '提现申请不存在');
    const payout = withdrawal.payout;
    if (withdrawal.status !== 'approved' || payout?.state !== 'waiting_user' || !payout.packageInfo) {
      throw new AppError('CONFLICT', '该提现当前无需确认收款');
    }
    if (missingTransferVariables(process.env, ['mchId', 'appId']).length > 0) {
      throw new AppError('RULE', '微信商家转账未配置，请联系商家');
    }
    return {
      withdrawalId: input.withdrawalId,
      netFen: withdrawal.netFen,
      mchId: process.env.WXPAY_TRANSFER_MCH_ID!.trim(),
      appId: process.env.WXPAY_TRANSFER_APPID!.trim(),
      package: payout.packageInfo,
    };
  },
);
