/**
 * The trend chart's ECharts option from the dashboard's daily series: sales and commission in yuan on
 * the left axis, orders and new distributors as counts on the right – two scales, so neither flattens
 * the other. Pure: the page tests read it without a canvas.
 */
import type { DashboardDay } from '../../../services/admin/dashboard';

const COLORS = ['#fa4126', '#e37318', '#0052d9', '#2ba471'];

/** "2026-12-02" → "12/2". */
export function dayLabel(date: string): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}/${Number(day)}`;
}

const yuan = (fen: number) => Math.round(fen) / 100;

export function trendOption(series: readonly DashboardDay[]): object {
  const days = series.map((d) => dayLabel(d.date));
  return {
    color: COLORS,
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'category',
      data: days,
      axisLabel: { fontSize: 10, hideOverlap: true },
      axisTick: { show: false },
    },
    yAxis: [
      {
        type: 'value',
        name: '元',
        nameTextStyle: { fontSize: 10 },
        axisLabel: { fontSize: 10 },
        minInterval: 1,
      },
      {
        type: 'value',
        name: '笔/人',
        nameTextStyle: { fontSize: 10 },
        axisLabel: { fontSize: 10 },
        minInterval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: '销售额',
        type: 'line',
        smooth: true,
        showSymbol: false,
        data: series.map((d) => yuan(d.salesFen)),
      },
      {
        name: '佣金',
        type: 'line',
        smooth: true,
        showSymbol: false,
        data: series.map((d) => yuan(d.commissionFen)),
      },
      { name: '订单', type: 'bar', yAxisIndex: 1, barMaxWidth: 12, data: series.map((d) => d.orders) },
      {
        name: '新分销商',
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: series.map((d) => d.newDistributors),
      },
    ],
  };
}

/** The period's sums under the chart. */
export function periodSums(series: readonly DashboardDay[]) {
  return series.reduce(
    (sum, d) => ({
      orders: sum.orders + d.orders,
      salesFen: sum.salesFen + d.salesFen,
      commissionFen: sum.commissionFen + d.commissionFen,
      newDistributors: sum.newDistributors + d.newDistributors,
    }),
    { orders: 0, salesFen: 0, commissionFen: 0, newDistributors: 0 },
  );
}
