/** Cloud function `wallet`: my cards, card history, bind by card number + PIN, refund, pay codes for paying in store. */
import { payCodeTimers } from '../../core/redeem/holder-actions';
import { createHandler } from '../../core/router';
import { walletActions } from '../../core/wallet/wallet-actions';

export const main = createHandler(walletActions, payCodeTimers);
