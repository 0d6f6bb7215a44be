/** Cards and their history as the client sees them: never the code hash or PIN hash. */
import { refundRefusal, walletGroup, type Card } from '../../../src/domain/card';
import type { LedgerEntry } from '../../../src/domain/ledger';
import type { CardView, HistoryEntryView, RefundView } from '../../../src/contracts/wallet';

export interface RefundRecord extends RefundView {
  _id: string;
  owner: string;
  /** The card's brand, so its operator's figures can count refunds. */
  brandId: string;
  outTradeNo: string;
  totalFee: number;
}

export function toCardView(card: Card, now: number): CardView {
  return {
    _id: card._id,
    brandId: card.brandId,
    brandName: card.brandName,
    productId: card.productId,
    productName: card.productName,
    kind: card.kind,
    face: card.face,
    blessing: card.blessing,
    state: card.state,
    group: walletGroup(card.state),
    balance: card.balance,
    initialValue: card.initialValue,
    paidValue: card.paidValue,
    bonusValue: card.bonusValue,
    last4: card.last4,
    activatedAt: card.activatedAt,
    expiresAt: card.expiresAt,
    refundableUntil: card.refundableUntil,
    refundable: refundRefusal(card, now) === null,
    transfersLeft: Math.max(0, card.transferLimit - card.transfers),
    fromGift: card.origin === 'gift' || card.transfers > 0,
  };
}

export function toHistoryView(e: LedgerEntry): HistoryEntryView {
  return {
    _id: e._id,
    type: e.type,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    at: e.at,
    storeName: e.storeName ?? '',
  };
}

export function toRefundView(r: RefundRecord): RefundView {
  const view: RefundView = {
    refundNo: r.refundNo,
    cardId: r.cardId,
    orderId: r.orderId,
    amount: r.amount,
    status: r.status,
    requestedAt: r.requestedAt,
  };
  if (r.completedAt !== undefined) view.completedAt = r.completedAt;
  return view;
}
