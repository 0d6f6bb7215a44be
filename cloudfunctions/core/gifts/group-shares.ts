/**
 * A group gift's shares, each its own document (giftShares) with its value on its own card, so that
 * claimers of different shares never write the same document: a claim writes only the share it
 * wins, that share's card, a ledger entry and the claimer's marker (claim-share.ts). Shares and
 * their cards are made by the send transaction; this module builds them and reads them back.
 */
import type { Card } from '../../../src/domain/card';
import { hasShareDocs, withShares, type Gift, type GiftShareDoc } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import type { Fen } from '../../../src/domain/money';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { keyedHash } from '../secrets';
import { bornGiftCard } from './gift-card';
import { giftShareCardId } from './tokens';

/** The claimer's marker of a gift: one id per person and gift, so a second claim can't be added. */
export function giftClaimId(giftId: string, claimer: string): string {
  return `${giftId}-by-${keyedHash('gift-claimer', claimer).slice(0, 24)}`;
}

export interface GiftClaimMarker {
  _id: string;
  giftId: string;
  claimer: string;
  shareId: string;
  at: number;
}

export interface ShareDocs {
  shares: GiftShareDoc[];
  cards: Card[];
  entries: LedgerEntry[];
}

/**
 * The shares of a group gift being sent: per share a document and a card locked in `gifting` (owned
 * by the sender, hidden from their wallet) born with the share's value by a GIFT_IN entry. The
 * source card's GIFT_OUT for the whole amount is written by the caller.
 */
export function buildShares(gift: Gift, source: Card, amounts: readonly Fen[], at: number): ShareDocs {
  const out: ShareDocs = { shares: [], cards: [], entries: [] };
  amounts.forEach((amount, index) => {
    const id = giftShareCardId(gift._id, index);
    out.shares.push({ _id: id, giftId: gift._id, index, amount, state: 'free', updatedAt: at });
    const born = bornGiftCard(gift, {
      id,
      owner: gift.sender,
      transfers: source.transfers,
      at,
      amount,
      ref: gift._id,
      state: 'gifting',
      giftId: gift._id,
      walletHidden: true,
    });
    out.cards.push(born.card);
    out.entries.push(born.entry);
  });
  return out;
}

/** Every share of a gift (at most 100: one bounded query), in the order they were cut. */
export async function loadShares(giftId: string): Promise<GiftShareDoc[]> {
  return rows<GiftShareDoc>(
    await getDatabase().collection(C.giftShares).where({ giftId }).orderBy('index', 'asc').limit(1000).get(),
  );
}

/** A gift with its shares and counts, read from its share documents when it keeps them there (≤ 100). */
export async function hydrated(gift: Gift): Promise<Gift> {
  return hasShareDocs(gift) ? withShares(gift, await loadShares(gift._id)) : gift;
}

/** The ids of a gift's shares nobody has claimed, read outside any transaction (a hint, re-checked). */
export async function freeShareIds(giftId: string): Promise<string[]> {
  return rows<Pick<GiftShareDoc, '_id'>>(
    await getDatabase()
      .collection(C.giftShares)
      .where({ giftId, state: 'free' })
      .orderBy('index', 'asc')
      .limit(1000)
      .field({ _id: true })
      .get(),
  ).map((s) => s._id);
}
