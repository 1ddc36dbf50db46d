/**
 * jsdom set-up for page tests. Pages are written with Component(); miniprogram-simulate defines
 * `global.Component` when it is loaded, and a Page shim routes any Page() to it.
 */
const g = global as unknown as Record<string, unknown>;
g.Page = (options: Record<string, unknown>) => (g.Component as (o: unknown) => void)(options);
// WeChat's globals that tdesign components read when they are created.
g.getApp = () => ({ globalData: {} });
g.getCurrentPages = () => [];
