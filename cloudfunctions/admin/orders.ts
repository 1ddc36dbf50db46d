import type { ActionTable } from '../common/handler';

export const orderActions: ActionTable = {};
