/**
 * Realistic data of a small tea-and-groceries mall, for the page previews and the page tests alike:
 * products, a distributor's center and records, orders, the merchant's views. Pictures are small local
 * drawings (tests/preview/img), addressed as /preview-img/<name>.svg (the browser step serves them).
 */
import { DEFAULT_CONFIG } from '../../shared/config';

export const IMG = (name: string) => `/preview-img/${name}.svg`;
export const INVITE_CODE = 'K7QM3XPA';
const T0 = Date.UTC(2026, 10, 28, 2, 30);
const at = (hours: number) => T0 + hours * 3600_000;

export const product = (
  productId: string,
  title: string,
  priceFen: number,
  image: string,
  salesCount: number,
  stock = 120,
) => ({
  productId,
  title,
  priceFen,
  stock,
  cover: IMG(image),
  salesCount,
});
export const PRODUCTS = [
  product('longjing', '西湖龙井 明前特级 250g 礼盒', 26800, 'tea', 326),
  product('puer', '云南普洱熟茶饼 357g', 15800, 'puer', 198),
  product('rice', '五常稻花香大米 5kg', 8990, 'rice', 1204),
  product('oil', '江西山茶油 压榨一级 1L', 12800, 'oil', 87),
  product('honey', '秦岭土蜂蜜 500g', 6900, 'honey', 452),
  product('dates', '新疆和田大枣 特级 1kg', 4990, 'dates', 733, 0),
];
export const productPage = (items = PRODUCTS) => ({ items, total: items.length, page: 1, pageSize: 20 });

export const productDetail = (p = PRODUCTS[0], shareEarningFen: number | null = null) => ({
  ...p,
  images: [p.cover],
  description: '明前头采，芽叶细嫩，香气清高。杭州西湖产区直发，顺丰包邮，收到后冷藏保存风味更佳。',
  status: 'on',
  shareEarningFen,
});

export const me = (overrides: Record<string, unknown> = {}) => ({
  userId: 'u-li',
  inviterId: null,
  isAdmin: false,
  distributorStatus: 'none',
  inviteCode: null,
  gradeId: 'base',
  nickname: '李清',
  avatarUrl: IMG('avatar'),
  binding: null,
  ...overrides,
});
export const DISTRIBUTOR = me({ distributorStatus: 'active', inviteCode: INVITE_CODE });
export const ADMIN_USER = me({ isAdmin: true, nickname: '店长 周岚' });

export const shop = {
  shopName: '清清的茶铺',
  logo: IMG('logo'),
  logoUrl: IMG('logo'),
  intro: '只卖自己喝过的好茶，明前龙井、普洱和山里的蜂蜜。',
  updatedAt: at(1),
};

export const home = (withShop = false) => ({
  banners: [
    {
      bannerId: 'b1',
      image: IMG('banner'),
      path: 'pages/mall/detail/index?productId=longjing',
      link: { type: 'product', productId: 'longjing' },
    },
  ],
  featured: PRODUCTS.slice(0, 2),
  shop: withShop ? { ...shop, inviteCode: INVITE_CODE, picks: [PRODUCTS[4], PRODUCTS[2]] } : null,
});

export const center = (overrides: Record<string, unknown> = {}) => ({
  distributorStatus: 'active',
  grade: { gradeId: 'base', name: '普通分销商', rank: 0 },
  nextGrade: {
    gradeId: 'gold',
    name: '金牌分销商',
    thresholds: [
      { metric: 'settledSalesFen', current: 356_000, target: 1_000_000, met: false, name: '已结算销售额' },
    ],
  },
  balances: { pendingFen: 3_792, availableFen: 2_712, frozenFen: 0, withdrawnFen: 3_000 },
  totalEarnedFen: 9_504,
  team: { level1: 12, level2: 5, level3: 2 },
  inviteCode: INVITE_CODE,
  distributorSince: at(-400),
  shop,
  application: null,
  ...overrides,
});

