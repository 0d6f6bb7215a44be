/** Cloud function `orders`: create, pay, list, detail, cancel; its timer polls payments and closes unpaid orders. */
import { orderActions } from '../../core/orders/order-actions';
import { sweepPayments } from '../../core/orders/sweep';
import { createHandler } from '../../core/router';

export const main = createHandler(orderActions, { paymentPoller: sweepPayments });
