/**
 * The `gifts` cloud function: gift a card (or an amount split off one) to one friend or as a group
 * gift, share it by a claim token, claim it, cancel it, and see gifts sent and received. The token
 * is the only way to see or claim a gift; it never carries the card's code.
 */
import type { GiftMode, GiftState, ShareMode } from '../domain/gift';
import type { Fen } from '../domain/money';
import type { ThanksSticker } from '../domain/thanks';

export const GIFTS_FUNCTION = 'gifts';

export const GIFT_LIMITS = {
  idMax: 64,
  requestIdMax: 64,
  blessingMax: 60,
  nameMax: 20,
  tokenMax: 80,
  listMax: 100,
} as const;

export interface SendGiftInput {
  cardId: string;
  mode: GiftMode;
  /** Split off the card; omitted: the whole card (single) or its whole balance (group). */
  amount?: Fen;
  /** Group gifts: how many shares and how they are cut. */
  shares?: number;
  shareMode?: ShareMode;
  /** Another face of the same product; omitted: the card's own. */
  faceId?: string;
  blessing: string;
  /** The name the recipient sees. */
  senderName: string;
  /** The client's id for this send: a retry returns the same gift. */
  requestId: string;
  /** A sealed gift: claimable from this instant (up to 60 China days ahead), its window from then. */
  opensAt?: number;
}

/** A claimer's thank-you, as the gift's sender (and the claimer) sees it. */
export interface ThanksView {
  name: string;
  text: string;
  sticker: ThanksSticker;
  at: number;
}

export interface GiftClaimView {
  name: string;
  amount: Fen;
  at: number;
}

/** A gift as its sender sees it. */
export interface SentGiftView {
  _id: string;
  /** The name the friend sees as the giver's. */
  senderName: string;
  mode: GiftMode;
  shareMode: ShareMode;
  whole: boolean;
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  blessing: string;
  amount: Fen;
  sharesTotal: number;
  claimedCount: number;
  claimedAmount: Fen;
  claims: GiftClaimView[];
  state: GiftState;
  createdAt: number;
  expiresAt: number;
  endedAt?: number;
  /** The claim token, while the gift can still be claimed. */
  token?: string;
  /** Claimers' thank-yous, oldest first. */
  thanks: ThanksView[];
  /** A sealed gift's opening. */
  opensAt?: number;
  /** Shared as a WeChat share card: private (only its chat may open it) or not. */
  chat?: { private: boolean };
}

/** What the holder of a claim token sees. */
export interface GiftLandingView {
  senderName: string;
  /** The sender's avatar from their profile (domain/profile.ts); absent: the drawn default. */
  senderAvatar?: string;
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  blessing: string;
  mode: GiftMode;
  amount: Fen;
  sharesTotal: number;
  sharesLeft: number;
  state: GiftState;
  expiresAt: number;
  /** A sealed gift's opening: before it the card stays sealed and can't be claimed. */
  opensAt?: number;
  /** The cloud's time, so the page counts down without trusting the phone's clock. */
  now: number;
  /**
   * A group gift's claims, for those who claimed a share (and its sender): who got how much, and
   * 手气最佳 (the largest 拼手气 share) once every share is claimed.
   */
  claims?: (GiftClaimView & { best: boolean })[];
  /** The caller's relation to the gift (signed in only). */
  mine: { isSender: boolean; claimedAmount: Fen | null; cardId: string | null; thanks: ThanksView | null };
}

export interface ReceivedGiftView {
  giftId: string;
  senderName: string;
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  blessing: string;
  amount: Fen;
  claimedAt: number;
  cardId: string;
}

export interface GiftsActions {
  send: { input: SendGiftInput; output: { gift: SentGiftView; token: string; giftsLeftToday: number } };
  cancel: { input: { giftId: string }; output: { gift: SentGiftView } };
  /**
   * `cloudId`: what `wx.authPrivateMessage` answered the friend's app when it opened the share card
   * from a chat; a private gift needs it (the cloud resolves it with the platform).
   */
  view: { input: { token: string; cloudId?: string }; output: { gift: GiftLandingView } };
  claim: { input: { token: string; name: string; cloudId?: string }; output: { cardId: string; amount: Fen } };
  /** The gift's WeChat share card (its sender only): the activity id to share with, private for a single gift. */
  shareCard: { input: { giftId: string }; output: { activityId: string; private: boolean } };
  /** The gift's 小程序码 (its sender only): the scene it carries and the image as a data URL. */
  wxacode: { input: { giftId: string }; output: { scene: string; image: string } };
  /** The claim token of a scanned 小程序码's scene (pages/claim/index?scene=…). */
  resolveScene: { input: { scene: string }; output: { token: string } };
  /** Asks to be told when a sealed gift opens (a subscribe message, if accepted): once per person. */
  remind: { input: { token: string }; output: { opensAt: number } };
  /** A claimer's one thank-you to the sender: a line (blessing rules) and a sticker of the fixed set. */
  thank: { input: { token: string; text: string; sticker: ThanksSticker }; output: { thanks: ThanksView } };
  sent: { input: Record<string, never>; output: { gifts: SentGiftView[]; giftsLeftToday: number } };
  received: { input: Record<string, never>; output: { gifts: ReceivedGiftView[] } };
}
