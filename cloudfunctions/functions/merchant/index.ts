/** Cloud function `merchant`: operator and clerk actions, gated by staff role. */
import { merchantActions } from '../../core/merchant/merchant-actions';
import { createHandler } from '../../core/router';

export const main = createHandler(merchantActions);
