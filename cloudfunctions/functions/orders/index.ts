/** Cloud function `orders`: create, pay, list, detail, cancel, sync; its timer polls payments, closes unpaid orders and completes refunds. */
import { requireGiftcardSecret } from '../../core/secrets';
import { orderActions } from '../../core/orders/order-actions';
import { sweepPayments } from '../../core/orders/sweep';
import { createHandler } from '../../core/router';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = createHandler(orderActions, { paymentPoller: sweepPayments });
