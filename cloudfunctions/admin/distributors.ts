/**
 * The merchant's distributor management: the list with search, reviewing applications, appointing and
 * disabling, setting a grade, and granting admin rights. Status changes go through
 * common/workflows/distributors.ts (one transaction each, with invite code, counters and statistics); a repeat
 * that finds its outcome already in place answers `changed: false`, a change the status does not allow
 * is CONFLICT.
 *
 * A disabled distributor keeps its balances and pending commission (they settle as usual) but earns
 * nothing new (the split pays active distributors only) and cannot withdraw.
 */
import { z } from 'zod';
import { type MerchantConfig, gradeOrBase } from '../../shared/config';
import { DISTRIBUTOR_STATUSES } from '../../shared/distributor';
import { AppError } from '../../shared/errors';
import { envAdminOpenids, requireAdmin } from '../common/stores/admins';
import { loadConfig } from '../common/stores/config';
import { COLLECTIONS, _, type Doc, db, docsByIds } from '../common/platform/db';
import { transitionDistributor } from '../common/workflows/distributors';
import { action } from '../common/platform/handler';
import { type AccountDoc, emptyAccount, loadAccount, pickBalances } from '../common/stores/accounts';
import { commissionFields, levelFields, pageOfCommissions, pageOfTeam } from '../distributor/team';
import { pageFields, pageWindow } from '../common/platform/paging';
import { escapeRegExp, plainText } from '../common/platform/text';
import { type UserDoc, findUserById } from '../common/stores/users';

const userIdSchema = z.string({ error: '缺少 userId' }).trim().min(1, { error: '缺少 userId' }).max(64);
const reasonSchema = plainText({ label: '原因', max: 100, multiline: true });

/** Who has ever been a distributor or applied: everyone but `none`. */
const LISTED_STATUSES = DISTRIBUTOR_STATUSES.filter((s) => s !== 'none');

function statusView(user: UserDoc, changed: boolean) {
  return {
    userId: user._id,
    distributorStatus: user.distributorStatus,
    inviteCode: user.inviteCode ?? null,
    gradeId: user.gradeId ?? null,
    distributorSince: user.distributorSince ?? null,
    changed,
  };
}

/** One distributor as the merchant's pages show it: who, status, grade, shop, application, money. */
function distributorRow(user: UserDoc, found: AccountDoc | undefined, config: MerchantConfig) {
  const account = found ?? emptyAccount(user._id, 0);
  const grade = gradeOrBase(config, user.gradeId);
  return {
    userId: user._id,
    nickname: user.nickname || '微信用户',
    avatarUrl: user.avatarUrl ?? '',
    distributorStatus: user.distributorStatus,
    inviteCode: user.inviteCode ?? null,
    grade: { gradeId: grade.gradeId, name: grade.name },
    distributorSince: user.distributorSince ?? null,
    inviterId: user.inviterId ?? null,
    shopName: user.shop?.shopName ?? null,
    application: user.application ?? null,
    balances: pickBalances(account),
    totalEarnedFen: account.totalEarnedFen,
    directDistributors: account.directDistributors,
  };
}

async function requireUserDoc(userId: string): Promise<UserDoc> {
  const user = await findUserById(userId);
  if (!user) throw new AppError('NOT_FOUND', '用户不存在');
  return user;
}

