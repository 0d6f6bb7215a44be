/** Cloud function `merchant`: operator and clerk actions, gated by staff role; its one timer trigger runs the expiry and reconciliation jobs when due. */
import { requireGiftcardSecret } from '../../core/secrets';
import { merchantActions, merchantTimers } from '../../core/merchant/merchant-actions';
import { createHandler } from '../../core/router';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = createHandler(merchantActions, merchantTimers);
