/** Every page's preview scenes: the states a user meets, with the data of fixtures.ts. */
import * as F from './fixtures';
import { type Scene, fail } from './scene';

const asDistributor = { user: { login: F.DISTRIBUTOR } };
const asAdmin = { user: { login: F.ADMIN_USER } };
const cart = [
  {
    productId: 'longjing',
    title: F.PRODUCTS[0].title,
    cover: F.PRODUCTS[0].cover,
    priceFen: 26800,
    quantity: 1,
  },
  { productId: 'honey', title: F.PRODUCTS[4].title, cover: F.PRODUCTS[4].cover, priceFen: 6900, quantity: 2 },
];
const decoration = {
  banners: [
    {
      bannerId: 'b1',
      image: F.IMG('banner'),
      link: { type: 'product', productId: 'longjing' },
      sort: 1,
      status: 'on',
    },
    { bannerId: 'b2', image: F.IMG('tea'), link: { type: 'page', page: 'apply' }, sort: 2, status: 'off' },
  ],
  featured: ['longjing', 'puer'],
  updatedAt: 1,
};

export const SCENES: Scene[] = [
  // buyers
  {
    page: 'pages/mall/home/index',
    state: 'data',
    services: { catalog: { getHome: F.home(), listProducts: F.productPage() } },
  },
  {
    page: 'pages/mall/home/index',
    state: 'shop',
    storage: { 'mall.invite': { inviteCode: F.INVITE_CODE, source: 'link', at: 1 } },
    services: { catalog: { getHome: F.home(true), listProducts: F.productPage() } },
  },
  {
    page: 'pages/mall/home/index',
    state: 'error',
    services: {
      catalog: {
        getHome: fail('INTERNAL', '网络不太好'),
        listProducts: fail('INTERNAL', '网络不太好，请稍后重试'),
      },
    },
  },
  {
    page: 'pages/mall/search/index',
    state: 'recent',
    storage: { 'mall.searches': ['龙井', '蜂蜜', '大米'] },
    services: {},
  },
  {
    page: 'pages/mall/search/index',
    state: 'results',
    query: { keyword: '茶' },
    services: { catalog: { listProducts: F.productPage(F.PRODUCTS.slice(0, 2)) } },
  },
  {
    page: 'pages/mall/detail/index',
    state: 'buyer',
    query: { productId: 'longjing' },
    services: { catalog: { getProduct: F.productDetail() } },
  },
  {
    page: 'pages/mall/detail/index',
    state: 'distributor',
    query: { productId: 'longjing' },
    services: { ...asDistributor, catalog: { getProduct: F.productDetail(F.PRODUCTS[0], 2680) } },
  },
  { page: 'pages/cart/index/index', state: 'data', storage: { 'mall.cart': cart }, services: {} },
  { page: 'pages/cart/index/index', state: 'empty', services: {} },
  { page: 'pages/order/checkout/index', state: 'data', storage: { 'mall.checkout': cart }, services: {} },
  {
    page: 'pages/order/list/index',
    state: 'data',
    services: { order: { listOrders: { items: F.ORDERS, total: 3, page: 1, pageSize: 20 } } },
  },
  {
    page: 'pages/order/list/index',
    state: 'empty',
    services: { order: { listOrders: { items: [], total: 0, page: 1, pageSize: 20 } } },
  },
  {
    page: 'pages/order/detail/index',
    state: 'shipped',
    query: { orderId: 'o1' },
    services: { order: { getOrder: F.orderDetail() } },
  },
  {
    page: 'pages/order/detail/index',
    state: 'unpaid',
    query: { orderId: 'o1' },
    services: { order: { getOrder: F.orderDetail('unpaid', '待付款') } },
  },
  { page: 'pages/user/mine/index', state: 'buyer', services: {} },
  { page: 'pages/user/mine/index', state: 'admin', services: asAdmin },
  // distributors
  {
    page: 'pages/promote/center/index',
    state: 'distributor',
    services: { ...asDistributor, distributor: { getCenter: F.center() } },
  },
  {
    page: 'pages/promote/center/index',
    state: 'not-yet',
    services: {
      distributor: {
        getCenter: F.center({
          distributorStatus: 'none',
          inviteCode: null,
          balances: { pendingFen: 0, availableFen: 0, frozenFen: 0, withdrawnFen: 0 },
          grade: null,
          nextGrade: null,
          shop: null,
        }),
      },
    },
  },
  {
    page: 'pages/distributor/withdraw/index',
    state: 'data',
    services: { ...asDistributor, withdraw: { getWithdrawPolicy: F.withdrawPolicy() } },
  },
  {
    page: 'pages/distributor/withdrawals/index',
    state: 'data',
    services: {
      ...asDistributor,
      withdraw: { listWithdrawals: { items: F.WITHDRAWALS, total: 3, page: 1, pageSize: 20 } },
    },
  },
  {
    page: 'pages/distributor/commissions/index',
    state: 'data',
    services: { ...asDistributor, distributor: { listCommissions: F.commissions() } },
  },
  {
    page: 'pages/distributor/commissions/index',
    state: 'empty',
    services: {
      ...asDistributor,
      distributor: { listCommissions: { items: [], total: 0, page: 1, pageSize: 20 } },
    },
  },
  {
    page: 'pages/distributor/team/index',
    state: 'data',
    services: { ...asDistributor, distributor: { listTeam: F.team() } },
  },
  {
    page: 'pages/distributor/shop/index',
    state: 'data',
    services: { ...asDistributor, distributor: { getCenter: F.center() } },
  },
  {
    page: 'pages/distributor/poster/index',
    state: 'data',
    services: {
      ...asDistributor,
      distributor: {
        getPoster: {
          inviteCode: F.INVITE_CODE,
          scene: `${F.INVITE_CODE}h`,
          page: 'pages/mall/home/index',
          qrCode: { fileID: 'cloud://env/posters/a.png', url: F.IMG('qr'), expiresAt: 1 },
          shop: F.shop,
          avatarUrl: F.IMG('avatar'),
          product: null,
          cached: true,
        },
      },
    },
  },
  {
    page: 'pages/distributor/picks/index',
    state: 'data',
    services: {
      ...asDistributor,
      distributor: { getCenter: F.center() },
      catalog: { listProducts: F.productPage(), getHome: F.home(true) },
    },
  },
  {
    page: 'pages/distributor/materials/index',
    state: 'data',
    services: {
      ...asDistributor,
      distributor: {
        listMaterials: {
          items: [
            {
              ...F.material('m1', '明前龙井到货', 'sell'),
              product: F.PRODUCTS[0],
              sharePath: `pages/mall/detail/index?productId=longjing&inviteCode=${F.INVITE_CODE}`,
            },
            {
              ...F.material('m2', '一起分享好物', 'recruit'),
              product: null,
              sharePath: `pages/promote/center/index?inviteCode=${F.INVITE_CODE}`,
            },
          ],
          total: 2,
          page: 1,
          pageSize: 10,
        },
      },
    },
  },
  // merchant
  {
    page: 'pages/admin/dashboard/index',
    state: 'data',
    services: { ...asAdmin, 'admin/dashboard': { getDashboard: F.dashboard() } },
  },
  {
    page: 'pages/admin/dashboard/index',
    state: 'error',
    services: { 'admin/dashboard': { getDashboard: fail('FORBIDDEN', '仅管理员可以操作') } },
  },
  {
    page: 'pages/admin/settings/index',
    state: 'data',
    services: { 'admin/config': { getConfig: F.MERCHANT_CONFIG } },
  },
  {
    page: 'pages/admin/config-history/index',
    state: 'data',
    services: {
      'admin/config': {
        configHistory: {
          items: [
            {
              historyId: 'h1',
              changedBy: 'admin-zhou',
              changedAt: Date.UTC(2026, 10, 30, 6),
              patch: {},
              before: {},
              after: {},
              changes: [
                { path: 'rates', label: '佣金比例', before: '8% / 4% / 2%', after: '10% / 5% / 2%' },
                { path: 'withdraw.days', label: '每月可提现日期', before: '每天', after: '每月 1、15 日' },
              ],
            },
          ],
          total: 1,
          page: 1,
          pageSize: 20,
          current: { updatedAt: 1, updatedBy: 'admin-zhou' },
        },
      },
    },
  },
  {
    page: 'pages/admin/audit/index',
    state: 'clean',
    services: {
      'admin/audit': {
        runAudit: {
          ok: true,
          complete: true,
          problems: [],
          checked: { accounts: 48, ledgerEntries: 1_932, orders: 612, commissions: 1_018, withdrawals: 96 },
          next: null,
        },
      },
    },
  },
  {
    page: 'pages/admin/audit/index',
    state: 'findings',
    services: {
      'admin/audit': {
        runAudit: {
          ok: false,
          complete: true,
          problems: [
            {
              type: 'balance',
              message: '用户 王晓敏：可提现余额 ¥41.20 与流水计算值 ¥40.00 不符',
              userId: 'u-wang',
            },
            { type: 'withdrawal', message: '提现 w7 缺少打款流水', withdrawalId: 'w7' },
          ],
          checked: { accounts: 48, ledgerEntries: 1_932, orders: 612, commissions: 1_018, withdrawals: 96 },
          next: null,
        },
      },
    },
  },
  {
    page: 'pages/admin/products/index',
    state: 'data',
    services: {
      'admin/products': {
        listAdminProducts: {
          items: F.PRODUCTS.map((p, i) => ({
            ...p,
            images: [p.cover],
            description: '',
            status: i === 5 ? 'off' : 'on',
            sort: 100 - i * 10,
            commission: i === 0 ? { mode: 'rate', rates: ['0.15'] } : null,
            createdAt: 1,
            updatedAt: 1,
          })),
          total: 6,
          page: 1,
          pageSize: 20,
        },
      },
    },
  },
  {
    page: 'pages/admin/product/index',
    state: 'data',
    query: { productId: 'longjing' },
    services: {
      'admin/config': { getConfig: F.MERCHANT_CONFIG },
      'admin/products': {
        getAdminProduct: {
          ...F.productDetail(),
          sort: 100,
          commission: { mode: 'rate', rates: ['0.15', '0.05', '0.02'] },
          createdAt: 1,
          updatedAt: 1,
        },
      },
    },
  },
  {
    page: 'pages/admin/withdrawals/index',
    state: 'data',
    services: {
      'admin/withdrawals': {
        listAdminWithdrawals: {
          items: F.WITHDRAWALS.map((w) => ({
            ...w,
            nickname: '李清',
            inviteCode: F.INVITE_CODE,
            distributorStatus: 'active',
          })),
          total: 3,
          page: 1,
          pageSize: 20,
        },
      },
    },
  },
  {
    page: 'pages/admin/withdrawals/index',
    state: 'empty',
    services: {
      'admin/withdrawals': { listAdminWithdrawals: { items: [], total: 0, page: 1, pageSize: 20 } },
    },
  },
  {
    page: 'pages/admin/withdrawal/index',
    state: 'pending',
    query: { withdrawalId: 'w3' },
    services: {
      'admin/withdrawals': {
        getAdminWithdrawal: {
          ...F.withdrawal('w3', 'pending', '待审核', {
            account: { name: '李清', bank: '招商银行杭州分行', number: '6225880123456789' },
          }),
          distributor: { nickname: '李清', inviteCode: F.INVITE_CODE, distributorStatus: 'active' },
          balances: { pendingFen: 3_792, availableFen: 2_712, frozenFen: 3_000, withdrawnFen: 3_000 },
        },
      },
    },
  },
  {
    page: 'pages/admin/orders/index',
    state: 'data',
    services: {
      'admin/orders': {
        listAdminOrders: {
          items: F.ORDERS.map((o) => ({
            ...o,
            buyerId: 'b1',
            address: F.orderDetail().address,
            commissionFen: 2_680,
            openRefundId: null,
            latePayment: null,
          })),
          total: 3,
          page: 1,
          pageSize: 20,
        },
      },
    },
  },
  {
    page: 'pages/admin/order/index',
    state: 'paid',
    query: { orderId: 'o1' },
    services: {
      'admin/orders': {
        getAdminOrder: {
          ...F.orderDetail('paid', '待发货'),
          buyerId: 'b1',
          buyer: { userId: 'b1', nickname: '陈小姐', inviteCode: null },
          inviterId: 'u-li',
          transactionId: '4200002400202612010000',
          commissionFen: 2_697,
          latePayment: null,
          commissions: [
            {
              commissionId: 'c1',
              level: 1,
              beneficiaryId: 'u-li',
              beneficiary: { userId: 'u-li', nickname: '李老师', inviteCode: 'LI2026' },
              baseFen: 17_980,
              rate: '0.10',
              fixedPerUnitFen: null,
              originalAmountFen: 1_798,
              amountFen: 1_798,
              clawbackFen: 0,
              status: 'pending',
              lines: [],
            },
            {
              commissionId: 'c2',
              level: 2,
              beneficiaryId: 'u-wang',
              beneficiary: { userId: 'u-wang', nickname: '王姐', inviteCode: 'WANG88' },
              baseFen: 17_980,
              rate: '0.05',
              fixedPerUnitFen: null,
              originalAmountFen: 899,
              amountFen: 899,
              clawbackFen: 0,
              status: 'pending',
              lines: [],
            },
          ],
          refunds: [],
        },
      },
    },
  },
  {
    page: 'pages/admin/distributors/index',
    state: 'applications',
    services: {
      'admin/distributors': {
        listDistributors: {
          items: [
            {
              userId: 'u-new',
              nickname: '赵小满',
              avatarUrl: '',
              distributorStatus: 'pending',
              inviteCode: null,
              grade: { gradeId: 'base', name: '普通分销商' },
              distributorSince: null,
              inviterId: 'u-li',
              shopName: null,
              application: {
                realName: '赵小满',
                phone: '13900001111',
                appliedAt: Date.UTC(2026, 11, 2, 1),
                reviewedAt: null,
                reviewedBy: null,
                approved: null,
                reason: null,
              },
              balances: { pendingFen: 0, availableFen: 0, frozenFen: 0, withdrawnFen: 0 },
              totalEarnedFen: 0,
              directDistributors: 0,
            },
          ],
          total: 1,
          page: 1,
          pageSize: 20,
        },
      },
    },
  },
  {
    page: 'pages/admin/distributor/index',
    state: 'data',
    query: { userId: 'u-li' },
    services: {
      'admin/config': { getConfig: F.MERCHANT_CONFIG },
      'admin/distributors': {
        getDistributor: {
          userId: 'u-li',
          nickname: '李清',
          avatarUrl: F.IMG('avatar'),
          distributorStatus: 'active',
          inviteCode: F.INVITE_CODE,
          grade: { gradeId: 'gold', name: '金牌分销商' },
          distributorSince: 1,
          inviterId: null,
          shopName: '清清的茶铺',
          application: null,
          balances: F.center().balances,
          totalEarnedFen: 9_504,
          directDistributors: 12,
        },
        distributorTeam: F.team(),
      },
    },
  },
  {
    page: 'pages/admin/decoration/index',
    state: 'data',
    services: {
      'admin/decoration': { getDecoration: decoration },
      catalog: { listProducts: F.productPage(), getProduct: F.productDetail(), getHome: F.home() },
    },
  },
  {
    page: 'pages/admin/materials/index',
    state: 'data',
    services: {
      'admin/decoration': {
        listMaterials: {
          items: [
            F.material('m1', '明前龙井到货', 'sell'),
            F.material('m2', '一起分享好物', 'recruit', { status: 'retired', pinned: false }),
          ],
          total: 2,
          page: 1,
          pageSize: 20,
        },
      },
    },
  },
  {
    page: 'pages/admin/material/index',
    state: 'new',
    services: { catalog: { listProducts: F.productPage() } },
  },
];
