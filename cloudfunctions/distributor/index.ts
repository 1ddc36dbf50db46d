/**
 * distributor: a distributor's own pages – becoming one, the personal center, the shop-in-shop, the team,
 * commissions and the invitation poster. Every action acts on the caller (OPENID) only.
 */
import { createMain } from '../common/platform/handler';
import { apply } from './application';
import { center } from './center';
import { poster } from './poster';
import { materials, updatePicks } from './promotion';
import { updateShop } from './shop';
import { commissions, team } from './team';

export const main = createMain({
  apply,
  center,
  updateShop,
  updatePicks,
  team,
  commissions,
  materials,
  poster,
});
