/** user: who is calling, login and binding, profile. */
import { z } from 'zod';
import { action, createMain } from '../common/platform/handler';
import { login } from './login';
import { updateProfile } from './profile';

export const main = createMain({
  /** 连通性检查：返回调用者的 OPENID */
  ping: action(z.object({}), async (_input, ctx) => ({
    openid: ctx.requireOpenid(),
    appid: ctx.caller.appid,
    source: ctx.caller.source,
  })),
  /** 登录：首次调用时创建用户，并按绑定规则处理邀请码 */
  login,
  /** 修改昵称、头像 */
  updateProfile,
});
