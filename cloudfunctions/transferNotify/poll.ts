/**
 * The timer `transferPoll` (hourly): asks WeChat Pay for the state of every WeChat transfer still open
 * (a withdrawal `approved` with a payout `waiting_user` / `in_progress`) whose last news is older than
 * STALE_MS, and applies it (common/workflows/transfers.ts, exactly once). A notification WeChat Pay never
 * delivered, or a bill the distributor never confirmed (WeChat cancels it after a while, and the money
 * must go back to the balance), is thus settled without anyone pressing 查询 in the merchant's pages.
 *
 * Oldest news first, at most POLL_BATCH bills a run: a bill still open is stamped `updatedAt` again when
 * applied, so it goes to the back and every open bill is asked in turn. Runs only with
 * PAYOUT_WECHAT_TRANSFER=cloud (the other modes create no bills).
 */
import { COLLECTIONS, _, db } from '../common/platform/db';
import { queryTransfer, transferConfig } from '../common/platform/wxpay-transfer';
import type { WithdrawalDoc } from '../common/stores/withdrawals';
import { applyTransferBill } from '../common/workflows/transfers';

/** A notification normally arrives within seconds: half an hour of silence is worth a question. */
export const STALE_MS = 30 * 60 * 1000;
/** One WeChat Pay query and one write each, well inside the function's 10 s. */
export const POLL_BATCH = 20;

export interface PollResult {
  skipped: 'not_configured' | null;
  asked: number;
  changed: number;
  failed: number;
}

export async function pollOpenTransfers(now = Date.now()): Promise<PollResult> {
  if (process.env.PAYOUT_WECHAT_TRANSFER?.trim() !== 'cloud') {
    return { skipped: 'not_configured', asked: 0, changed: 0, failed: 0 };
  }
  const config = transferConfig();
  const { data } = await db
    .collection(COLLECTIONS.withdrawals)
    .where({
      status: 'approved',
      'payout.channel': 'wechat_transfer',
      'payout.state': _.in(['waiting_user', 'in_progress']),
      'payout.updatedAt': _.lt(now - STALE_MS),
    })
    .orderBy('payout.updatedAt', 'asc')
    .limit(POLL_BATCH)
    .get();
  const result: PollResult = { skipped: null, asked: 0, changed: 0, failed: 0 };
  for (const withdrawal of data as WithdrawalDoc[]) {
    const outBillNo = withdrawal.payout?.outBillNo;
    if (!outBillNo) continue;
    result.asked++;
    try {
      const applied = await applyTransferBill(withdrawal._id, await queryTransfer(config, outBillNo), now);
      if (applied.changed) result.changed++;
    } catch (error) {
      // one bill WeChat Pay cannot answer now must not stop the others; the next run asks again
      result.failed++;
      console.error('[transferPoll]', withdrawal._id, error);
    }
  }
  return result;
}
