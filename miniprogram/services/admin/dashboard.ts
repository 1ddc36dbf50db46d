/** 商户首页数据：admin 云函数的 dashboard */
import type { dashboardActions as DashboardActions } from '../../../cloudfunctions/admin/dashboard';
import type { InputOf, ResultOf } from '../contract';
import { callFunction } from '../request';

type Actions = typeof DashboardActions;
export type Dashboard = ResultOf<Actions['dashboard']>;
export type DashboardDay = Dashboard['series'][number];
export type TopDistributor = Dashboard['topDistributors'][number];

/** 总览、最近 days 天的趋势与分销商排行 */
export function getDashboard(input: InputOf<Actions['dashboard']> = {}): Promise<Dashboard> {
  return callFunction('admin', 'dashboard', input);
}
