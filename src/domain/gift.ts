/**
 * Gifts: the rules of giving a card (or an amount split off one) to one friend or as a group gift,
 * how a group gift is cut into shares, and a gift's states. Randomness and time are parameters.
 */
import type { BalanceFields } from './balance-change';
import type { Card } from './card';
import type { CardKind } from './catalog';
import { splitEvenly, subtractFen, sumFen, type Fen } from './money';
import { isSealed } from './sealed-gift';

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
  // WeChat's group red packets go to at most 100 people.
  maxShares: 100,
};

export type ShareMode = 'equal' | 'random';

export const GIFT_STATES = ['open', 'partlyClaimed', 'claimed', 'returning', 'returned', 'cancelled'] as const;
export type GiftState = (typeof GIFT_STATES)[number];

const MOVES: Readonly<Record<GiftState, readonly GiftState[]>> = {
  open: ['claimed', 'partlyClaimed', 'returning', 'cancelled'],
  partlyClaimed: ['claimed', 'returning'],
  claimed: [],
  // Taken by the return sweep: no claim or cancel can reach it any more.
  // A group gift's give-back ends it returned, claimed (nothing was left) or cancelled.
  returning: ['returned', 'claimed', 'cancelled'],
  returned: [],
  cancelled: [],
};

/** States in which a gift still holds value its sender may get back. */
export const OPEN_GIFT_STATES: readonly GiftState[] = ['open', 'partlyClaimed'];

/** One recipient (the gift's card changes hands) or a group (each share split off into a new card). */
export type GiftMode = 'single' | 'group';

export interface GiftShare {
  amount: Fen;
  /** OPENID of the claimer, once claimed. */
  claimedBy?: string;
  claimerName?: string;
  claimedAt?: number;
  /** The card the claimer received. */
  cardId?: string;
}

/**
 * A gift as stored. Its value always sits on a card in state `gifting` owned by the sender (the
 * gifted card itself, a card split off for it, or a group gift's pool card), so a return is that
 * card becoming usable again, and conservation never has to count value outside cards.
 */
export interface Gift {
  _id: string;
  sender: string;
  senderName: string;
  mode: GiftMode;
  shareMode: ShareMode;
  /** The card locked for the gift (for a group gift, the pool the shares are split off). */
  cardId: string;
  /** The card the gift was made from (the same as cardId for a whole-card gift). */
  sourceCardId: string;
  whole: boolean;
  brandId: string;
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  blessing: string;
  amount: Fen;
  shares: GiftShare[];
  /** Who has claimed (for "gifts I received"). */
  claimers: string[];
  /** What a claimer's new card inherits from the gifted one. */
  terms: { productId: string; kind: CardKind; expiresAt: number | null; transferLimit: number };
  claimedCount: number;
  claimedAmount: Fen;
  /** The transfer count a claimer's card gets. */
  transfersAfter: number;
  state: GiftState;
  createdAt: number;
  expiresAt: number;
  endedAt?: number;
  updatedAt: number;
  /** The scene of its 小程序码 (pages/claim/index?scene=…); absent on gifts made before codes existed. */
  scene?: string;
  /**
   * A group gift with its shares in their own documents (collection giftShares): how many. Its
   * `shares`, `claimers`, `claimedCount` and `claimedAmount` are then not kept on the gift (no claim
   * writes the gift, so claims never meet on one document); views derive them with `withShares`,
   * and the gift's end (return, cancel) writes the final counts.
   */
  shareCount?: number;
  /**
   * A gift in share documents: when a claimer first found every share taken. None is free again (a
   * share only ever leaves `free`), so later claimers are answered from the gift without reading
   * its shares — the crowd that opens a gift after its last share costs two reads each, not four.
   */
  sharesGoneAt?: number;
  /** Asked to be cancelled: the give-back that follows ends it `cancelled` rather than `returned`. */
  cancelRequested?: boolean;
  /**
   * A sealed gift (domain/sealed-gift.ts): claimable from this instant; its window (`expiresAt`)
   * runs from it. `opening` is `pending` until the gifts timer has told sender and watchers.
   */
  opensAt?: number;
  opening?: 'pending' | 'announced';
  /**
   * The gift's share card in WeChat (core/gifts/chat-card.ts): its activity id (updatable message)
   * and whether it is private — then it can be opened and claimed only from the chat it was sent to.
   */
  chat?: { activityId: string; private: boolean };
}

export type ShareState = 'free' | 'claimed' | 'returned';

/**
 * One share of a group gift, as stored: its value sits on its own card (same id), locked in state
 * `gifting` and owned by the sender until a claim moves the card to the claimer or the give-back
 * empties it onto the sender's returned card.
 */
export interface GiftShareDoc {
  _id: string;
  giftId: string;
  index: number;
  amount: Fen;
  state: ShareState;
  claimedBy?: string;
  claimerName?: string;
  claimedAt?: number;
  updatedAt: number;
}

/** What nobody has claimed of a gift: what its locked card holds, and what goes back to its sender. */
export function unclaimedAmount(g: Pick<Gift, 'amount' | 'claimedAmount'>): Fen {
  return subtractFen(g.amount, g.claimedAmount);
}

