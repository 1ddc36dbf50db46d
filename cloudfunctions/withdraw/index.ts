/** withdraw: a distributor's withdrawal applications (the merchant reviews and pays them in admin). */
import { createMain } from '../common/platform/handler';
import { apply } from './application';
import { list, policy } from './list';
import { transferInfo } from './transfer';

export const main = createMain({ apply, list, policy, transferInfo });
