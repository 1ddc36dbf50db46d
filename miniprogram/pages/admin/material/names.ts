/** What a material is for, in the words the merchant and distributors read (sharing and selling). */
import type { Material } from '../../../services/admin/decoration';

export const AIM_NAMES: Record<Material['aim'], string> = {
  sell: '推广商品',
  recruit: '邀请好友一起分享',
};

export function aimName(aim: Material['aim']): string {
  return AIM_NAMES[aim];
}
