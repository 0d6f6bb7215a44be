/**
 * H5 is not WeChat: there is no chat card to declare and no chat to prove, so a private gift's link
 * opened in a browser is refused by the cloud (GIFT_PRIVATE), and the share page shows the gift's
 * state itself.
 */
import type { ChatShare } from './chat-share-types';

export const chatShare: ChatShare = {
  available: false,
  declareCard: async () => undefined,
  chatProof: async () => undefined,
};
