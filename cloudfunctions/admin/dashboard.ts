import type { ActionTable } from '../common/handler';

export const dashboardActions: ActionTable = {};
