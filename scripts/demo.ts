/**
 * `npm run demo`: the article's six steps on a fresh local CloudBase (temporary DATA_DIR, the real
 * built functions, the real wx-server-sdk), printed as it goes with everyone's balances:
 *
 *   1. open the store and a shop-in-shop         4. ship; receipt auto-confirmed (clock + settle timer)
 *   2. grow a three-level team by invite codes    5. commission arrives after the return window (timer)
 *   3. a buyer pays; three shares are pending     6. withdraw, the merchant approves and pays out
 *
 * and ends with the merchant's dashboard and a clean audit.
 *
 * `runDemo` is the core (tests/functions/demo.test.ts runs it to keep it working); it throws as soon as
 * anything differs from what the article says should happen. `main` builds the functions first.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Envelope } from '../shared/errors';
import { decodeScene } from '../shared/invite-code';
import { formatYuan } from '../shared/money';
import { DAY_MS, MINUTE_MS, beijingDateKey } from '../shared/time';
import { type LocalCloud, startLocalCloud } from '../localcloud/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- the functions' answers are JSON */

const MERCHANT = 'demo-merchant';

export interface DemoResult {
  balances: Record<
    string,
    { pendingFen: number; availableFen: number; frozenFen: number; withdrawnFen: number }
  >;
  audit: { ok: boolean; problems: unknown[] };
  dashboard: any;
}

interface Person {
  name: string;
  openid: string;
  userId: string;
  inviteCode: string | null;
}

class DemoError extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new DemoError(`演示中断 / demo stopped: ${what}`);
}

export async function runDemo(log: (line: string) => void = console.log): Promise<DemoResult> {
  const cloud = await startLocalCloud({
    adminOpenids: MERCHANT,
    functionsDir: path.resolve(__dirname, '..', 'build', 'functions'),
  });
  try {
    return await walk(cloud, log);
  } finally {
    await cloud.stop();
  }
}