export const distributorActions = {
  /** 一位分销商：身份、状态、等级、店铺、申请资料与四项余额 */
  getDistributor: action(z.object({ userId: userIdSchema }), async ({ userId }) => {
    const [user, account, config] = await Promise.all([
      requireUserDoc(userId),
      loadAccount(userId),
      loadConfig(),
    ]);
    return distributorRow(user, account, config);
  }),

  /** 一位分销商的团队（按层级分页） */
  distributorTeam: action(z.object({ userId: userIdSchema, ...levelFields }), async (input) => {
    await requireUserDoc(input.userId);
    return pageOfTeam(input.userId, input.level, pageWindow(input));
  }),

  /** 一位分销商的佣金明细（可按状态，分页） */
  distributorCommissions: action(z.object({ userId: userIdSchema, ...commissionFields }), async (input) => {
    await requireUserDoc(input.userId);
    return pageOfCommissions(input.userId, input.status, pageWindow(input));
  }),

  /** 分销商列表：按状态筛选，关键词搜索昵称、店铺名、邀请码、姓名、手机号 */
  listDistributors: action(
    z.object({
      status: z.enum(LISTED_STATUSES as ['pending', 'active', 'disabled']).optional(),
      keyword: plainText({ label: '关键词', max: 30 }).optional(),
      ...pageFields,
    }),
    async (input) => {
      const window = pageWindow(input);
      const conditions: Doc[] = [{ distributorStatus: input.status ?? _.in(LISTED_STATUSES) }];
      if (input.keyword) {
        // What the admin typed is matched literally: every regex metacharacter is escaped.
        const pattern = db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' });
        conditions.push(
          _.or([
            { nickname: pattern },
            { 'shop.shopName': pattern },
            { inviteCode: pattern },
            { 'application.realName': pattern },
            { 'application.phone': pattern },
          ]),
        );
      }
      const query = db.collection(COLLECTIONS.users).where(_.and(conditions));
      const [{ data }, { total }, config] = await Promise.all([
        query.orderBy('distributorSince', 'desc').skip(window.skip).limit(window.pageSize).get(),
        query.count(),
        loadConfig(),
      ]);
      const ids = data.map((u) => u._id as string);
      const accountById = (await docsByIds(COLLECTIONS.accounts, ids)) as Map<string, AccountDoc>;
      return {
        items: data.map((doc) => {
          return distributorRow(doc as UserDoc, accountById.get(doc._id as string), config);
        }),
        total,
        page: window.page,
        pageSize: window.pageSize,
      };
    },
  ),

  /** 审核分销商申请：通过即激活（分配邀请码），驳回须写原因（申请人会看到），之后可再次申请 */
  reviewDistributor: action(
    z
      .object({
        userId: userIdSchema,
        approve: z.boolean({ error: 'approve 必须是 true 或 false' }),
        reason: reasonSchema.optional(),
      })
      .refine((v) => v.approve || Boolean(v.reason), {
        path: ['reason'],
        error: '驳回须写明原因，申请人会看到',
      }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const { user, changed } = await transitionDistributor(
        input.userId,
        input.approve ? 'approve' : 'reject',
        {
          actor: admin,
          reason: input.reason ?? null,
        },
      );
      return statusView(user, changed);
    },
  ),

  /** 指定为分销商（active）或停用（disabled） */
  setDistributorStatus: action(
    z.object({
      userId: userIdSchema,
      status: z.enum(['active', 'disabled'], { error: '状态必须是 active 或 disabled' }),
      reason: reasonSchema.optional(),
    }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const { user, changed } = await transitionDistributor(
        input.userId,
        input.status === 'active' ? 'appoint' : 'disable',
        { actor: admin, reason: input.reason ?? null },
      );
      return statusView(user, changed);
    },
  ),

  /** 设置分销商等级（等级须存在于配置中；可升可降） */
  setGrade: action(
    z.object({ userId: userIdSchema, gradeId: z.string({ error: '缺少 gradeId' }).trim().min(1).max(32) }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      const config = await loadConfig();
      const grade = config.grades.find((g) => g.gradeId === input.gradeId);
      if (!grade) throw new AppError('VALIDATION', `等级「${input.gradeId}」不存在，请先在设置中添加`);
      const user = await requireUserDoc(input.userId);
      if (user.distributorStatus !== 'active' && user.distributorStatus !== 'disabled') {
        throw new AppError('CONFLICT', '该用户还不是分销商');
      }
      const changed = user.gradeId !== grade.gradeId;
      if (changed) {
        await db
          .collection(COLLECTIONS.users)
          .doc(user._id)
          .update({ data: { gradeId: grade.gradeId, gradeUpdatedAt: Date.now(), gradeSetBy: admin } });
      }
      return { userId: user._id, grade: { gradeId: grade.gradeId, name: grade.name }, changed };
    },
  ),

  /** 授予管理员权限（按用户） */
  grantAdmin: action(z.object({ userId: userIdSchema }), async (input, ctx) => {
    const admin = await requireAdmin(ctx);
    const user = await requireUserDoc(input.userId);
    await db
      .collection(COLLECTIONS.admins)
      .doc(user.openid)
      .set({ data: { userId: user._id, grantedBy: admin, grantedAt: Date.now() } });
    return { userId: user._id, isAdmin: true };
  }),

  /** 撤销管理员权限（环境变量 ADMIN_OPENIDS 中的管理员不能在此撤销） */
  revokeAdmin: action(z.object({ userId: userIdSchema }), async (input, ctx) => {
    const admin = await requireAdmin(ctx);
    const user = await requireUserDoc(input.userId);
    if (envAdminOpenids().includes(user.openid)) {
      throw new AppError('RULE', '该管理员由环境变量 ADMIN_OPENIDS 指定，请在云函数配置中修改');
    }
    if (user.openid === admin) throw new AppError('RULE', '不能撤销自己的管理员权限');
    await db.collection(COLLECTIONS.admins).where({ _id: user.openid }).remove();
    return { userId: user._id, isAdmin: false };
  }),
};
