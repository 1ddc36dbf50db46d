/** withdraw: a distributor's withdrawal applications (the merchant reviews and pays them in admin). */
import { createMain } from '../common/handler';
import { apply } from './apply';
import { list, policy } from './list';
import { transferInfo } from './transfer';

export const main = createMain({ apply, list, policy, transferInfo });