/**
 * The card a gift holds its value on (a whole card, a split-off card, a pool card made before share
 * documents) as the gift knows it, for a claim or a return to change without reading the card: the
 * sender's, locked, holding what nobody has claimed, changed last no later than the gift.
 */
export function heldCard(g: Gift): BalanceFields {
  return {
    _id: g.cardId,
    owner: g.sender,
    brandId: g.brandId,
    balance: unclaimedAmount(g),
    state: 'gifting',
    updatedAt: g.updatedAt,
  };
}

/** A group share's card as its share document knows it: the sender's, locked, holding the share. */
export function shareCard(g: Pick<Gift, 'sender' | 'brandId'>, share: GiftShareDoc): BalanceFields {
  return {
    _id: share._id,
    owner: g.sender,
    brandId: g.brandId,
    balance: share.amount,
    state: 'gifting',
    updatedAt: share.updatedAt,
  };
}

/** A group gift kept in share documents (see Gift.shareCount). */
export function hasShareDocs(g: Pick<Gift, 'mode' | 'shareCount'>): boolean {
  return g.mode === 'group' && g.shareCount !== undefined;
}

/**
 * The gift as views and rules see it, its shares and counts taken from its share documents. An
 * open gift's state follows its claims (partly or wholly claimed); an ended gift keeps its own.
 */
export function withShares(g: Gift, docs: readonly GiftShareDoc[]): Gift {
  const ordered = [...docs].sort((a, b) => a.index - b.index);
  const shares: GiftShare[] = ordered.map((d) => {
    const s: GiftShare = { amount: d.amount };
    if (d.state === 'claimed' && d.claimedBy !== undefined) {
      s.claimedBy = d.claimedBy;
      s.claimerName = d.claimerName ?? '';
      s.claimedAt = d.claimedAt ?? 0;
      s.cardId = d._id;
    }
    return s;
  });
  const claimed = shares.filter((s) => s.claimedBy !== undefined);
  const claimedCount = claimed.length;
  let state = g.state;
  if (OPEN_GIFT_STATES.includes(state) && claimedCount > 0)
    state = claimedCount === (g.shareCount ?? shares.length) ? 'claimed' : 'partlyClaimed';
  return {
    ...g,
    shares,
    claimers: claimed.map((s) => s.claimedBy!),
    claimedCount,
    claimedAmount: sumFen(claimed.map((s) => s.amount)),
    state,
  };
}

/**
 * The order in which a claimer tries the free shares: from a random one onwards, wrapping round, so
 * claimers arriving together start on different shares instead of all fighting for the first.
 */
export function shareTryOrder<T>(free: readonly T[], random: () => number): T[] {
  if (free.length === 0) return [];
  const start = Math.floor(random() * free.length) % free.length;
  return [...free.slice(start), ...free.slice(0, start)];
}

export type ClaimRefusal =
  | 'GIFT_SEALED'
  | 'OWN_GIFT'
  | 'GIFT_CANCELLED'
  | 'GIFT_EXPIRED'
  | 'GIFT_CLAIMED'
  | 'GIFT_ALL_CLAIMED'
  | 'GIFT_ALREADY_CLAIMED';

/** Why `claimer` can't claim from this gift now, or null. The window ends at its last moment. */
export function claimRefusal(
  gift: Pick<Gift, 'sender' | 'state' | 'expiresAt' | 'shares' | 'mode' | 'opensAt'>,
  claimer: string,
  now: number,
): ClaimRefusal | null {
  if (gift.sender === claimer) return 'OWN_GIFT';
  // A sealed gift opens at its time: cancelled or not, nothing about it is claimable before.
  if (isSealed(gift, now) && OPEN_GIFT_STATES.includes(gift.state)) return 'GIFT_SEALED';
  if (gift.shares.some((s) => s.claimedBy === claimer)) return 'GIFT_ALREADY_CLAIMED';
  if (gift.state === 'cancelled') return 'GIFT_CANCELLED';
  if (gift.state === 'claimed') return gift.mode === 'group' ? 'GIFT_ALL_CLAIMED' : 'GIFT_CLAIMED';
  if (!OPEN_GIFT_STATES.includes(gift.state) || now > gift.expiresAt) return 'GIFT_EXPIRED';
  return null;
}

/**
 * 手气最佳 of a 拼手气 group gift: the index of its largest share (the earliest claimed on a tie),
 * once every share is claimed — as WeChat shows it; -1 before, or for equal shares.
 */
export function bestShare(g: Pick<Gift, 'mode' | 'shareMode' | 'shares'>): number {
  if (g.mode !== 'group' || g.shareMode !== 'random' || g.shares.some((s) => s.claimedBy === undefined)) return -1;
  let best = -1;
  g.shares.forEach((s, i) => {
    const b = g.shares[best];
    if (!b || s.amount > b.amount || (s.amount === b.amount && (s.claimedAt ?? 0) < (b.claimedAt ?? 0))) best = i;
  });
  return best;
}

/** The first share nobody has claimed (group shares go in the order they were cut). */
export function nextShare(gift: Pick<Gift, 'shares'>): number {
  return gift.shares.findIndex((s) => s.claimedBy === undefined);
}

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
