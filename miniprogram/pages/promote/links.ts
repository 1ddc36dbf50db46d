/** The distributor subpackage's pages the center links to (only pages that exist). */
export const DISTRIBUTOR_LINKS: { title: string; url: string }[] = [
  { title: '申请提现', url: '/pages/distributor/withdraw/index' },
  { title: '提现记录', url: '/pages/distributor/withdrawals/index' },
  { title: '佣金明细', url: '/pages/distributor/commissions/index' },
  { title: '我的团队', url: '/pages/distributor/team/index' },
  { title: '店铺设置', url: '/pages/distributor/shop/index' },
  { title: '邀请海报', url: '/pages/distributor/poster/index' },
  { title: '店铺选品', url: '/pages/distributor/picks/index' },
  { title: '推广素材', url: '/pages/distributor/materials/index' },
];
