import type { ActionTable } from '../common/handler';

export const configActions: ActionTable = {};
