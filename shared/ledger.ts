/**
 * The pure part of the append-only ledger. Every change of a distributor's balances is one entry with
 * its cause; balances are a fold of the entries, so the audit can recompute them and prove that the
 * stored balances match.
 *
 * Balances: pending (earned, not yet settled), available (withdrawable), frozen (in a withdrawal being
 * processed), withdrawn (paid out). Entry kinds and their effect (amountFen is always > 0):
 *
 *   commission_pending    +pending               a share at payment
 *   commission_reversed   −pending               a refund before settlement (partial or full)
 *   commission_settled    pending → available    received + return window passed
 *   commission_clawback   −available             a refund after settlement; may take available below 0,
 *                                                 netted against later commission (never capped at the balance)
 *   withdrawal_frozen     available → frozen     a withdrawal application
 *   withdrawal_released   frozen → available     the withdrawal was rejected, or its transfer failed
 *   withdrawal_paid       frozen → withdrawn     the merchant paid it out
 *
 * Pending and frozen never go below 0 and a withdrawal never freezes more than is available: an entry
 * that would break that is a bug or a race and is refused (CONFLICT), so that nothing is written.
 */
import { AppError } from './errors';
import { assertFen, formatYuan } from './money';

export const LEDGER_KINDS = [
  'commission_pending',
  'commission_reversed',
  'commission_settled',
  'commission_clawback',
  'withdrawal_frozen',
  'withdrawal_released',
  'withdrawal_paid',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface Balances {
  pendingFen: number;
  availableFen: number;
  frozenFen: number;
  withdrawnFen: number;
}

export const ZERO_BALANCES: Readonly<Balances> = Object.freeze({
  pendingFen: 0,
  availableFen: 0,
  frozenFen: 0,
  withdrawnFen: 0,
});

/** What applyEntry needs. */
export interface LedgerMovement {
  kind: LedgerKind;
  /** Always positive: the kind says which way it moves. */
  amountFen: number;
}

/**
 * A stored entry (collection `ledger`, never updated or deleted). Its `_id` is the idempotency key of its
 * cause (`ledgerIdempotencyKey`): writing the same cause twice – a retried payment callback, a timer run
 * twice – fails on the key instead of moving money twice.
 */
export interface LedgerEntry extends LedgerMovement {
  _id: string;
  /** The distributor whose balances move. */
  userId: string;
  orderId?: string;
  commissionId?: string;
  /** The refund that caused a reversal or clawback (several refunds may hit one commission). */
  refundId?: string;
  withdrawalId?: string;
  createdAt: number;
}

/** Cause of an entry, as far as it makes the entry unique. */
export type LedgerCause =
  | { kind: 'commission_pending' | 'commission_settled'; commissionId: string }
  | { kind: 'commission_reversed' | 'commission_clawback'; commissionId: string; refundId: string }
  | { kind: 'withdrawal_frozen' | 'withdrawal_released' | 'withdrawal_paid'; withdrawalId: string };

/** "commission_pending:c1", "commission_clawback:c1:r2", "withdrawal_paid:w9". */
export function ledgerIdempotencyKey(cause: LedgerCause): string {
  switch (cause.kind) {
    case 'commission_pending':
    case 'commission_settled':
      return `${cause.kind}:${cause.commissionId}`;
    case 'commission_reversed':
    case 'commission_clawback':
      return `${cause.kind}:${cause.commissionId}:${cause.refundId}`;
    default:
      return `${cause.kind}:${cause.withdrawalId}`;
  }
}

function insufficient(what: string, have: number, amountFen: number, kind: LedgerKind): never {
  throw new AppError('CONFLICT', `${what}不足：${formatYuan(have)} < ${formatYuan(amountFen)}（${kind}）`);
}

/**
 * Which balance an entry draws on, and what it may not take it below (null: nothing is checked – a
 * clawback may take the available balance below 0, netted against later commission).
 */
const DRAWS_ON: Record<LedgerKind, { balance: keyof Balances; name: string } | null> = {
  commission_pending: null,
  commission_reversed: { balance: 'pendingFen', name: '待结算佣金' },
  commission_settled: { balance: 'pendingFen', name: '待结算佣金' },
  commission_clawback: null,
  withdrawal_frozen: { balance: 'availableFen', name: '可提现余额' },
  withdrawal_released: { balance: 'frozenFen', name: '冻结金额' },
  withdrawal_paid: { balance: 'frozenFen', name: '冻结金额' },
};

/**
 * The balances after one entry (a new object; the input is not changed): its movement (balanceDelta),
 * refused when it would take the balance it draws on below what is there.
 */
export function applyEntry(balances: Readonly<Balances>, entry: LedgerMovement): Balances {
  const { kind, amountFen } = entry;
  assertFen(amountFen, '流水金额');
  if (amountFen === 0) throw new AppError('VALIDATION', '流水金额必须大于 0');
  if (!Object.prototype.hasOwnProperty.call(DRAWS_ON, kind))
    throw new AppError('VALIDATION', `未知流水类型：${String(kind)}`);
  const draws = DRAWS_ON[kind];
  if (draws && balances[draws.balance] < amountFen)
    insufficient(draws.name, balances[draws.balance], amountFen, kind);
  return addBalances(balances, balanceDelta(entry));
}

/**
 * How an entry moves each balance, signed and unchecked – what applyEntry adds when it accepts the
 * entry. For sums of movements that no single balance constrains: the mall's running totals, kept in
 * shards that only add up as a whole (cloudfunctions/common/stores/stats.ts).
 */
export function balanceDelta({ kind, amountFen }: LedgerMovement): Balances {
  assertFen(amountFen, '流水金额');
  const d = { ...ZERO_BALANCES };
  switch (kind) {
    case 'commission_pending':
      return { ...d, pendingFen: amountFen };
    case 'commission_reversed':
      return { ...d, pendingFen: -amountFen };
    case 'commission_settled':
      return { ...d, pendingFen: -amountFen, availableFen: amountFen };
    case 'commission_clawback':
      return { ...d, availableFen: -amountFen };
    case 'withdrawal_frozen':
      return { ...d, availableFen: -amountFen, frozenFen: amountFen };
    case 'withdrawal_released':
      return { ...d, frozenFen: -amountFen, availableFen: amountFen };
    case 'withdrawal_paid':
      return { ...d, frozenFen: -amountFen, withdrawnFen: amountFen };
    default:
      throw new AppError('VALIDATION', `未知流水类型：${String(kind)}`);
  }
}

/** Balances added field by field. */
export function addBalances(a: Readonly<Balances>, b: Readonly<Balances>): Balances {
  return {
    pendingFen: a.pendingFen + b.pendingFen,
    availableFen: a.availableFen + b.availableFen,
    frozenFen: a.frozenFen + b.frozenFen,
    withdrawnFen: a.withdrawnFen + b.withdrawnFen,
  };
}

/** Balances recomputed from a user's entries in the order they were written. Throws on a broken ledger. */
export function balancesFromLedger(entries: readonly LedgerMovement[]): Balances {
  return entries.reduce<Balances>((b, entry) => applyEntry(b, entry), { ...ZERO_BALANCES });
}

/**
 * Commission earned to date: everything that was ever pending, less reversals and clawbacks. Moving
 * money between balances does not change it, so it equals the sum of the four balances.
 */
export function totalEarnedFen(balances: Readonly<Balances>): number {
  return balances.pendingFen + balances.availableFen + balances.frozenFen + balances.withdrawnFen;
}

export interface LedgerAudit {
  ok: boolean;
  /** What the ledger says (up to the first broken entry when the ledger is broken). */
  recomputed: Balances;
  problems: string[];
}

const BALANCE_NAMES: Record<keyof Balances, string> = {
  pendingFen: '待结算',
  availableFen: '可提现',
  frozenFen: '冻结中',
  withdrawnFen: '已提现',
};

/** The audit of one user: recompute from the ledger and compare with the stored balances. Never throws. */
export function auditBalances(
  entries: readonly LedgerMovement[],
  stored: Readonly<Balances>,
  label = '',
): LedgerAudit {
  const problems: string[] = [];
  let recomputed: Balances = { ...ZERO_BALANCES };
  for (let i = 0; i < entries.length; i += 1) {
    try {
      recomputed = applyEntry(recomputed, entries[i]);
    } catch (error) {
      problems.push(
        `${label}第 ${i + 1} 条流水无法入账：${error instanceof Error ? error.message : String(error)}`,
      );
      return { ok: false, recomputed, problems };
    }
  }
  for (const key of Object.keys(BALANCE_NAMES) as (keyof Balances)[]) {
    if (recomputed[key] !== stored[key]) {
      problems.push(
        `${label}${BALANCE_NAMES[key]}余额 ${formatYuan(stored[key])} 与流水计算值 ${formatYuan(recomputed[key])} 不符`,
      );
    }
  }
  return { ok: problems.length === 0, recomputed, problems };
}

/**
 * The ledger entry for a commission whose amount changes from `fromFen` to `toFen` because of a refund:
 * a reversal of pending commission before settlement, a clawback after it; null when nothing changes.
 * (A refund never raises a share, see refund.ts; a raise here is a bug.)
 */
export function commissionAdjustment(
  status: 'pending' | 'settled',
  fromFen: number,
  toFen: number,
): LedgerMovement | null {
  assertFen(fromFen, '原佣金');
  assertFen(toFen, '新佣金');
  if (toFen > fromFen) throw new AppError('CONFLICT', '退款不能增加佣金');
  if (toFen === fromFen) return null;
  return {
    kind: status === 'pending' ? 'commission_reversed' : 'commission_clawback',
    amountFen: fromFen - toFen,
  };
}
