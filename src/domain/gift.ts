/**
 * Gifts: the rules of giving a card (or an amount split off one) to one friend or as a group gift,
 * how a group gift is cut into shares, and a gift's states. Randomness and time are parameters.
 */
import type { Card } from './card';
import { splitEvenly, type Fen } from './money';

export interface GiftRules {
  /** Unclaimed after this, the gift goes back to its sender. */
  claimWindowMs: number;
  /** Gifts a sender may make per China calendar day. */
  dailyLimit: number;
  minShares: number;
  maxShares: number;
}

export const GIFT_RULES: GiftRules = {
  claimWindowMs: 24 * 3_600_000,
  dailyLimit: 5,
  minShares: 2,
  maxShares: 20,
};

export type ShareMode = 'equal' | 'random';

export const GIFT_STATES = ['open', 'claimed', 'partlyClaimed', 'returned', 'cancelled'] as const;
export type GiftState = (typeof GIFT_STATES)[number];

const MOVES: Readonly<Record<GiftState, readonly GiftState[]>> = {
  open: ['claimed', 'partlyClaimed', 'returned', 'cancelled'],
  partlyClaimed: ['claimed', 'returned'],
  claimed: [],
  returned: [],
  cancelled: [],
};

export function canMoveGift(from: GiftState, to: GiftState): boolean {
  return MOVES[from].includes(to);
}

/**
 * Cuts `total` into `shares` amounts of at least 1 fen each that sum exactly to `total`.
 * Equal shares differ by at most 1 fen. Random shares follow the red-packet rule: each draw lies
 * between 1 fen and twice the mean of what is left, so no share can starve the later ones.
 * `random` returns numbers in [0, 1).
 */
export function splitShares(total: Fen, shares: number, mode: ShareMode, random: () => number): Fen[] {
  if (!Number.isInteger(shares) || shares < 1) throw new RangeError('shares must be a positive integer');
  if (!Number.isInteger(total) || total < shares) throw new RangeError('every share needs at least 1 fen');
  if (mode === 'equal') return splitEvenly(total, shares);
  const out: Fen[] = [];
  let left = total as number;
  for (let i = shares; i > 1; i--) {
    // With at least 1 fen per share left, max ≥ 1, and the draw lies in [1, max].
    const max = Math.min(Math.floor((left / i) * 2), left - (i - 1));
    const amount = 1 + Math.floor(random() * max);
    out.push(amount as Fen);
    left -= amount;
  }
  out.push(left as Fen);
  return out;
}

/** Why a card can't be gifted now, or null. */
export function giftRefusal(
  card: Pick<Card, 'state' | 'expiresAt' | 'transfers' | 'transferLimit' | 'balance'>,
  amount: Fen,
  now: number,
): 'CARD_NOT_ACTIVE' | 'CARD_EXPIRED' | 'TRANSFER_LIMIT' | 'AMOUNT_NOT_ALLOWED' | null {
  if (card.state !== 'active') return 'CARD_NOT_ACTIVE';
  if (card.expiresAt !== null && now > card.expiresAt) return 'CARD_EXPIRED';
  if (card.transfers >= card.transferLimit) return 'TRANSFER_LIMIT';
  if (!Number.isInteger(amount) || amount < 1 || amount > card.balance) return 'AMOUNT_NOT_ALLOWED';
  return null;
}
