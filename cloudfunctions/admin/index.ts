/**
 * admin: the merchant's backend. Every action refuses non-admins with FORBIDDEN (the guard runs before
 * any input is looked at). Actions live in modules by domain and are joined here.
 */
import { requireAdmin } from '../common/stores/admins';
import { createMain } from '../common/platform/handler';
import { auditActions } from './audit';
import { catalogActions } from './catalog';
import { configActions } from './config';
import { dashboardActions } from './dashboard';
import { decorationActions } from './decoration';
import { distributorActions } from './distributors';
import { orderActions } from './orders';
import { withdrawalActions } from './withdrawals';

export const main = createMain(
  {
    ...configActions,
    ...dashboardActions,
    ...distributorActions,
    ...orderActions,
    ...catalogActions,
    ...withdrawalActions,
    ...auditActions,
    ...decorationActions,
  },
  {
    guard: async (ctx) => {
      await requireAdmin(ctx);
    },
  },
);
