import type { ActionTable } from '../common/handler';

export const catalogActions: ActionTable = {};
