/**
 * distributor.apply: becoming a distributor the way the merchant's `distributorMode` says – `open`
 * activates at once, `apply` waits for an admin's review, `appointed` refuses (only admins make
 * distributors). Free of charge in every mode. A rejected applicant is back at `none` and may apply again.
 */
import { z } from 'zod';
import { transitionDistributor } from '../common/workflows/distributors';
import { action } from '../common/platform/handler';
import { mobileSchema, plainText } from '../common/platform/text';
import { requireUser } from '../common/stores/users';

const applySchema = z.object({
  realName: plainText({ label: '真实姓名', min: 2, max: 30 }).optional(),
  phone: mobileSchema.optional(),
});

/** 申请成为分销商 */
export const apply = action(applySchema, async (input, ctx) => {
  const user = await requireUser(ctx);
  const { user: updated } = await transitionDistributor(user._id, 'apply', {
    actor: 'self',
    application: { realName: input.realName ?? null, phone: input.phone ?? null },
  });
  return {
    distributorStatus: updated.distributorStatus,
    inviteCode: updated.distributorStatus === 'active' ? (updated.inviteCode ?? null) : null,
  };
});
