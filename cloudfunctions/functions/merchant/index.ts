/** Cloud function `merchant`: operator and clerk actions, gated by staff role; the daily expiry and reconciliation jobs. */
import { merchantActions, merchantTimers } from '../../core/merchant/merchant-actions';
import { createHandler } from '../../core/router';

export const main = createHandler(merchantActions, merchantTimers);