const line = (p = PRODUCTS[0], quantity = 1) => ({
  lineId: `l-${p.productId}`,
  productId: p.productId,
  title: p.title,
  cover: p.cover,
  priceFen: p.priceFen,
  quantity,
  paidFen: p.priceFen * quantity,
  refundedFen: 0,
});
const ADDRESS = {
  name: '王晓敏',
  phone: '13812345678',
  detail: '浙江省杭州市西湖区文三路 478 号 华星时代广场 A 座 1203',
};
export const orderSummary = (orderId: string, status: string, statusName: string, lines = [line()]) => ({
  orderId,
  status,
  statusName,
  items: lines,
  payableFen: lines.reduce((s, l) => s + l.paidFen, 0),
  refundedFen: 0,
  createdAt: at(30),
});
export const ORDERS = [
  orderSummary('202612021030ab', 'paid', '待发货', [line(PRODUCTS[0]), line(PRODUCTS[4], 2)]),
  orderSummary('202612011545cd', 'shipped', '待收货', [line(PRODUCTS[2])]),
  orderSummary('202611280902ef', 'completed', '已完成', [line(PRODUCTS[1])]),
];
export const orderDetail = (status = 'shipped', statusName = '待收货') => ({
  ...orderSummary('202612011545cd', status, statusName, [line(PRODUCTS[2], 2)]),
  goodsFen: 17_980,
  discountFen: 0,
  shippingFen: 0,
  statusBeforeRefund: null,
  address: ADDRESS,
  shipping:
    status === 'unpaid' || status === 'paid' ? null : { carrier: '顺丰速运', trackingNo: 'SF1408835627291' },
  expiresAt: at(30.5),
  paidAt: status === 'unpaid' ? null : at(30.1),
  shippedAt: status === 'unpaid' || status === 'paid' ? null : at(44),
  receivedAt: null,
  autoConfirmAt: at(44 + 7 * 24),
  settleAt: null,
  completedAt: null,
  cancelledAt: null,
  refundedAt: null,
  openRefundId: null,
  openRefund: null,
});

export const commissions = () => ({
  items: [
    {
      commissionId: 'c1',
      orderId: ORDERS[0].orderId,
      level: 1,
      baseFen: 26_800,
      rate: '0.10',
      fixedPerUnitFen: null,
      amountFen: 2_680,
      status: 'pending',
      createdAt: at(30),
      settledAt: null,
      productTitle: PRODUCTS[0].title,
      buyerNickname: '王晓敏',
    },
    {
      commissionId: 'c2',
      orderId: ORDERS[1].orderId,
      level: 2,
      baseFen: 17_980,
      rate: '0.05',
      fixedPerUnitFen: null,
      amountFen: 899,
      status: 'settled',
      createdAt: at(20),
      settledAt: at(200),
      productTitle: PRODUCTS[2].title,
      buyerNickname: '陈默',
    },
    {
      commissionId: 'c3',
      orderId: ORDERS[2].orderId,
      level: 1,
      baseFen: 15_800,
      rate: '0.10',
      fixedPerUnitFen: null,
      amountFen: 1_580,
      status: 'reversed',
      createdAt: at(5),
      settledAt: null,
      productTitle: PRODUCTS[1].title,
      buyerNickname: '林一',
    },
  ],
  total: 3,
  page: 1,
  pageSize: 20,
});

export const team = () => ({
  items: [
    {
      userId: 't1',
      nickname: '王晓敏',
      avatarUrl: IMG('avatar'),
      joinedAt: at(-200),
      distributorStatus: 'active',
    },
    { userId: 't2', nickname: '陈默', avatarUrl: '', joinedAt: at(-120), distributorStatus: 'none' },
    { userId: 't3', nickname: '林一', avatarUrl: '', joinedAt: at(-20), distributorStatus: 'pending' },
  ],
  total: 3,
  page: 1,
  pageSize: 20,
});

export const withdrawPolicy = () => ({
  minFen: 1000,
  maxFen: 500_000,
  feeRate: '0.006',
  days: [1, 15],
  daysText: '每月 1、15 日',
  methods: ['wechat', 'bank', 'alipay'],
  todayAllowed: true,
  availableFen: 2_712,
  distributorStatus: 'active',
});

