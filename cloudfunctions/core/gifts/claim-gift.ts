/**
 * Claiming, in one transaction on the gift: exactly one claimer wins each share, because every
 * claim writes the gift and only one open transaction may write it (the first writer wins). A
 * single gift's card changes hands (a TRANSFER entry for the new holder); a group share is split
 * off the pool card into a new card for the claimer (GIFT_OUT on the pool, GIFT_IN on the new card),
 * all through the one balance change (balance-change.ts). Everything a claim needs is on the gift, so
 * it reads nothing else: 6 database calls for a single gift, 7 for a share, start and commit in.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import { ErrorCode } from '../../../src/domain/errors';
import { claimRefusal, heldCard, nextShare, type Gift, type GiftShare } from '../../../src/domain/gift';
import { entryTime } from '../../../src/domain/ledger';
import { addFen, type Fen } from '../../../src/domain/money';
import { C } from '../collections';
import { refuse, transaction, txAdd, txAddMany, txGet, txUpdate, type Tx } from '../tx';
import { bornGiftCard } from './gift-card';
import { giftShareCardId } from './tokens';

export interface Claimed {
  gift: Gift;
  cardId: string;
  amount: Fen;
}

export async function claimGift(claimer: string, claimerName: string, giftId: string, clock: number): Promise<Claimed> {
  return transaction(async (tx) => {
    const gift = await txGet<Gift>(tx, C.gifts, giftId);
    if (!gift) return refuse(ErrorCode.NOT_FOUND, 'gift not found');
    const refusal = claimRefusal(gift, claimer, clock);
    if (refusal) return refuse(ErrorCode[refusal], `cannot claim: ${refusal.toLowerCase()}`);
    // The gift's card changed last with the gift, so this orders the claim after it.
    const now = entryTime(clock, gift.updatedAt);
    const index = nextShare(gift);
    const share = gift.shares[index]!;
    const cardId =
      gift.mode === 'single' ? await moveCard(tx, gift, claimer, now) : await splitShare(tx, gift, index, claimer, now);
    const claimedCount = gift.claimedCount + 1;
    const done = claimedCount === gift.shares.length;
    const claimed: GiftShare = { ...share, claimedBy: claimer, claimerName, claimedAt: now, cardId };
    const patch: Partial<Gift> = {
      shares: gift.shares.map((s, i) => (i === index ? claimed : s)),
      claimers: [...gift.claimers, claimer],
      claimedCount,
      claimedAmount: addFen(gift.claimedAmount, share.amount),
      state: done ? 'claimed' : 'partlyClaimed',
      updatedAt: now,
    };
    if (done) patch.endedAt = now;
    await txUpdate(tx, C.gifts, gift._id, patch);
    return { gift: { ...gift, ...patch }, cardId, amount: share.amount };
  });
}

/** A single gift: the locked card itself goes to the claimer, wearing the gift's face and blessing. */
async function moveCard(tx: Tx, gift: Gift, claimer: string, now: number): Promise<string> {
  const { card, entry } = changeBalance(
    heldCard(gift),
    { type: 'TRANSFER', amount: 0, ref: gift._id, owner: claimer, state: 'active' },
    now,
  );
  await txUpdate(tx, C.cards, card._id, {
    ...balancePatch(card),
    owner: claimer,
    transfers: gift.transfersAfter,
    face: gift.face,
    blessing: gift.blessing,
  });
  await txAdd(tx, C.ledger, entry);
  return card._id;
}

/**
 * A share of a group gift made before share documents: cut off the pool card (locked, so its balance
 * is what the gift says is left; emptied by the last share, it is used up) into a card born for the
 * claimer. The pool's entry names the share it gave, so each share's entry has its own id.
 */
async function splitShare(tx: Tx, gift: Gift, index: number, claimer: string, now: number): Promise<string> {
  const share = gift.shares[index]!;
  const shareCardId = giftShareCardId(gift._id, index);
  const { card: pool, entry: out } = changeBalance(
    heldCard(gift),
    { type: 'GIFT_OUT', amount: -share.amount, ref: shareCardId },
    now,
  );
  const born = bornGiftCard(gift, {
    id: shareCardId,
    owner: claimer,
    transfers: gift.transfersAfter,
    at: out.at,
    amount: share.amount,
    ref: gift._id,
  });
  await txUpdate(tx, C.cards, pool._id, balancePatch(pool));
  await txAdd(tx, C.cards, born.card);
  await txAddMany(tx, C.ledger, [out, born.entry]);
  return born.card._id;
}
