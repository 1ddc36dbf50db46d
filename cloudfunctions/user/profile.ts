/** `user.updateProfile`: the name and picture others see (a shop without its own name is called after it). */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { COLLECTIONS, db } from '../common/platform/db';
import { action } from '../common/platform/handler';
import { plainText } from '../common/platform/text';
import { requireUser } from '../common/stores/users';

/** A picture the mini program uploaded (cloud file id) or an https URL. */
const imageUrl = z
  .string({ error: '头像必须是文字' })
  .max(512, { error: '头像地址过长' })
  .regex(/^(cloud|https?):\/\/\S+$/, { error: '头像必须是云存储文件或 https 地址' });

export const updateProfile = action(
  z.object({
    nickname: plainText({ label: '昵称', min: 1, max: 20 }).optional(),
    avatarUrl: imageUrl.optional(),
  }),
  async (input, ctx) => {
    const user = await requireUser(ctx);
    if (input.nickname === undefined && input.avatarUrl === undefined) {
      throw new AppError('VALIDATION', '请填写昵称或头像');
    }
    const patch = {
      ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
      ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}),
    };
    await db.collection(COLLECTIONS.users).doc(user._id).update({ data: patch });
    return { nickname: patch.nickname ?? user.nickname, avatarUrl: patch.avatarUrl ?? user.avatarUrl };
  },
);