export const withdrawal = (
  id: string,
  status: string,
  statusName: string,
  extra: Record<string, unknown> = {},
) => ({
  withdrawalId: id,
  userId: 'u-li',
  amountFen: 3_000,
  feeFen: 18,
  netFen: 2_982,
  method: 'bank',
  methodName: '银行卡',
  account: { name: '李*', bank: '招商银行', number: '6225****6789' },
  status,
  statusName,
  createdAt: at(100),
  reviewedAt: status === 'pending' ? null : at(110),
  reason: status === 'rejected' ? '收款账号户名与实名不符，请修改后重新申请' : null,
  paidAt: status === 'paid' ? at(120) : null,
  reference: status === 'paid' ? 'CMB20261130-0012' : null,
  payout: null,
  ...extra,
});
export const WITHDRAWALS = [
  withdrawal('w3', 'pending', '待审核'),
  withdrawal('w2', 'paid', '已打款'),
  withdrawal('w1', 'rejected', '已驳回'),
];

export const material = (
  id: string,
  title: string,
  aim: 'sell' | 'recruit',
  extra: Record<string, unknown> = {},
) => ({
  materialId: id.padEnd(32, '0'),
  title,
  text:
    aim === 'sell'
      ? '今年的明前龙井到了：芽叶细嫩，豆花香明显。自己喝、送长辈都合适，顺丰包邮，喜欢的朋友点链接看看。'
      : '一起分享好物：把自己喝过、用过的好东西推荐给朋友，朋友下单后你也有一份佣金。',
  images: aim === 'sell' ? [IMG('tea'), IMG('banner')] : [IMG('logo')],
  productId: aim === 'sell' ? 'longjing' : null,
  aim,
  pinned: aim === 'sell',
  status: 'published',
  createdAt: at(-10),
  updatedAt: at(-5),
  ...extra,
});

export const MERCHANT_CONFIG = {
  ...DEFAULT_CONFIG,
  rates: ['0.10', '0.05', '0.02'],
  selfPurchase: true,
  withdraw: { minFen: 1000, maxFen: 500_000, feeRate: '0.006', days: [1, 15], methods: ['wechat', 'bank'] },
  grades: [
    { gradeId: 'base', name: '普通分销商', rank: 0 },
    {
      gradeId: 'gold',
      name: '金牌分销商',
      rank: 1,
      rates: ['0.15', '0.06', '0.03'],
      upgrade: { settledSalesFen: 1_000_000 },
    },
  ],
};

export const dashboard = () => {
  const series = Array.from({ length: 30 }, (_, i) => {
    const orders = [3, 5, 2, 8, 6, 4, 9, 7, 5, 11][i % 10] + Math.floor(i / 6);
    return {
      date: new Date(Date.UTC(2026, 10, 3 + i)).toISOString().slice(0, 10),
      orders,
      distributionOrders: Math.ceil(orders * 0.6),
      salesFen: orders * 13_500,
      commissionFen: orders * 1_150,
      newDistributors: i % 4 === 0 ? 2 : i % 3 === 0 ? 1 : 0,
      refundFen: 0,
      withdrawnFen: 0,
    };
  });
  return {
    totals: {
      distributors: 48,
      newDistributorsToday: 2,
      pendingApplications: 3,
      users: 1_260,
      orders: 612,
      distributionOrders: 387,
      salesFen: 8_263_400,
      refundFen: 126_800,
      ordersToday: 14,
      salesTodayFen: 189_600,
      commissionPendingFen: 96_230,
      commissionSettledFen: 612_480,
      commissionAvailableFen: 151_020,
      commissionFrozenFen: 36_000,
      commissionWithdrawnFen: 425_460,
      withdrawalsWaiting: 4,
      withdrawalsWaitingFen: 36_000,
    },
    series,
    topDistributors: [
      {
        rank: 1,
        userId: 'u-li',
        nickname: '李清',
        shopName: '清清的茶铺',
        inviteCode: INVITE_CODE,
        grade: '金牌分销商',
        distributorStatus: 'active',
        totalEarnedFen: 186_420,
        availableFen: 32_100,
        directDistributors: 12,
      },
      {
        rank: 2,
        userId: 'u-wang',
        nickname: '王晓敏',
        shopName: null,
        inviteCode: 'H3JD8RWT',
        grade: '普通分销商',
        distributorStatus: 'active',
        totalEarnedFen: 94_300,
        availableFen: 4_120,
        directDistributors: 5,
      },
      {
        rank: 3,
        userId: 'u-chen',
        nickname: '陈默',
        shopName: '陈默好物',
        inviteCode: 'P2NX5KQB',
        grade: '普通分销商',
        distributorStatus: 'active',
        totalEarnedFen: 51_880,
        availableFen: 0,
        directDistributors: 2,
      },
    ],
  };
};
