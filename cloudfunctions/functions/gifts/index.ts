/**
 * Cloud function `gifts`: send, share, claim, cancel, thank, sent and received. Its one timer
 * trigger returns unclaimed gifts and announces the sealed gifts whose opening has come.
 */
import { requireGiftcardSecret } from '../../core/secrets';
import { giftActions } from '../../core/gifts/gift-actions';
import { returnExpiredGifts } from '../../core/gifts/return-sweep';
import { announceOpenings } from '../../core/gifts/openings';
import { createHandler } from '../../core/router';

// Refuses to load with a missing or short key: no invocation (and no money path) runs on a weak one.
requireGiftcardSecret();

export const main = createHandler(giftActions, {
  giftReturner: async (at) => ({ ...(await returnExpiredGifts(at)), opened: await announceOpenings(at) }),
});
