/** order: the buyer's orders – create, pay, read, cancel, confirm receipt, ask for a refund. */
import { createMain } from '../common/platform/handler';
import { create } from './create';
import { cancel, confirmReceipt } from './lifecycle';
import { pay } from './pay';
import { get, list } from './read';
import { requestRefund } from './refund';

export const main = createMain({ create, pay, get, list, cancel, confirmReceipt, requestRefund });
