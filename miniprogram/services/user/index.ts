/** 用户：user 云函数 */
import type { login as Login } from '../../../cloudfunctions/user/login';
import type { updateProfile as UpdateProfile } from '../../../cloudfunctions/user/profile';
import type { InputOf, ResultOf } from '../contract';
import { callFunction } from '../request';

export type LoginInput = InputOf<typeof Login>;
export type LoginResult = ResultOf<typeof Login>;
export type ProfileInput = InputOf<typeof UpdateProfile>;

/** 登录（首次调用时创建用户），带上进入时捕获的邀请码 */
export function login(input: LoginInput = {}): Promise<LoginResult> {
  return callFunction('user', 'login', input);
}

/** 修改昵称、头像 */
export function updateProfile(input: ProfileInput): Promise<ResultOf<typeof UpdateProfile>> {
  return callFunction('user', 'updateProfile', input);
}
