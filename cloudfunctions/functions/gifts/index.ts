/** Cloud function `gifts`: send, share, claim, cancel, sent and received; its timer returns unclaimed gifts. */
import { giftActions } from '../../core/gifts/gift-actions';
import { returnExpiredGifts } from '../../core/gifts/return-sweep';
import { createHandler } from '../../core/router';

export const main = createHandler(giftActions, { giftReturner: (at) => returnExpiredGifts(at) });
