/**
 * Sending a gift, in one transaction: the sender's count for the China day is checked and raised
 * (so concurrent sends can't pass the daily limit), and the gifted value is locked on a card in
 * state `gifting` — the card itself for a whole-card gift, or a new card split off it (GIFT_OUT on
 * the source, GIFT_IN on the new card, both in the same step). A group gift is cut into shares in the
 * same transaction: the source's GIFT_OUT, and per share a document and a locked card with its GIFT_IN
 * (group-shares.ts), so no claim ever has to split anything off a shared pool. The gift's id comes
 * from the sender's request id: a retried send finds the gift it made instead of making a second.
 *
 * The send stays one transaction even at 100 shares because the shares, their cards and their
 * entries each go in one `add` of many documents: about 10 calls (start, 2 reads, the source's
 * update, 4 adds, the day's count, commit) ≈ 80 ms at ~8 ms a call. Even a platform taking those adds
 * one document at a time would make it ~310 calls ≈ 2.5 s, well inside the 30 s limit, so there is no
 * need for a chunked, resumable send — and a gift is never seen before all its shares exist.
 */
import type { Card } from '../../../src/domain/card';
import type { CardProduct } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { giftRefusal, splitShares, type Gift, type GiftRules } from '../../../src/domain/gift';
import { balancePatch, changeBalance, moveState } from '../../../src/domain/balance-change';
import { entryTime } from '../../../src/domain/ledger';
import { fen } from '../../../src/domain/money';
import { chinaDay } from '../../../src/domain/rules';
import type { SendGiftInput } from '../../../src/contracts/gifts';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { keyedHash } from '../secrets';
import { refuse, transaction, txAdd, txAddMany, txGet, txSet, txUpdate, type Refusal, type Tx } from '../tx';
import { bornGiftCard } from './gift-card';
import { giftScene } from './scene';
import { buildShares } from './group-shares';
import { giftBackCardId, giftIdFor, giftPoolCardId } from './tokens';

/** A sender's gifts of one China day. */
export interface GiftDay {
  _id: string;
  sender: string;
  day: string;
  count: number;
}

export function giftDayId(sender: string, day: string): string {
  return `${day}-${keyedHash('gift-day', sender).slice(0, 24)}`;
}

type Face = Gift['face'];

/** Gifts the sender may still make on the China day of `at`. */
export async function giftsLeftToday(sender: string, at: number, rules: GiftRules): Promise<number> {
  const day = rows<GiftDay>(
    await getDatabase()
      .collection(C.giftDays)
      .where({ _id: giftDayId(sender, chinaDay(at)) })
      .get(),
  )[0];
  return Math.max(0, rules.dailyLimit - (day?.count ?? 0));
}

export interface SentGift {
  gift: Gift;
  giftsLeftToday: number;
}

export async function sendGift(sender: string, input: SendGiftInput, now: number, rules: GiftRules): Promise<SentGift> {
  const id = giftIdFor(sender, input.requestId);
  const face = input.faceId === undefined ? undefined : await chosenFace(sender, input.cardId, input.faceId);
  try {
    return await transaction((tx) => writeGift(tx, id, sender, input, face, now, rules));
  } catch (e) {
    // Sent before under this request id: its insert failed, or the card is now locked in it.
    const existing = rows<Gift>(await getDatabase().collection(C.gifts).where({ _id: id, sender }).limit(1).get())[0];
    if (!existing) throw e;
    if (existing.sourceCardId !== input.cardId || existing.mode !== input.mode) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_MISMATCH, 'this request id was used for a different gift');
    }
    return { gift: existing, giftsLeftToday: await giftsLeftToday(sender, now, rules) };
  }
}

/** Another face of the card's own product. */
async function chosenFace(sender: string, cardId: string, faceId: string): Promise<Face> {
  const db = getDatabase();
  const card = rows<Card>(await db.collection(C.cards).where({ _id: cardId, owner: sender }).limit(1).get())[0];
  if (!card) throw new DomainError(ErrorCode.NOT_FOUND, 'card not found');
  if (card.face.id === faceId) return card.face;
  const product = rows<CardProduct>(await db.collection(C.products).where({ _id: card.productId }).limit(1).get())[0];
  const face = product?.faces.find((f) => f.id === faceId);
  if (!face) throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'faceId: not a face of this card');
  return { id: face.id, name: face.name, image: face.image };
}

