/** Cloud function `merchant`: operator and clerk actions, gated by staff role; its one timer trigger runs the expiry and reconciliation jobs when due. */
import { merchantActions, merchantTimers } from '../../core/merchant/merchant-actions';
import { createHandler } from '../../core/router';

export const main = createHandler(merchantActions, merchantTimers);
