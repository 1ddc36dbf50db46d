/** user: who is calling, login and binding. */
import { z } from 'zod';
import { action, createMain } from '../common/handler';

export const main = createMain({
  /** 连通性检查：返回调用者的 OPENID */
  ping: action(z.object({}), async (_input, ctx) => ({
    openid: ctx.requireOpenid(),
    appid: ctx.caller.appid,
    source: ctx.caller.source,
  })),
});
