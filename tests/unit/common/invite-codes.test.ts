import { normalizeInviteCode } from '../../../shared/invite-code';
import { isInviteCodeClash, withFreshInviteCode } from '../../../cloudfunctions/common/platform/invite-codes';

/** The error wx-server-sdk throws when a transaction's write hits the unique index (seen on the local CloudBase). */
const CLASH = {
  errCode: -501001,
  errMsg:
    'document.update:fail -501001 resource system error. [FailedOperation] E11000 duplicate key error collection: users index: inviteCode_unique dup key: { inviteCode: "SAME" }',
};

describe('storing a fresh invite code', () => {
  it('recognises the unique-index refusal of an invite code, and nothing else', () => {
    expect(isInviteCodeClash(CLASH)).toBe(true);
    expect(isInviteCodeClash(new Error(CLASH.errMsg))).toBe(true);
    expect(
      isInviteCodeClash({ errMsg: 'E11000 duplicate key error collection: users index: openid_unique' }),
    ).toBe(false);
    expect(isInviteCodeClash({ errMsg: '[ResourceUnavailable.TransactionConflict]' })).toBe(false);
    expect(isInviteCodeClash(null)).toBe(false);
  });

  it('draws again after a clash and gives up after the last draw', async () => {
    const tried: string[] = [];
    const codes = ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'];
    const result = await withFreshInviteCode(
      async (code) => {
        tried.push(code);
        if (code !== 'CCCCCCCC') throw CLASH;
        return code;
      },
      () => codes[tried.length],
    );
    expect(result).toBe('CCCCCCCC');
    expect(tried).toEqual(codes);

    let attempts = 0;
    await expect(
      withFreshInviteCode(
        async () => {
          attempts += 1;
          throw CLASH;
        },
        () => 'AAAAAAAA',
        3,
      ),
    ).rejects.toBe(CLASH);
    expect(attempts).toBe(3);
  });

  it('does not retry other errors, and draws valid codes by default', async () => {
    const other = new Error('network down');
    let attempts = 0;
    await expect(
      withFreshInviteCode(async () => {
        attempts += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(attempts).toBe(1);
    const code = await withFreshInviteCode(async (c) => c);
    expect(normalizeInviteCode(code)).toBe(code);
  });
});
