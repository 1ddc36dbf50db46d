/**
 * The three-level commission split of an order at payment (docs/architecture.md, "Commission"), and the
 * status of a commission record.
 *
 * - Level 1 is the buyer's inviter, level 2 that one's inviter, level 3 the next; with `selfPurchase` on
 *   and the buyer an active distributor, level 1 is the buyer and its inviter becomes level 2. Never more
 *   than three levels; `config.levels` may lower it.
 * - A level pays only if its beneficiary is an active distributor. Otherwise its share is simply not
 *   paid and nothing moves up (no compression): a level is a position in the chain, not the n-th payee.
 * - Rate precedence: the product's override > the beneficiary's grade rates > the global rates.
 *   Amount = floor(base × rate), or the fixed amount per unit × quantity. The base is the line's paid
 *   amount after discounts, shipping excluded.
 * - The shares of a line never exceed its base: each level is capped at what the levels before it left.
 *   A validated config cannot exceed the base with rates; fixed amounts can, and the cap handles them.
 * - A user appearing twice in the chain (binding prevents cycles, but data may be old) is never paid
 *   twice: the chain stops at the first repeat. The buyer counts as seen, so a buyer in its own upline
 *   ends the chain there too.
 *
 * Output: ONLY lines that pay something (amountFen > 0). Levels whose beneficiary is missing or not
 * active, and shares that round down (or are capped) to 0 fen, are omitted: a commission record and its
 * ledger entry always carry a positive amount.
 */
import { z } from 'zod';
import { MAX_LEVELS, type MerchantConfig, rateSchema } from './config';
import { type DistributorStatus, isActiveDistributor } from './distributor';
import { AppError } from './errors';
import { MAX_FEN, applyRate, assertFen, ratesSumBelowOne } from './money';

export type CommissionLevel = 1 | 2 | 3;

/** A member of the buyer's chain as snapshotted at payment. */
export interface ChainMember {
  userId: string;
  distributorStatus: DistributorStatus;
  gradeId: string;
}

/** A product's own commission, per level (index 0 = level 1). A missing level pays nothing. */
export type ProductCommission = { mode: 'rate'; rates: string[] } | { mode: 'fixed'; amountsFen: number[] };

/** Validation of a product's commission (`admin.upsertProduct`). */
export const productCommissionSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({
      mode: z.literal('rate'),
      rates: z
        .array(rateSchema)
        .min(1, { error: '至少填写一级' })
        .max(MAX_LEVELS, { error: `最多 ${MAX_LEVELS} 级` })
        .refine(ratesSumBelowOne, { error: '各级佣金比例之和必须小于 100%' }),
    }),
    z.strictObject({
      mode: z.literal('fixed'),
      amountsFen: z
        .array(z.number().int().min(0).max(MAX_FEN), { error: '必须是整数金额（分）列表' })
        .min(1, { error: '至少填写一级' })
        .max(MAX_LEVELS, { error: `最多 ${MAX_LEVELS} 级` }),
    }),
  ],
  { error: '商品佣金格式错误：mode 必须是 rate（比例）或 fixed（固定金额）' },
);

export interface CommissionOrderLine {
  lineId: string;
  productId: string;
  quantity: number;
  /** The line's paid amount after discounts, shipping excluded: the commission base. */
  paidFen: number;
  override?: ProductCommission | null;
}

export type CommissionConfig = Pick<MerchantConfig, 'levels' | 'rates' | 'selfPurchase' | 'grades'>;

export interface SplitCommissionInput {
  lines: readonly CommissionOrderLine[];
  buyer: ChainMember;
  /** The buyer's inviter first, then that one's inviter, ... (more than needed is fine). */
  uplines: readonly ChainMember[];
  config: CommissionConfig;
}

/** One share of one order line: what a commission record snapshots at payment. */
export interface CommissionLine {
  lineId: string;
  productId: string;
  level: CommissionLevel;
  beneficiaryId: string;
  baseFen: number;
  /** The rate applied (rate lines), else null. */
  rate: string | null;
  /** The fixed amount per unit (fixed lines), else null. */
  fixedPerUnitFen: number | null;
  amountFen: number;
}

/** A position of the chain: who sits at which level, paid or not. */
export interface ChainPosition {
  level: CommissionLevel;
  member: ChainMember;
}

/**
 * The positions of the chain for this buyer, levels 1..min(config.levels, 3), including members who are
 * not active (they hold their level without being paid). Stops at the first repeated user.
 */
