/**
 * Invitation capture (miniprogram/utils/invite.ts): share links, mini program codes (scene, URL-encoded)
 * and timeline shares; what is kept; what login, order and shares carry.
 */
import { encodeScene, generateInviteCode } from '../../shared/invite-code';
import { installStorage } from './harness';

const CODE = generateInviteCode(new Uint8Array(8).fill(3));
const OTHER = generateInviteCode(new Uint8Array(8).fill(9));
const PRODUCT = '0123456789abcdef0123456789abcdef';

type InviteModule = typeof import('../../miniprogram/utils/invite');
let invite: InviteModule;

beforeEach(() => {
  jest.resetModules();
  (global as unknown as { wx: object }).wx = {};
  installStorage();
  invite = jest.requireActual('../../miniprogram/utils/invite');
});

describe('invitation capture', () => {
  it('reads a shared page link (?inviteCode=) and keeps it', () => {
    expect(invite.captureInvite({ inviteCode: CODE }, 1000)).toEqual({
      inviteCode: CODE,
      source: 'share_link',
      capturedAt: 1000,
    });
    expect(invite.storedInvite()?.inviteCode).toBe(CODE);
    expect(invite.loginInvite()).toEqual({ inviteCode: CODE, source: 'share_link' });
    expect(invite.orderInvite()).toEqual({ inviteCode: CODE });
  });

  it('accepts a code typed in lower case or with spaces the way the server normalizes it', () => {
    expect(invite.readInvite({ inviteCode: ` ${CODE.toLowerCase()} ` })?.inviteCode).toBe(CODE);
  });

  it('reads a mini program code scene, URL-encoded or not, with the product it opens', () => {
    const scene = encodeScene({ inviteCode: CODE, page: { kind: 'goods', productId: PRODUCT } });
    const fromEncoded = invite.captureInvite({ scene: encodeURIComponent(scene) });
    expect(fromEncoded).toMatchObject({ inviteCode: CODE, source: 'poster', productId: PRODUCT });
    const home = encodeScene({ inviteCode: OTHER, page: { kind: 'home' } });
    expect(invite.captureInvite({ scene: home })).toMatchObject({ inviteCode: OTHER, source: 'poster' });
    expect(invite.captureInvite({ scene: home })?.productId).toBeUndefined();
    expect(invite.loginInvite()).toEqual({ inviteCode: OTHER, source: 'poster' });
  });

  it('reads a timeline share (its query carries inviteCode like a link)', () => {
    const query = invite.shareQuery({ productId: 'p1' }, CODE);
    const parsed = Object.fromEntries(query.split('&').map((kv) => kv.split('=').map(decodeURIComponent)));
    expect(invite.captureInvite(parsed)).toMatchObject({ inviteCode: CODE, source: 'share_link' });
  });

  it('keeps the earlier inviter when an entry carries none or a bad one', () => {
    invite.captureInvite({ inviteCode: CODE });
    expect(invite.captureInvite({})).toBeNull();
    expect(invite.captureInvite({ inviteCode: 'NOT-A-CODE' })).toBeNull();
    expect(invite.captureInvite({ scene: '%E0%A4%A' })).toBeNull();
    expect(invite.captureInvite(undefined)).toBeNull();
    expect(invite.storedInvite()?.inviteCode).toBe(CODE);
  });

  it('a newer entry replaces the kept inviter (the server decides whether it rebinds)', () => {
    invite.captureInvite({ inviteCode: CODE });
    invite.captureInvite({ inviteCode: OTHER });
    expect(invite.storedInvite()?.inviteCode).toBe(OTHER);
  });

  it('sends nothing when no inviter was ever captured', () => {
    expect(invite.storedInvite()).toBeNull();
    expect(invite.loginInvite()).toEqual({});
    expect(invite.orderInvite()).toEqual({});
  });

  it("every share carries the sharer's own code, and none when the sharer has none", () => {
    expect(invite.sharePath('/pages/mall/detail/index', { productId: 'p 1' }, CODE)).toBe(
      `/pages/mall/detail/index?productId=p%201&inviteCode=${CODE}`,
    );
    expect(invite.sharePath('/pages/mall/home/index', {}, null)).toBe('/pages/mall/home/index');
    expect(invite.shareQuery({}, CODE)).toBe(`inviteCode=${CODE}`);
  });
});

describe('login with the captured inviter', () => {
  it('user.login carries the kept code and source; a new entry logs in again', async () => {
    const login = jest.fn().mockResolvedValue({ inviteCode: null });
    jest.doMock('../../miniprogram/services/user/index', () => ({ login }));
    const session: typeof import('../../miniprogram/utils/session') = jest.requireActual(
      '../../miniprogram/utils/session',
    );
    invite = jest.requireActual('../../miniprogram/utils/invite');
    invite.captureInvite({ inviteCode: CODE });
    await session.ensureLogin();
    await session.ensureLogin();
    expect(login).toHaveBeenCalledTimes(1);
    expect(login).toHaveBeenLastCalledWith({ inviteCode: CODE, source: 'share_link' });
    invite.captureInvite({ scene: encodeScene({ inviteCode: OTHER, page: { kind: 'shop' } }) });
    await session.ensureLogin(true);
    expect(login).toHaveBeenLastCalledWith({ inviteCode: OTHER, source: 'poster' });
  });
});
