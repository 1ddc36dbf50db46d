import type { ActionTable } from '../common/handler';

export const auditActions: ActionTable = {};