export function commissionChain(
  buyer: ChainMember,
  uplines: readonly ChainMember[],
  config: Pick<MerchantConfig, 'levels' | 'selfPurchase'>,
): ChainPosition[] {
  // Never more than MAX_LEVELS, even for a config that escaped validation (a non-finite value pays nothing).
  const levels = Number.isFinite(config.levels) ? Math.max(0, Math.trunc(config.levels)) : 0;
  const depth = Math.min(levels, MAX_LEVELS);
  const selfFirst = config.selfPurchase && isActiveDistributor(buyer.distributorStatus);
  const candidates = selfFirst ? [buyer, ...uplines] : uplines;
  const seen = new Set<string>(selfFirst ? [] : [buyer.userId]);
  const positions: ChainPosition[] = [];
  for (const member of candidates) {
    if (positions.length >= depth || seen.has(member.userId)) break;
    seen.add(member.userId);
    positions.push({ level: (positions.length + 1) as CommissionLevel, member });
  }
  return positions;
}

/** The rate table that applies to a beneficiary: its grade's rates if the grade has any, else global. */
function ratesFor(member: ChainMember, config: CommissionConfig): readonly string[] {
  return config.grades.find((g) => g.gradeId === member.gradeId)?.rates ?? config.rates;
}

interface Share {
  rate: string | null;
  fixedPerUnitFen: number | null;
  /** Before the cap. */
  amountFen: number;
}

function shareOf(line: CommissionOrderLine, position: ChainPosition, config: CommissionConfig): Share {
  const index = position.level - 1;
  const override = line.override;
  if (override?.mode === 'fixed') {
    const perUnit = override.amountsFen[index] ?? 0;
    assertFen(perUnit, '商品固定佣金');
    // Beyond 2^53 the product is imprecise, but then it is far above any base and the cap takes over.
    return { rate: null, fixedPerUnitFen: perUnit, amountFen: perUnit * line.quantity };
  }
  const rate = (override?.mode === 'rate' ? override.rates : ratesFor(position.member, config))[index] ?? '0';
  return { rate, fixedPerUnitFen: null, amountFen: applyRate(line.paidFen, rate) };
}

function assertLine(line: CommissionOrderLine): void {
  assertFen(line.paidFen, '订单行实付金额');
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
    throw new AppError('VALIDATION', `订单行数量无效：${String(line.quantity)}`);
  }
}

/** The shares of every order line, level by level; see the header for what is omitted. */
export function splitCommission(input: SplitCommissionInput): CommissionLine[] {
  const chain = commissionChain(input.buyer, input.uplines, input.config).filter((p) =>
    isActiveDistributor(p.member.distributorStatus),
  );
  const result: CommissionLine[] = [];
  const lineIds = new Set<string>();
  for (const line of input.lines) {
    assertLine(line);
    // Refunds find a line's shares by lineId: it must name one line only.
    if (lineIds.has(line.lineId)) throw new AppError('VALIDATION', `订单行重复：${line.lineId}`);
    lineIds.add(line.lineId);
    let leftFen = line.paidFen;
    for (const position of chain) {
      const share = shareOf(line, position, input.config);
      const amountFen = Math.min(share.amountFen, leftFen);
      if (amountFen <= 0) continue;
      leftFen -= amountFen;
      result.push({
        lineId: line.lineId,
        productId: line.productId,
        level: position.level,
        beneficiaryId: position.member.userId,
        baseFen: line.paidFen,
        rate: share.rate,
        fixedPerUnitFen: share.fixedPerUnitFen,
        amountFen,
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Status of a commission record (one per CommissionLine)

export const COMMISSION_STATUSES = ['pending', 'settled', 'reversed'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/**
 * pending ──settle──▶ settled      (received + return window passed, no open refund)
 * pending ──reverse──▶ reversed    (a refund before settlement brought the amount to 0)
 * settled ──reverse──▶ reversed    (a refund after settlement clawed all of it back)
 * A partial refund changes the amount, not the status.
 */
export type CommissionEvent = 'settle' | 'reverse';

export function nextCommissionStatus(status: CommissionStatus, event: CommissionEvent): CommissionStatus {
  if (event === 'settle' && status === 'pending') return 'settled';
  if (event === 'reverse' && status !== 'reversed') return 'reversed';
  throw new AppError('CONFLICT', `佣金状态为 ${status}，不能 ${event}`);
}

/**
 * What a distributor earns when a buyer it shared with buys one unit at `priceFen` (the product page's
 * "分享赚"): its level-1 share, computed by the same split as a real order with the sharer as the buyer's
 * only upline – its grade's rates or the product's own commission. 0 when the sharer is not active.
 */
export function shareEarningFen(
  product: { productId: string; priceFen: number; commission?: ProductCommission | null },
  sharer: ChainMember,
  config: CommissionConfig,
): number {
  const buyer: ChainMember = { userId: `buyer-of-${sharer.userId}`, distributorStatus: 'none', gradeId: '' };
  const lines = splitCommission({
    buyer,
    uplines: [sharer],
    config,
    lines: [
      {
        lineId: 'share',
        productId: product.productId,
        quantity: 1,
        paidFen: product.priceFen,
        override: product.commission ?? null,
      },
    ],
  });
  return lines.find((line) => line.level === 1)?.amountFen ?? 0;
}
