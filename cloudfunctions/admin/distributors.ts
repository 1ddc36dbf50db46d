import type { ActionTable } from '../common/handler';

export const distributorActions: ActionTable = {};
