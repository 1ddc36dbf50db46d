/**
 * What the dashboard uses of the chart library bundled beside this file by `npm run build`
 * (scripts/build-echarts.ts). Declared by hand, narrowly: ECharts' own typings expect a browser DOM.
 */
export interface ChartInstance {
  setOption(option: object, notMerge?: boolean): void;
  resize(size: { width: number; height: number }): void;
  dispose(): void;
  getZr(): { handler: { dispatch(event: string, payload: { zrX: number; zrY: number }): void } };
}

export function init(
  canvas: object,
  theme: null,
  options: { width: number; height: number; devicePixelRatio: number },
): ChartInstance;

export function setPlatformAPI(api: { createCanvas(): object }): void;
