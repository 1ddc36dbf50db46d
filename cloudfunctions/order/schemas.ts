/** Input shapes shared by the order actions. */
import { plainText } from '../common/platform/text';

export { orderIdSchema } from '../common/stores/orders';
export { refundAmountSchema } from '../common/workflows/refunds';

/** A reason a person types (a refund's): 1–200 characters, no control or invisible characters. */
export const reasonSchema = (label: string) => plainText({ label, min: 1, max: 200, multiline: true });
