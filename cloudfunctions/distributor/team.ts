/**
 * distributor.team and distributor.commissions – only ever the caller's own (the merchant reads anyone's
 * through admin.distributorTeam / distributorCommissions, with the same queries). Team level n is the users
 * whose `uplines[n-1]` is the caller (level 1 = `inviterId`), each level one indexed query
 * (database/collections.json: inviter, upline2, upline3). Members are shown by nickname: never another
 * user's OPENID.
 */
import { z } from 'zod';
import { COMMISSION_STATUSES, type CommissionStatus } from '../../shared/commission';
import { COLLECTIONS, type Doc, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { type PageWindow, pageFields, pageWindow } from '../common/platform/paging';
import { requireUser } from '../common/stores/users';

type Level = 1 | 2 | 3;

function levelWhere(userId: string, level: Level): Doc {
  return level === 1 ? { inviterId: userId } : { [`uplines.${level - 1}`]: userId };
}

export async function teamCounts(
  userId: string,
): Promise<{ level1: number; level2: number; level3: number }> {
  const count = async (level: Level) =>
    (await db.collection(COLLECTIONS.users).where(levelWhere(userId, level)).count()).total;
  const [level1, level2, level3] = await Promise.all([count(1), count(2), count(3)]);
  return { level1, level2, level3 };
}

const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: '层级必须是 1、2 或 3' });

/** One level of `userId`'s team, a page of it: whom they brought, newest first. */
export async function pageOfTeam(userId: string, level: Level, window: PageWindow) {
  const query = db.collection(COLLECTIONS.users).where(levelWhere(userId, level));
  const [{ data }, { total }] = await Promise.all([
    query
      .orderBy('boundAt', 'desc')
      .skip(window.skip)
      .limit(window.pageSize)
      .field({ nickname: true, avatarUrl: true, boundAt: true, createdAt: true, distributorStatus: true })
      .get(),
    query.count(),
  ]);
  return {
    items: data.map((member) => ({
      userId: member._id as string,
      nickname: (member.nickname as string) || '微信用户',
      avatarUrl: (member.avatarUrl as string) ?? '',
      joinedAt: (member.boundAt as number | null) ?? (member.createdAt as number),
      distributorStatus: (member.distributorStatus as string) ?? 'none',
    })),
    total,
    page: window.page,
    pageSize: window.pageSize,
  };
}

export const levelFields = { level: levelSchema, ...pageFields };

/** 我的团队（按层级分页） */
export const team = action(z.object(levelFields), async (input, ctx) => {
  const user = await requireUser(ctx);
  return pageOfTeam(user._id, input.level, pageWindow(input));
});

const statusSchema = z.enum(COMMISSION_STATUSES, { error: '状态必须是 pending、settled 或 reversed' });

/** `userId`'s commission records, a page of them, newest first (optionally of one status). */
export async function pageOfCommissions(
  userId: string,
  status: CommissionStatus | undefined,
  window: PageWindow,
) {
  const where: Doc = { beneficiaryId: userId };
  if (status) where.status = status;
  const query = db.collection(COLLECTIONS.commissions).where(where);
  const [{ data }, { total }] = await Promise.all([
    query.orderBy('createdAt', 'desc').skip(window.skip).limit(window.pageSize).get(),
    query.count(),
  ]);
  return {
    items: data.map((c) => ({
      commissionId: c._id as string,
      orderId: c.orderId as string,
      level: c.level as number,
      productTitle: (c.productTitle as string) ?? '',
      baseFen: c.baseFen as number,
      rate: (c.rate as string | null) ?? null,
      fixedPerUnitFen: (c.fixedPerUnitFen as number | null) ?? null,
      originalAmountFen: (c.originalAmountFen as number) ?? (c.amountFen as number),
      amountFen: c.amountFen as number,
      status: c.status as string,
      createdAt: c.createdAt as number,
      settledAt: (c.settledAt as number | null) ?? null,
    })),
    total,
    page: window.page,
    pageSize: window.pageSize,
  };
}

export const commissionFields = { status: statusSchema.optional(), ...pageFields };

/** 我的佣金明细 */
export const commissions = action(z.object(commissionFields), async (input, ctx) => {
  const user = await requireUser(ctx);
  return pageOfCommissions(user._id, input.status, pageWindow(input));
});
