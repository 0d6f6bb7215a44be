/**
 * A thank-you back from a friend who claimed a gift: one per claim (a group gift's claimers each
 * say their own), a line under the blessing's text rules — suggested or typed — and one sticker
 * from a fixed set. It moves no money: it is a note on the gift, shown to its sender.
 */
export const THANKS_STICKERS = ['hug', 'heart', 'cheers', 'flower', 'cake', 'bow'] as const;
export type ThanksSticker = (typeof THANKS_STICKERS)[number];

export interface Thanks {
  /** One per gift and claimer: `${giftId}-t-…` (core/gifts/thanks.ts). */
  _id: string;
  giftId: string;
  sender: string;
  claimer: string;
  /** The name the claimer claimed with. */
  name: string;
  text: string;
  sticker: ThanksSticker;
  at: number;
}
