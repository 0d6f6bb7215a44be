/**
 * The cards a gift makes — a card split off for a gift, a group gift's share cards, a share split off
 * a pool for its claimer, the card a group gift's unclaimed shares come back onto — are one card:
 * the gift's product, face and blessing, terms inherited from the card it was made from, a fresh
 * code, not refundable. Each is born by a GIFT_IN entry that records the value it starts with
 * (bornWith), never by a balance written by hand. Ids come from the caller (tokens.ts: built from the
 * gift's id, so never a cut-down copy of another card's).
 */
import { bornWith } from '../../../src/domain/balance-change';
import type { Card, CardState } from '../../../src/domain/card';
import type { Gift } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { fen, type Fen } from '../../../src/domain/money';
import { keyedHash, randomCode } from '../secrets';

export interface GiftCardBirth {
  id: string;
  owner: string;
  /** The transfer count the card carries: its source's, or one more once it has changed hands. */
  transfers: number;
  at: number;
  amount: Fen;
  /** The ledger reference of its GIFT_IN: the gift, or what its value came from. */
  ref: string;
  /** Born locked in the gift (`gifting`), or usable at once (`active`, the default). */
  state?: CardState;
  /** The gift it is locked in. */
  giftId?: string;
  /** Kept out of the sender's wallet list (a group gift's unclaimed share). */
  walletHidden?: true;
}

/** A card of `gift` born holding `b.amount`, and the GIFT_IN entry that gives it. */
export function bornGiftCard(gift: Gift, b: GiftCardBirth): { card: Card; entry: LedgerEntry } {
  const code = randomCode();
  const blank: Card = {
    _id: b.id,
    owner: b.owner,
    brandId: gift.brandId,
    brandName: gift.brandName,
    productId: gift.terms.productId,
    productName: gift.productName,
    kind: gift.terms.kind,
    face: gift.face,
    blessing: gift.blessing,
    state: 'active',
    balance: fen(0),
    initialValue: b.amount,
    paidValue: fen(0),
    bonusValue: fen(0),
    codeHash: keyedHash('code', code),
    last4: code.slice(-4),
    origin: 'gift',
    redeemed: fen(0),
    transfers: b.transfers,
    transferLimit: gift.terms.transferLimit,
    ...(b.giftId === undefined ? {} : { giftId: b.giftId }),
    ...(b.walletHidden === undefined ? {} : { walletHidden: b.walletHidden }),
    activatedAt: b.at,
    expiresAt: gift.terms.expiresAt,
    refundableUntil: null,
    updatedAt: b.at,
  };
  return bornWith(blank, { type: 'GIFT_IN', amount: b.amount, ref: b.ref, ...(b.state ? { state: b.state } : {}) });
}
