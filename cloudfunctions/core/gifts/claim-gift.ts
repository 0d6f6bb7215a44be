/**
 * Claiming, in one transaction on the gift: exactly one claimer wins each share, because every
 * claim writes the gift and only one open transaction may write it (the first writer wins). A
 * single gift's card changes hands (a TRANSFER entry for the new holder); a group share is split
 * off the pool card into a new card for the claimer (GIFT_OUT on the pool, GIFT_IN on the new card). Everything a claim needs is on the gift,
 * so it reads nothing else: 6 database calls for a single gift, 7 for a share, start and commit in.
 */
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { claimRefusal, nextShare, type Gift, type GiftShare } from '../../../src/domain/gift';
import { entryTime, type LedgerEntry } from '../../../src/domain/ledger';
import type { Fen } from '../../../src/domain/money';
import { C } from '../collections';
import { keyedHash, randomCode } from '../secrets';
import { refuse, transaction, txAdd, txAddMany, txGet, txUpdate, type Tx } from '../tx';
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
      claimedAmount: (gift.claimedAmount + share.amount) as Fen,
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
  await txUpdate(tx, C.cards, gift.cardId, {
    owner: claimer,
    state: 'active',
    transfers: gift.transfersAfter,
    face: gift.face,
    blessing: gift.blessing,
    updatedAt: now,
  });
  const entry: LedgerEntry = {
    _id: `${gift.cardId}-to-${gift._id}`,
    cardId: gift.cardId,
    owner: claimer,
    brandId: gift.brandId,
    type: 'TRANSFER',
    amount: 0,
    balanceAfter: gift.amount,
    at: now,
    ref: gift._id,
  };
  await txAdd(tx, C.ledger, entry);
  return gift.cardId;
}

const shareNo = (index: number): string => String(index + 1).padStart(2, '0');

/** A group share: cut off the pool card (locked, so its balance is what the gift says is left). */
async function splitShare(tx: Tx, gift: Gift, index: number, claimer: string, now: number): Promise<string> {
  const share = gift.shares[index]!;
  const poolLeft = (gift.amount - gift.claimedAmount - share.amount) as Fen;
  const code = randomCode();
  const card: Card = {
    _id: giftShareCardId(gift._id, index),
    owner: claimer,
    brandId: gift.brandId,
    brandName: gift.brandName,
    productId: gift.terms.productId,
    productName: gift.productName,
    kind: gift.terms.kind,
    face: gift.face,
    blessing: gift.blessing,
    state: 'active',
    balance: share.amount,
    initialValue: share.amount,
    paidValue: 0 as Fen,
    bonusValue: 0 as Fen,
    codeHash: keyedHash('code', code),
    last4: code.slice(-4),
    origin: 'gift',
    redeemed: 0 as Fen,
    transfers: gift.transfersAfter,
    transferLimit: gift.terms.transferLimit,
    activatedAt: now,
    expiresAt: gift.terms.expiresAt,
    refundableUntil: null,
    updatedAt: now,
  };
  const entries: LedgerEntry[] = [
    {
      _id: `${gift.cardId}-out-s${shareNo(index)}`,
      cardId: gift.cardId,
      owner: gift.sender,
      brandId: gift.brandId,
      type: 'GIFT_OUT',
      amount: -share.amount,
      balanceAfter: poolLeft,
      at: now,
      ref: gift._id,
    },
    {
      _id: `${card._id}-in`,
      cardId: card._id,
      owner: claimer,
      brandId: gift.brandId,
      type: 'GIFT_IN',
      amount: share.amount,
      balanceAfter: share.amount,
      at: now,
      ref: gift._id,
    },
  ];
  await txUpdate(tx, C.cards, gift.cardId, {
    balance: poolLeft,
    state: poolLeft === 0 ? 'used' : 'gifting',
    updatedAt: now,
  });
  await txAdd(tx, C.cards, card);
  await txAddMany(tx, C.ledger, entries);
  return card._id;
}
