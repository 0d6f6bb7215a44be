/** Cloud function `orders`: create, pay, list, detail, cancel, sync; its timer polls payments, closes unpaid orders and completes refunds. */
import { orderActions } from '../../core/orders/order-actions';
import { sweepPayments } from '../../core/orders/sweep';
import { createHandler } from '../../core/router';

export const main = createHandler(orderActions, { paymentPoller: sweepPayments });
