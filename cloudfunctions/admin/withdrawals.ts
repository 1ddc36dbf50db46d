import type { ActionTable } from '../common/handler';

export const withdrawalActions: ActionTable = {};