const GIFT_REFUSALS = {
  CARD_NOT_ACTIVE: ErrorCode.CARD_NOT_ACTIVE,
  CARD_EXPIRED: ErrorCode.CARD_EXPIRED,
  TRANSFER_LIMIT: ErrorCode.TRANSFER_LIMIT,
  AMOUNT_NOT_ALLOWED: ErrorCode.AMOUNT_NOT_ALLOWED,
} as const;

async function writeGift(
  tx: Tx,
  id: string,
  sender: string,
  input: SendGiftInput,
  face: Face | undefined,
  now: number,
  rules: GiftRules,
): Promise<SentGift | Refusal> {
  const day = chinaDay(now);
  const dayId = giftDayId(sender, day);
  const sentToday = (await txGet<GiftDay>(tx, C.giftDays, dayId))?.count ?? 0;
  if (sentToday >= rules.dailyLimit) {
    return refuse(ErrorCode.GIFT_DAILY_LIMIT, `at most ${rules.dailyLimit} gifts a day`);
  }
  const card = await txGet<Card>(tx, C.cards, input.cardId);
  if (!card || card.owner !== sender) return refuse(ErrorCode.NOT_FOUND, 'card not found');
  // Every write on the card and its entries comes after the card's last change.
  const at = entryTime(now, card.updatedAt);
  const amount = input.amount ?? card.balance;
  const refusal = giftRefusal(card, amount, now);
  if (refusal) return refuse(GIFT_REFUSALS[refusal], `this card cannot be gifted: ${refusal.toLowerCase()}`);
  const shareCount = input.mode === 'group' ? (input.shares ?? 0) : 1;
  if (amount < shareCount) return refuse(ErrorCode.AMOUNT_NOT_ALLOWED, 'every share needs at least ¥0.01');
  const whole = input.mode === 'single' && amount === card.balance;
  const group = input.mode === 'group';
  const shareMode = input.shareMode ?? 'equal';
  const giftFace = face ?? card.face;
  const amounts = splitShares(amount, shareCount, shareMode, Math.random);

  const gift: Gift = {
    _id: id,
    sender,
    scene: giftScene(id),
    ...(group ? { shareCount } : {}),
    senderName: input.senderName,
    mode: input.mode,
    shareMode,
    // A group gift's unclaimed shares come back onto one card, made at its end.
    cardId: whole ? card._id : group ? giftBackCardId(id) : giftPoolCardId(id),
    sourceCardId: card._id,
    whole,
    brandId: card.brandId,
    brandName: card.brandName,
    productName: card.productName,
    face: giftFace,
    blessing: input.blessing,
    amount,
    // A group gift's shares live in their own documents.
    shares: group ? [] : amounts.map((a) => ({ amount: a })),
    claimers: [],
    terms: {
      productId: card.productId,
      kind: card.kind,
      expiresAt: card.expiresAt,
      transferLimit: card.transferLimit,
    },
    claimedCount: 0,
    claimedAmount: fen(0),
    transfersAfter: card.transfers + 1,
    state: 'open',
    createdAt: now,
    // A sealed gift's window starts at its opening.
    expiresAt: (input.opensAt ?? now) + rules.claimWindowMs,
    updatedAt: at,
    ...(input.opensAt !== undefined ? { opensAt: input.opensAt, opening: 'pending' as const } : {}),
  };

  if (whole) {
    const locked = moveState(card, 'gifting', now);
    await txUpdate(tx, C.cards, card._id, { ...balancePatch(locked), giftId: id });
  } else {
    // The value leaves the source card (GIFT_OUT) and is born on the gift's cards (GIFT_IN): one
    // card for a single gift, one per share (each its own document) for a group gift.
    const { card: rest, entry: out } = changeBalance(card, { type: 'GIFT_OUT', amount: -amount, ref: id }, now);
    await txUpdate(tx, C.cards, card._id, balancePatch(rest));
    if (group) {
      const made = buildShares(gift, card, amounts, at);
      await txAddMany(tx, C.cards, made.cards);
      await txAddMany(tx, C.ledger, [out, ...made.entries]);
      await txAddMany(tx, C.giftShares, made.shares);
    } else {
      const born = bornGiftCard(gift, {
        id: gift.cardId,
        owner: sender,
        transfers: card.transfers,
        at,
        amount,
        ref: id,
        state: 'gifting',
        giftId: id,
      });
      await txAdd(tx, C.cards, born.card);
      await txAddMany(tx, C.ledger, [out, born.entry]);
    }
  }
  await txAdd(tx, C.gifts, gift);
  await txSet<GiftDay>(tx, C.giftDays, { _id: dayId, sender, day, count: sentToday + 1 });
  return { gift, giftsLeftToday: rules.dailyLimit - sentToday - 1 };
}
