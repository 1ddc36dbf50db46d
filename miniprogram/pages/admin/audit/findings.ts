/**
 * What each kind of audit problem means to a merchant and what to do about it. The audit's own message
 * says which record; this says why it matters and the next step.
 */
import type { AuditProblem } from '../../../services/admin/audit';

export interface FindingGroup {
  type: AuditProblem['type'];
  title: string;
  advice: string;
  items: (AuditProblem & { link: string })[];
}

const MEANING: Record<AuditProblem['type'], { title: string; advice: string }> = {
  balance: {
    title: '分销商余额与流水不符',
    advice: '余额只能由流水变动。不要手动改余额或数据库；把这几条发给技术支持核查，查清前暂缓审核相关提现。',
  },
  account: {
    title: '分销商账户记录异常',
    advice: '账户的状态或数字不合规则。请把这几条发给技术支持；相关分销商可先在分销商页面停用。',
  },
  totals: {
    title: '商城汇总与明细不符',
    advice: '数据看板上的汇总数和逐笔明细对不上，以明细为准。钱没有多付或少付；请联系技术支持重算汇总。',
  },
  split: {
    title: '订单佣金与规则不符',
    advice: '按订单下单时的规则重算，这些订单的佣金金额不同。打开订单核对，确认有误后联系技术支持更正。',
  },
  commission: {
    title: '佣金记录异常',
    advice: '佣金记录与它的订单或流水对不上。打开对应订单核对；在查清前不要结算或退款这些订单。',
  },
  withdrawal: {
    title: '提现记录与流水不符',
    advice: '提现的冻结、退回或打款流水不完整。打开提现记录核对是否已实际打款，再联系技术支持补记。',
  },
};

/** Where the merchant checks a problem's record, if it names a withdrawal or an order (a user is named in the message). */
function linkOf(p: AuditProblem): string {
  if (p.withdrawalId) return `/pages/admin/withdrawal/index?withdrawalId=${p.withdrawalId}`;
  if (p.orderId) return `/pages/admin/order/index?orderId=${p.orderId}`;
  return '';
}

/** The problems by kind, in the order above. */
export function groupFindings(problems: readonly AuditProblem[]): FindingGroup[] {
  return (Object.keys(MEANING) as AuditProblem['type'][])
    .map((type) => ({
      type,
      ...MEANING[type],
      items: problems.filter((p) => p.type === type).map((p) => ({ ...p, link: linkOf(p) })),
    }))
    .filter((group) => group.items.length > 0);
}
