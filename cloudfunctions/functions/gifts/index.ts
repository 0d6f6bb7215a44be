/** Cloud function `gifts`: send, share, claim, cancel, sent and received; its timer returns unclaimed gifts. */
import { requireGiftcardSecret } from '../../core/secrets';
import { giftActions } from '../../core/gifts/gift-actions';
import { returnExpiredGifts } from '../../core/gifts/return-sweep';
import { createHandler } from '../../core/router';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = createHandler(giftActions, { giftReturner: (at) => returnExpiredGifts(at) });
