/**
 * The chart library of the merchant's dashboard: ECharts, tree-shaken to what the dashboard draws (line
 * and bar series, grid, tooltip, legend, the Canvas renderer) and bundled by `npm run build` into the
 * admin subpackage (miniprogram/pages/admin/components/chart/echarts.js, not committed), so it counts
 * against that subpackage's budget and never against the main package.
 *
 * Why ECharts: actively maintained (Apache ECharts), the chart library WeChat's own mini program samples
 * use (echarts-for-weixin), draws on a Canvas 2D node, and its modular build keeps only what is used.
 * Minified, the bundle is about 570 KiB (the full library is over 1 MiB), inside the 1.5 MiB subpackage budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const ECHARTS_OUT = path.join(
  ROOT,
  'miniprogram',
  'pages',
  'admin',
  'components',
  'chart',
  'echarts.js',
);

const ENTRY = `
import { use, init, setPlatformAPI } from 'echarts/core';
import { LineChart, BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
export { init, setPlatformAPI };
`;

/** Bundles the chart library; its size in bytes. */
export async function buildEcharts(): Promise<number> {
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'echarts-entry.js', loader: 'js' },
    outfile: ECHARTS_OUT,
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return fs.statSync(ECHARTS_OUT).size;
}
