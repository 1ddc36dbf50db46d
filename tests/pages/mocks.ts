/** Service mocks shared by the page tests (the services layer is the only thing mocked). */
export const SERVICES = {
  catalog: '../../miniprogram/services/catalog/index',
  user: '../../miniprogram/services/user/index',
  order: '../../miniprogram/services/order/index',
  distributor: '../../miniprogram/services/distributor/index',
  withdraw: '../../miniprogram/services/withdraw/index',
  dev: '../../miniprogram/services/dev/index',
  storage: '../../miniprogram/services/storage/index',
} as const;

/** A ServiceError as the request layer throws it: the server's message, with its code. */
export function serviceError(code: string, message: string): Error {
  const { ServiceError } = jest.requireActual('../../miniprogram/services/request');
  return new ServiceError({ code, message });
}

export function me(overrides: Record<string, unknown> = {}) {
  return {
    userId: 'u1',
    inviterId: null,
    isAdmin: false,
    distributorStatus: 'none',
    inviteCode: null,
    gradeId: 'base',
    nickname: '小李',
    avatarUrl: '',
    binding: null,
    ...overrides,
  };
}

/** user.login mocked (pages learn who the user is through utils/session). */
export function mockLogin(result = me()): jest.Mock {
  const login = jest.fn().mockResolvedValue(result);
  const updateProfile = jest.fn().mockResolvedValue({});
  jest.doMock(SERVICES.user, () => ({ login, updateProfile }));
  return login;
}

/** wx navigation and feedback APIs as jest mocks, installed on the current render's wx. */
export function mockWx() {
  const w = wx as unknown as Record<string, unknown>;
  const fns = {
    navigateTo: jest.fn(),
    redirectTo: jest.fn(),
    switchTab: jest.fn(),
    showToast: jest.fn(),
    stopPullDownRefresh: jest.fn(),
  };
  Object.assign(w, fns);
  return fns;
}
