/**
 * The `gifts` cloud function: gift a card (or an amount split off one) to one friend or as a group
 * gift, share it by a claim token, claim it, cancel it, and see gifts sent and received. The token
 * is the only way to see or claim a gift; it never carries the card's code.
 */
import type { GiftMode, GiftState, ShareMode } from '../domain/gift';
import type { Fen } from '../domain/money';

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
}

export interface GiftClaimView {
  name: string;
  amount: Fen;
  at: number;
}

/** A gift as its sender sees it. */
export interface SentGiftView {
  _id: string;
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
}

/** What the holder of a claim token sees. */
export interface GiftLandingView {
  senderName: string;
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
  /** The cloud's time, so the page counts down without trusting the phone's clock. */
  now: number;
  /** The caller's relation to the gift (signed in only). */
  mine: { isSender: boolean; claimedAmount: Fen | null; cardId: string | null };
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
  view: { input: { token: string }; output: { gift: GiftLandingView } };
  claim: { input: { token: string; name: string }; output: { cardId: string; amount: Fen } };
  /** The gift's 小程序码 (its sender only): the scene it carries and the image as a data URL. */
  wxacode: { input: { giftId: string }; output: { scene: string; image: string } };
  /** The claim token of a scanned 小程序码's scene (pages/claim/index?scene=…). */
  resolveScene: { input: { scene: string }; output: { token: string } };
  sent: { input: Record<string, never>; output: { gifts: SentGiftView[]; giftsLeftToday: number } };
  received: { input: Record<string, never>; output: { gifts: ReceivedGiftView[] } };
}
