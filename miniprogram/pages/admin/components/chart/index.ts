/**
 * An ECharts chart on a Canvas 2D node: `option` is an ECharts option (built by the page), drawn again
 * whenever it changes. The canvas node comes from a selector query; ECharts gets it wrapped with what it
 * asks of a canvas, measures text on it, and receives the finger's touches for its tooltip. Without a
 * canvas node (page tests: miniprogram-simulate has none) the component stays empty instead of failing.
 */
import { type ChartInstance, init, setPlatformAPI } from './echarts';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): unknown;
}

type TouchEvent = WechatMiniprogram.TouchEvent & { touches: { x: number; y: number }[] };

/** The canvas as ECharts wants it: the node plus the listener methods it calls (touches come by hand). */
function canvasFor(node: CanvasNode): object {
  return Object.assign(node, {
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    attachEvent: () => undefined,
    detachEvent: () => undefined,
  });
}

Component({
  properties: {
    option: { type: Object, value: {} },
    /** CSS height of the chart in px. */
    height: { type: Number, value: 240 },
  },
  data: { ready: false },
  observers: {
    option(option: object) {
      const chart = (this as unknown as { chart?: ChartInstance }).chart;
      if (chart && option) chart.setOption(option, true);
    },
  },
  lifetimes: {
    ready() {
      this.createSelectorQuery()
        .select('.chart__canvas')
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasNode; width: number; height: number }[]) => {
          const found = res?.[0];
          if (!found?.node) return;
          const canvas = canvasFor(found.node);
          setPlatformAPI({ createCanvas: () => canvas });
          const chart = init(canvas, null, {
            width: found.width,
            height: found.height,
            devicePixelRatio: wx.getWindowInfo().pixelRatio,
          });
          (this as unknown as { chart: ChartInstance }).chart = chart;
          chart.setOption(this.data.option, true);
          this.setData({ ready: true });
        });
    },
    detached() {
      (this as unknown as { chart?: ChartInstance }).chart?.dispose();
    },
  },
  methods: {
    touch(kind: 'mousedown' | 'mousemove' | 'mouseup', e: TouchEvent) {
      const chart = (this as unknown as { chart?: ChartInstance }).chart;
      const point =
        e.touches?.[0] ??
        (e as unknown as { changedTouches: { x: number; y: number }[] }).changedTouches?.[0];
      if (!chart || !point) return;
      const handler = chart.getZr().handler;
      handler.dispatch(kind, { zrX: point.x, zrY: point.y });
      if (kind === 'mouseup') handler.dispatch('click', { zrX: point.x, zrY: point.y });
    },
    onTouchStart(e: TouchEvent) {
      this.touch('mousedown', e);
    },
    onTouchMove(e: TouchEvent) {
      this.touch('mousemove', e);
    },
    onTouchEnd(e: TouchEvent) {
      this.touch('mouseup', e);
    },
  },
});
