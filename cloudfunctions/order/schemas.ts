/** Input shapes shared by the order actions. */
import { plainText } from '../common/text';

export { orderIdSchema } from '../common/orders';
export { refundAmountSchema } from '../common/refunds';

/** A reason a person types (a refund's): 1–200 characters, no control or invisible characters. */
export const reasonSchema = (label: string) => plainText({ label, min: 1, max: 200, multiline: true });
