/**
 * Subscribe messages (订阅消息) to distributors: "commission arrived" when a commission settles and
 * "withdrawal result" when a withdrawal is paid or rejected. A message is a courtesy, never part of the
 * transaction it reports: sending happens after the commit, failures (the user did not subscribe,
 * 43101; a template not configured; the API down) are logged to `messages` and swallowed, so an action
 * never fails because of one.
 *
 * Templates are chosen by the merchant in the mini program console (订阅消息 → 公共模板库); their ids come
 * from the function's environment variables below (placeholders until set, which WeChat refuses – the
 * refusal is logged like any other). The keyword names (`amount1`, `thing2`, …) must match the chosen
 * templates: pick templates with these keywords, or change `TEMPLATES`.
 *
 *   SUBSCRIBE_TEMPLATE_COMMISSION   佣金到账提醒: amount1 佣金金额 · thing2 商品 · time3 到账时间
 *   SUBSCRIBE_TEMPLATE_WITHDRAWAL   提现结果通知: amount1 到账金额 · phrase2 提现状态 · time3 处理时间 · thing4 备注
 *   SUBSCRIBE_MINIPROGRAM_STATE     formal (default) | trial | developer – which version the message opens
 *
 * Functions that send need `subscribeMessage.send` in their config.json permissions.
 */
import { formatYuan } from '../../../shared/money';
import { beijingParts } from '../../../shared/time';
import { cloud } from './cloud';
import { COLLECTIONS, db } from './db';
import { findUserById } from '../stores/users';

export type TemplateName = 'commissionArrived' | 'withdrawalResult';

interface TemplateDef {
  env: string;
  placeholder: string;
  /** The mini program page the message opens. */
  page: string;
}

export const TEMPLATES: Record<TemplateName, TemplateDef> = {
  commissionArrived: {
    env: 'SUBSCRIBE_TEMPLATE_COMMISSION',
    placeholder: 'TEMPLATE_ID_COMMISSION_ARRIVED',
    page: 'pages/promote/center/index',
  },
  withdrawalResult: {
    env: 'SUBSCRIBE_TEMPLATE_WITHDRAWAL',
    placeholder: 'TEMPLATE_ID_WITHDRAWAL_RESULT',
    page: 'pages/distributor/withdrawals/index',
  },
};

export function templateId(name: TemplateName): string {
  const def = TEMPLATES[name];
  return process.env[def.env]?.trim() || def.placeholder;
}

type MessageData = Record<string, { value: string }>;

/** WeChat's `thing` keyword takes at most 20 characters; longer values are refused (47003). */
function thing(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
}

/** `time` keyword: "2026年11月27日 20:05" in Beijing time. */
function time(ms: number): string {
  const p = beijingParts(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

export interface SendInput {
  userId: string;
  template: TemplateName;
  data: MessageData;
}

/** Sends one message and logs it to `messages`. Never throws; answers whether WeChat accepted it. */
export async function sendSubscribeMessage(input: SendInput): Promise<boolean> {
  const id = templateId(input.template);
  let ok = false;
  let error: string | null = null;
  try {
    const user = await findUserById(input.userId);
    if (!user?.openid) throw new Error('用户不存在或没有 OPENID');
    await cloud.openapi.subscribeMessage.send({
      touser: user.openid,
      templateId: id,
      page: TEMPLATES[input.template].page,
      data: input.data,
      miniprogramState: process.env.SUBSCRIBE_MINIPROGRAM_STATE?.trim() || 'formal',
      lang: 'zh_CN',
    });
    ok = true;
  } catch (thrown) {
    error = describe(thrown);
    console.warn(`[subscribeMessage] ${input.template} → ${input.userId}: ${error}`);
  }
  try {
    await db.collection(COLLECTIONS.messages).add({
      data: {
        userId: input.userId,
        template: input.template,
        templateId: id,
        data: input.data,
        ok,
        error,
        createdAt: Date.now(),
      },
    });
  } catch (thrown) {
    console.warn(`[subscribeMessage] could not log: ${describe(thrown)}`);
  }
  return ok;
}

function describe(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null) {
    const { errCode, errMsg, message } = thrown as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    const text = [errCode, errMsg ?? message].filter((v) => v !== undefined && v !== null).join(' ');
    if (text) return text;
  }
  return String(thrown);
}

/** 佣金到账提醒 – for `settle`, after the commit that settled the commission. */
export function notifyCommissionArrived(input: {
  userId: string;
  amountFen: number;
  /** What was sold (the product title), shown as the message's subject. */
  title: string;
  at: number;
}): Promise<boolean> {
  return sendSubscribeMessage({
    userId: input.userId,
    template: 'commissionArrived',
    data: {
      amount1: { value: formatYuan(input.amountFen) },
      thing2: { value: thing(input.title || '分销佣金') },
      time3: { value: time(input.at) },
    },
  });
}

/** 提现结果通知 – after a withdrawal was paid out, rejected, or its WeChat transfer failed (money returned). */
export function notifyWithdrawalResult(input: {
  userId: string;
  outcome: 'paid' | 'rejected' | 'returned';
  netFen: number;
  reason?: string | null;
  at: number;
}): Promise<boolean> {
  const phrase = { paid: '已打款', rejected: '已驳回', returned: '打款失败' }[input.outcome];
  const fallback = {
    paid: '提现已打款，请注意查收',
    rejected: '提现被驳回，金额已退回余额',
    returned: '微信转账未完成，金额已退回余额',
  }[input.outcome];
  return sendSubscribeMessage({
    userId: input.userId,
    template: 'withdrawalResult',
    data: {
      amount1: { value: formatYuan(input.netFen) },
      phrase2: { value: phrase },
      time3: { value: time(input.at) },
      thing4: { value: thing(input.outcome === 'paid' ? fallback : input.reason || fallback) },
    },
  });
}

/**
 * 佣金到账提醒 after a settle run: ONE message per distributor with its total over the orders that
 * settled in the run, named after what was bought (the order's goods when it was one order).
 */
export async function notifyCommissionsSettled(
  settlements: readonly {
    title: string;
    commissions: readonly { beneficiaryId: string; amountFen: number }[];
  }[],
  at = Date.now(),
): Promise<void> {
  const byUser = new Map<string, { amountFen: number; titles: string[] }>();
  for (const settlement of settlements) {
    for (const c of settlement.commissions) {
      if (c.amountFen <= 0) continue;
      const entry = byUser.get(c.beneficiaryId) ?? { amountFen: 0, titles: [] };
      entry.amountFen += c.amountFen;
      entry.titles.push(settlement.title);
      byUser.set(c.beneficiaryId, entry);
    }
  }
  for (const [userId, { amountFen, titles }] of byUser) {
    const title = titles.length === 1 ? titles[0] : `${titles.length} 笔订单的佣金`;
    await notifyCommissionArrived({ userId, amountFen, title, at });
  }
}
