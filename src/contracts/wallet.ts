/**
 * The `wallet` cloud function: my cards, one card with its history, binding a card by card number
 * + PIN, and refunding an unused card.
 */
import type { CardKind } from '../domain/catalog';
import type { CardState, WalletGroup } from '../domain/card';
import type { LedgerType } from '../domain/ledger';

export const WALLET_FUNCTION = 'wallet';

export const WALLET_LIMITS = {
  idMax: 64,
  /** Card number as typed: 16 characters plus spaces or dashes. */
  cardNumberMax: 24,
  pinMax: 12,
} as const;

export interface CardView {
  _id: string;
  brandId: string;
  brandName: string;
  productId: string;
  productName: string;
  kind: CardKind;
  face: { id: string; name: string; image: string };
  blessing: string;
  state: CardState;
  group: WalletGroup;
  balance: number;
  initialValue: number;
  paidValue: number;
  bonusValue: number;
  last4: string;
  activatedAt: number;
  expiresAt: number | null;
  refundableUntil: number | null;
  /** Whether a refund may be asked now. */
  refundable: boolean;
}

export interface HistoryEntryView {
  _id: string;
  type: LedgerType;
  /** Signed change in fen. */
  amount: number;
  balanceAfter: number;
  at: number;
  /** Where: a store's name, or empty for online. */
  storeName: string;
}

export type RefundStatus = 'requested' | 'succeeded' | 'failed';

export interface RefundView {
  refundNo: string;
  cardId: string;
  orderId: string;
  /** Money going back: the card's paid value (bonus never). */
  amount: number;
  status: RefundStatus;
  requestedAt: number;
  completedAt?: number;
}

export interface WalletActions {
  list: {
    input: Record<string, never>;
    output: { cards: CardView[]; totalBalance: number; counts: Record<WalletGroup, number> };
  };
  detail: {
    input: { cardId: string };
    output: { card: CardView; history: HistoryEntryView[]; refund: RefundView | null };
  };
  bind: { input: { cardNumber: string; pin: string }; output: { card: CardView } };
  refund: { input: { cardId: string }; output: { card: CardView; refund: RefundView } };
}