async function walk(cloud: LocalCloud, log: (line: string) => void): Promise<DemoResult> {
  const call = async (
    fn: string,
    action: string,
    params: Record<string, unknown>,
    openid: string,
  ): Promise<any> => {
    const reply = await cloud.call<Envelope<any>>(fn, { ...params, action }, openid);
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      throw new DemoError(`${fn}.${action}: ${JSON.stringify(reply)}`);
    }
    if (!reply.ok)
      throw new DemoError(`${fn}.${action} 被拒绝 / refused: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  };
  const admin = (action: string, params: Record<string, unknown> = {}) =>
    call('admin', action, params, MERCHANT);
  const settleTimer = async () => {
    const fired = await cloud.fireTimer<Envelope<any>>('settle');
    check(fired.status === 200 && fired.body.ok, `settle timer: ${JSON.stringify(fired.body)}`);
    return fired.body.data;
  };
  const when = () => {
    const now = cloud.now();
    return `${beijingDateKey(now)} ${new Date(now + 8 * 3600_000).toISOString().slice(11, 16)}`;
  };
  const step = (n: number, zh: string, en: string) =>
    log(`\n【第 ${n} 步 · ${zh}】Step ${n} · ${en}   (${when()} 北京时间)`);
  const say = (line: string) => log(`  ${line}`);

  const people: Person[] = [];
  /** Logs in (through an invite code) and sets a nickname; distributors' balances are shown at each step. */
  const join = async (
    name: string,
    openid: string,
    inviteCode?: string,
    isDistributor = true,
  ): Promise<Person> => {
    const me = await call('user', 'login', inviteCode ? { inviteCode, source: 'poster' } : {}, openid);
    await call('user', 'updateProfile', { nickname: name }, openid);
    const person = { name, openid, userId: me.userId, inviteCode: me.inviteCode };
    if (isDistributor) people.push(person);
    return person;
  };
  const balances = async (): Promise<DemoResult['balances']> => {
    const result: DemoResult['balances'] = {};
    for (const p of people) {
      const center = await call('distributor', 'center', {}, p.openid);
      result[p.name] = center.balances;
    }
    return result;
  };
  const showBalances = async () => {
    const all = await balances();
    for (const [name, b] of Object.entries(all)) {
      say(
        `  ${name.padEnd(4, '　')} 待结算 pending ${formatYuan(b.pendingFen).padStart(8)} · 可提现 available ${formatYuan(
          b.availableFen,
        ).padStart(8)} · 冻结 frozen ${formatYuan(b.frozenFen).padStart(8)} · 已提现 withdrawn ${formatYuan(
          b.withdrawnFen,
        ).padStart(8)}`,
      );
    }
    return all;
  };

  log('三级分销商城演示 · Three-level distribution mall demo (local CloudBase, real functions)');

  // 1 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(1, '开店', 'open the store and a shop-in-shop');
  const config = await admin('updateConfig', {
    config: {
      rates: ['0.10', '0.05', '0.02'],
      distributorMode: 'apply',
      withdraw: { minFen: 1000, feeRate: '0' },
    },
  });
  say(
    `商家设置 merchant config: 三级佣金 ${config.rates.map((r: string) => `${Number(r) * 100}%`).join(' / ')}，` +
      `自动确认收货 ${config.order.autoConfirmDays} 天，退换货期 ${config.order.returnWindowDays} 天，最低提现 ${formatYuan(config.withdraw.minFen)}`,
  );
  const product = await admin('upsertProduct', { title: '西湖明前龙井 250g', priceFen: 16_800, stock: 100 });
  say(`上架商品 product: ${product.title ?? '西湖明前龙井 250g'} ${formatYuan(16_800)}`);
  const a = await join('阿明', 'demo-a');
  await call('distributor', 'apply', { realName: '王阿明', phone: '13800000001' }, a.openid);
  const approvedA = await admin('reviewDistributor', { userId: a.userId, approve: true });
  a.inviteCode = approvedA.inviteCode;
  const shop = await call(
    'distributor',
    'updateShop',
    { shopName: '阿明的茶叶铺', intro: '明前龙井，产地直发。' },
    a.openid,
  );
  say(`阿明 申请并通过审核，成为分销商（免费，无入门费）· invite code ${a.inviteCode}`);
  say(`店中店 shop-in-shop: 「${shop.shopName}」— ${shop.intro}`);

  // 2 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(2, '发展分销商', 'grow a three-level team through invite codes');
  const b = await join('小红', 'demo-b', a.inviteCode as string);
  await call('distributor', 'apply', {}, b.openid);
  b.inviteCode = (await admin('reviewDistributor', { userId: b.userId, approve: true })).inviteCode;
  say(`小红 通过阿明的分享链接注册并成为分销商 · invite code ${b.inviteCode}`);
  const c = await join('老张', 'demo-c', b.inviteCode as string);
  await call('distributor', 'apply', {}, c.openid);
  c.inviteCode = (await admin('reviewDistributor', { userId: c.userId, approve: true })).inviteCode;
  say(`老张 通过小红的链接注册并成为分销商 · invite code ${c.inviteCode}`);
  const poster = await call('distributor', 'poster', { page: 'shop' }, c.openid);
  const scene = decodeScene(poster.scene);
  check(scene?.inviteCode === c.inviteCode, 'poster scene carries the invite code');
  say(`老张 生成推广海报 poster: 小程序码 scene=${poster.scene} → ${poster.page}（${poster.qrCode.fileID}）`);
  const d = await join('小李', 'demo-d', scene.inviteCode, false);
  say('小李 扫描老张的海报进入商城（买家，绑定老张）');
  const team = await call('distributor', 'center', {}, a.openid);
  check(
    team.team.level1 === 1 && team.team.level2 === 1 && team.team.level3 === 1,
    'A has one member on each level',
  );
  say(
    `阿明的团队 team: 一级 ${team.team.level1} 人 · 二级 ${team.team.level2} 人 · 三级 ${team.team.level3} 人`,
  );

  // 3 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(3, '下单支付', 'the buyer pays; each level’s share is pending');
  const created = await call(
    'order',
    'create',
    {
      items: [{ productId: product.productId, quantity: 2 }],
      address: { name: '李四', phone: '13900000004', detail: '杭州市西湖区文三路 1 号' },
    },
    d.openid,
  );
  await call('order', 'pay', { orderId: created.orderId }, d.openid);
  const notified = await cloud.pay(created.orderId);
  check(notified.status === 200, `payment notification: ${JSON.stringify(notified.body)}`);
  say(`小李 下单 2 件并支付 ${formatYuan(created.payableFen)}（微信支付回调已处理 · payNotify OK）`);
  const shares = await call('distributor', 'commissions', {}, c.openid);
  check(shares.items[0]?.amountFen === 3360 && shares.items[0]?.status === 'pending', 'C earns 10 % pending');
  say('佣金 commission: 老张 一级 10% · 小红 二级 5% · 阿明 三级 2%，均为待结算（尚不可提现）');
  await showBalances();

  // 4 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(4, '发货与自动确认收货', 'ship; receipt is confirmed automatically');
  await admin('ship', { orderId: created.orderId, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  say('商家发货 shipped: 顺丰速运 SF1234567890');
  await cloud.advanceClock(config.order.autoConfirmDays * DAY_MS + MINUTE_MS);
  const confirmed = await settleTimer();
  check(confirmed.autoConfirmed === 1, `auto-confirmed one order (${JSON.stringify(confirmed)})`);
  const order = await call('order', 'get', { orderId: created.orderId }, d.openid);
  say(`${config.order.autoConfirmDays} 天后买家未确认，定时任务自动确认收货 · order status ${order.status}`);
  say(
    `退换货期 ${config.order.returnWindowDays} 天内佣金仍为待结算 · still pending during the return window`,
  );
  await showBalances();

  // 5 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(5, '佣金到账', 'commission arrives after the return window (settle timer)');
  await cloud.advanceClock(config.order.returnWindowDays * DAY_MS + MINUTE_MS);
  const settled = await settleTimer();
  check(settled.settled === 1, `settled one order (${JSON.stringify(settled)})`);
  say(
    `退换货期结束，定时任务结算 ${settled.commissionsSettled} 笔佣金共 ${formatYuan(settled.settledFen)} · 订单已完成`,
  );
  const arrived = (await cloud.outbox()).filter((m) => m.functionName === 'settle');
  say(`订阅消息 subscribe messages「佣金到账」已发送 ${arrived.length} 条`);
  await showBalances();

  // 6 ─────────────────────────────────────────────────────────────────────────────────────────────
  step(6, '提现与打款', 'withdraw, the merchant confirms and pays out');
  const withdrawal = await call(
    'withdraw',
    'apply',
    {
      amountFen: 3000,
      method: 'bank',
      account: { name: '张老三', bank: '中国工商银行杭州分行', number: '6222021202001234567' },
    },
    c.openid,
  );
  say(
    `老张 申请提现 ${formatYuan(3000)} 到银行卡（手续费 ${formatYuan(withdrawal.feeFen)}，实到 ${formatYuan(withdrawal.netFen)}）· 金额冻结`,
  );
  await showBalances();
  await admin('reviewWithdrawal', { withdrawalId: withdrawal.withdrawalId, approve: true });
  say('商家在后台审核通过 approved');
  const paid = await admin('markWithdrawalPaid', {
    withdrawalId: withdrawal.withdrawalId,
    reference: 'ICBC-20260001',
  });
  check(paid.status === 'paid', 'withdrawal paid');
  say(`商家线下打款并登记凭证号 ${paid.reference} · 提现完成 paid`);
  const final = await showBalances();

  const dashboard = await admin('dashboard', { days: 7 });
  const t = dashboard.totals;
  say('');
  say(
    `商家首页 dashboard: 分销商 ${t.distributors} 人 · 订单 ${t.orders} 笔 · 销售额 ${formatYuan(t.salesFen)} · ` +
      `佣金 待结算 ${formatYuan(t.commissionPendingFen)} · 累计结算 ${formatYuan(t.commissionSettledFen)}` +
      `（其中已提现 ${formatYuan(t.commissionWithdrawnFen)}，提现审核中 ${formatYuan(t.commissionFrozenFen)}，` +
      `分销商可提现余额 ${formatYuan(t.commissionAvailableFen)}）`,
  );
  const audit = await admin('audit');
  check(audit.ok, `audit: ${JSON.stringify(audit.problems)}`);
  say(
    `对账 audit: ${audit.ok ? '全部相符 ✓ clean' : '发现问题'}（${audit.checked.ledgerEntries} 条流水、${audit.checked.commissions} 条佣金、` +
      `${audit.checked.withdrawals} 笔提现）`,
  );
  return { balances: final, audit, dashboard };
}

function buildFunctions(): void {
  const root = path.resolve(__dirname, '..');
  const result = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(root, 'scripts', 'build.ts')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error('npm run build failed');
}

async function main(): Promise<void> {
  process.env.TENCENTCLOUD = 'true';
  process.env.SILENCE = 'true';
  console.log('构建云函数 building the functions …');
  buildFunctions();
  await runDemo();
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof DemoError ? error.message : error);
    process.exit(1);
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
