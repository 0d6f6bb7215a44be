/** Cloud function `wallet`: my cards, card history, bind by card number + PIN, refund, pay codes for paying in store. */
import { requireGiftcardSecret } from '../../core/secrets';
import { payCodeTimers } from '../../core/redeem/holder-actions';
import { createHandler } from '../../core/router';
import { walletActions } from '../../core/wallet/wallet-actions';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = createHandler(walletActions, payCodeTimers);
