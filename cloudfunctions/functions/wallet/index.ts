/** Cloud function `wallet`: my cards, card history, bind by card number + PIN, refund. */
import { createHandler } from '../../core/router';
import { walletActions } from '../../core/wallet/wallet-actions';

export const main = createHandler(walletActions);
