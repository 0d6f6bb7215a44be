/**
 * A group gift's end (window over, or cancelled): every share nobody claimed gives its value back to
 * the sender. The gift is first taken out of reach of new claims (state `returning`, by the sweep's
 * bulk take or the cancel's transaction); then the free shares are returned a chunk per transaction,
 * each share's card emptied (GIFT_OUT) onto one returned card in the sender's wallet (GIFT_IN), the
 * share marked `returned`; last, the gift gets its final state and counts.
 *
 * One returned card rather than each share card handed back: a 100-share gift would otherwise drop up
 * to 100 small cards into the sender's wallet; the sender gave one amount and gets one back. The
 * emptied share cards stay hidden from the wallet (walletHidden).
 *
 * A claim in flight writes the share it wants; so does the give-back: the first writer wins and the
 * other conflicts and re-reads, so each share ends claimed or returned, never both. Every step is
 * idempotent (a share already returned or claimed is skipped, the final update is conditional), so a
 * run cut off anywhere is finished by the next sweep, which picks up gifts left `returning`.
 * A chunk is ~4 + 3·25 calls ≈ 0.65 s at ~8 ms a call, far inside the 30 s transaction limit.
 */
import type { Card } from '../../../src/domain/card';
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import { shareCard, withShares, type Gift, type GiftShareDoc, type GiftState } from '../../../src/domain/gift';
import { entryTime, type LedgerEntry } from '../../../src/domain/ledger';
import { addFen, sumFen } from '../../../src/domain/money';
import { getDatabase } from '../cloud';
import { C } from '../collections';
import { transaction, txAdd, txAddMany, txGet, txUpdate, type Tx } from '../tx';
import { bornGiftCard } from './gift-card';
import { freeShareIds, loadShares } from './group-shares';

export const RETURN_CHUNK = 25;

/** Returns every free share of a gift already `returning`, then ends it. Answers the ended gift, hydrated. */
export async function finishGroupReturn(gift: Gift, now: number): Promise<Gift> {
  for (;;) {
    const free = await freeShareIds(gift._id);
    if (free.length === 0) break;
    for (let i = 0; i < free.length; i += RETURN_CHUNK) {
      const ids = free.slice(i, i + RETURN_CHUNK);
      await transaction((tx) => returnChunk(tx, gift, ids, now));
    }
  }
  const shares = await loadShares(gift._id);
  const counted = withShares({ ...gift, state: 'open' }, shares);
  const returned = shares.filter((s) => s.state === 'returned').length;
  const state: GiftState =
    gift.cancelRequested === true && counted.claimedCount === 0 ? 'cancelled' : returned === 0 ? 'claimed' : 'returned';
  const patch = {
    state,
    claimedCount: counted.claimedCount,
    claimedAmount: counted.claimedAmount,
    endedAt: now,
    updatedAt: now,
  };
  await getDatabase().collection(C.gifts).where({ _id: gift._id, state: 'returning' }).update({ data: patch });
  return { ...counted, ...patch };
}

async function returnChunk(tx: Tx, gift: Gift, ids: readonly string[], now: number): Promise<number> {
  const stored = await txGet<Card>(tx, C.cards, gift.cardId);
  const shares: GiftShareDoc[] = [];
  for (const id of [...ids].sort()) {
    const share = await txGet<GiftShareDoc>(tx, C.giftShares, id);
    if (share && share.state === 'free') shares.push(share);
  }
  if (shares.length === 0) return 0;
  let back = stored;
  const entries: LedgerEntry[] = [];
  for (const share of shares) {
    // Each pair at one time after the last change of both cards: a history sorted by time shows
    // the returns in the order written.
    const at = Math.max(entryTime(now, back?.updatedAt ?? 0), entryTime(now, share.updatedAt));
    const out = changeBalance(shareCard(gift, share), { type: 'GIFT_OUT', amount: -share.amount, ref: gift._id }, at);
    // The returned card is born with the first share it takes back; the rest add to it.
    const into = back
      ? changeBalance(back, { type: 'GIFT_IN', amount: share.amount, ref: share._id }, at)
      : bornGiftCard(gift, {
          id: gift.cardId,
          owner: gift.sender,
          // The value never changed hands: the count is the source card's.
          transfers: gift.transfersAfter - 1,
          at,
          amount: share.amount,
          ref: share._id,
        });
    back = into.card;
    await txUpdate(tx, C.giftShares, share._id, { state: 'returned', updatedAt: at });
    await txUpdate(tx, C.cards, share._id, balancePatch(out.card));
    entries.push(out.entry, into.entry);
  }
  const returned = sumFen(shares.map((s) => s.amount));
  if (stored) {
    await txUpdate(tx, C.cards, stored._id, {
      ...balancePatch(back!),
      initialValue: addFen(stored.initialValue, returned),
    });
  } else {
    await txAdd(tx, C.cards, { ...back!, initialValue: returned });
  }
  await txAddMany(tx, C.ledger, entries);
  return shares.length;
}
