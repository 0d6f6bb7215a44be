/**
 * A gift card's life: its states, which moves between them are allowed (a table, so a new state
 * or move is one line), and how the wallet groups them.
 */
import type { CardKind, CardFace } from './catalog';
import { isExpired } from './expiry';
import type { Fen } from './money';

export const CARD_STATES = [
  /** Issued by a batch, waiting to be bound by card number + PIN. */
  'unbound',
  'active',
  /** Locked inside an open gift. */
  'gifting',
  /** Balance spent to zero. */
  'used',
  'expired',
  /** Voided for a refund; the payment refund is under way. */
  'refunding',
  'refunded',
] as const;
export type CardState = (typeof CARD_STATES)[number];

const MOVES: Readonly<Record<CardState, readonly CardState[]>> = {
  unbound: ['active'],
  active: ['gifting', 'used', 'expired', 'refunding'],
  // Claimed or back with its sender; a group gift's card is used up when its last share is claimed.
  gifting: ['active', 'used'],
  // A reversed redemption gives a used-up card its balance back.
  used: ['active'],
  expired: ['active'],
  refunding: ['refunded'],
  refunded: [],
};

export function canMove(from: CardState, to: CardState): boolean {
  return MOVES[from].includes(to);
}

export function isTerminal(state: CardState): boolean {
  return MOVES[state].length === 0;
}

/** The wallet's tabs. */
export const WALLET_GROUPS = ['usable', 'gifting', 'used', 'expired', 'refunded'] as const;
export type WalletGroup = (typeof WALLET_GROUPS)[number];

export function walletGroup(state: CardState): WalletGroup {
  switch (state) {
    case 'active':
    case 'unbound':
      return 'usable';
    case 'gifting':
      return 'gifting';
    case 'used':
      return 'used';
    case 'expired':
      return 'expired';
    case 'refunding':
    case 'refunded':
      return 'refunded';
  }
}

/** Where a card came from: bought, issued in a batch, or split off another card for a gift. */
export type CardOrigin = 'purchase' | 'batch' | 'gift';

/** A card as stored. The code itself is never stored: only its keyed hash and last 4 characters. */
export interface Card {
  _id: string;
  /** OPENID of the holder; '' while an unbound batch card waits for its binder. */
  owner: string;
  brandId: string;
  brandName: string;
  productId: string;
  productName: string;
  kind: CardKind;
  face: Pick<CardFace, 'id' | 'name' | 'image'>;
  blessing: string;
  state: CardState;
  balance: Fen;
  /** Value the card was issued with: paid + bonus. */
  initialValue: Fen;
  /** The part bought with money (refundable); bonus value never is. */
  paidValue: Fen;
  bonusValue: Fen;
  codeHash: string;
  last4: string;
  /** Salted PIN hash, for batch cards bound by card number + PIN. */
  pinHash?: string;
  origin: CardOrigin;
  orderId?: string;
  /** Amount redeemed so far (a refund needs 0). */
  redeemed: Fen;
  /** Times the card's value has changed hands by gift. */
  transfers: number;
  /** The gift holding this card while it is `gifting`. */
  giftId?: string;
  /**
   * A group gift's share card not (yet) claimed: locked while the gift is open, emptied onto the
   * sender's returned card at its end. Kept out of the sender's wallet list (up to 100 per gift
   * would crowd it out); a claim clears it, and the card then shows in the claimer's wallet.
   */
  walletHidden?: boolean;
  transferLimit: number;
  activatedAt: number;
  /** null: never expires. */
  expiresAt: number | null;
  /** Last moment a refund may be asked; null: not refundable (batch cards). */
  refundableUntil: number | null;
  updatedAt: number;
}

/**
 * Whether the holder may ask for a refund now: unused, never gifted (nor any value split off it),
 * inside the window.
 */
export function refundRefusal(
  card: Pick<Card, 'state' | 'redeemed' | 'transfers' | 'refundableUntil' | 'origin' | 'balance' | 'initialValue'> & {
    expiresAt?: number | null;
  },
  now: number,
): 'NOT_REFUNDABLE' | 'CARD_USED' | 'CARD_GIFTED' | 'REFUND_WINDOW_PASSED' | 'CARD_NOT_ACTIVE' | 'CARD_EXPIRED' | null {
  if (card.origin !== 'purchase' || card.refundableUntil === null) return 'NOT_REFUNDABLE';
  if (card.state !== 'active') return card.state === 'used' ? 'CARD_USED' : 'CARD_NOT_ACTIVE';
  // Past its expiry the balance is lost even before the daily sweep has recorded it.
  if (isExpired({ expiresAt: card.expiresAt ?? null }, now)) return 'CARD_EXPIRED';
  if (card.redeemed > 0) return 'CARD_USED';
  if (card.transfers > 0 || card.balance !== card.initialValue) return 'CARD_GIFTED';
  if (now > card.refundableUntil) return 'REFUND_WINDOW_PASSED';
  return null;
}
