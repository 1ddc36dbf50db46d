import { type Mall, startMall } from './harness';

describe('user.ping on the local CloudBase', () => {
  let mall: Mall;
  beforeAll(async () => {
    mall = await startMall({ seed: false });
  });
  afterAll(() => mall.stop());

  it('answers the OPENID of the call, as the mini program reaches it', async () => {
    const data = await mall.ok('user', 'ping', {}, 'o-buyer-1');
    expect(data).toEqual({ openid: 'o-buyer-1', appid: expect.any(String), source: 'wx_client' });
  });

  it('refuses a call without an OPENID and an unknown action', async () => {
    expect(await mall.refused('user', 'ping')).toBe('UNAUTHENTICATED');
    expect(await mall.refused('user', 'nope', {}, 'o-buyer-1')).toBe('VALIDATION');
  });
});
