/**
 * The `merchant` cloud function: the clerk's side of paying in store (look at a scanned pay code,
 * redeem an amount, reverse a redemption, today's history) and the operator's batch issue. Every
 * action is gated by the caller's staff role for the card's merchant.
 */
import { CARD_CAP } from '../domain/catalog';
import type { Fen } from '../domain/money';
import type { PayCodeStatus } from '../domain/redemption';
import type { SplitReceiptView } from './split-pay';
import type { ExpiryOperatorActions } from './expiry';
import type { OperatorActions } from './operator';
import type { ReportActions } from './reports';

export const MERCHANT_FUNCTION = 'merchant';

export const MERCHANT_LIMITS = {
  idMax: 64,
  requestIdMax: 64,
  /** A scanned QR payload or a typed code. */
  payInputMax: 64,
  /** One redemption at most: the largest card a product may sell. */
  amountMax: CARD_CAP,
  listMax: 100,
} as const;

export interface StaffStoreView {
  id: string;
  name: string;
  brandId: string;
  brandName: string;
}

export interface ClerkProfileView {
  name: string;
  role: 'clerk' | 'operator';
  stores: StaffStoreView[];
  /** Amounts above this wait for the holder's confirmation. */
  confirmAbove: Fen;
}

/** What the clerk sees of a scanned card before entering the amount. */
export interface ScannedCardView {
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  /** "•••• 7KQX" material: the card code's last 4 only. */
  last4: string;
  balance: Fen;
  expiresAt: number | null;
  /** The pay code stays valid until then. */
  codeExpiresAt: number;
  /** An offline code only: the most it may take now (what the day's offline cap has left). */
  offlineLeft?: Fen;
  now: number;
  /**
   * A split code: how many cards may pay and what they hold together, and the most WeChat Pay may be
   * asked for after them — the bill may be up to `balance + maxWechatPay`.
   */
  split?: { cards: number; balance: Fen; maxWechatPay: Fen };
}

/** A redemption as the clerk sees it. Its id is opaque to the clerk. */
export interface RedemptionView {
  id: string;
  status: PayCodeStatus;
  amount: Fen;
  /** The card's balance after it, once completed. */
  balanceAfter: Fen | null;
  storeName: string;
  clerkName: string;
  brandName: string;
  last4: string;
  usedAt: number;
  /** When the balance was debited (completed or reversed). */
  at: number | null;
  /** The holder confirms before then (pending only). */
  confirmBy: number | null;
  /** Can be reversed until then (completed only). */
  reversibleUntil: number | null;
  reversedAt: number | null;
  /** A split payment's receipt (cards, WeChat Pay part, total); absent for a one-card code. */
  split?: SplitReceiptView;
}

export interface RedemptionTotals {
  count: number;
  amount: Fen;
  reversedCount: number;
  reversedAmount: Fen;
  /** Redeemed minus reversed. */
  net: Fen;
}

export interface RedeemInput {
  /** The scanned QR payload, or the 16-digit code typed by the clerk. */
  payCode: string;
  storeId: string;
  /** At most the balance. */
  amount: Fen;
  /** The clerk's id for this redemption: a retry returns the same redemption. */
  requestId: string;
}

export interface IssuedCardView {
  cardNumber: string;
  pin: string;
  last4: string;
}

/** The clerk's actions (paying in store) and the batch issue. */
export interface ClerkActions {
  profile: { input: Record<string, never>; output: { profile: ClerkProfileView } };
  inspect: { input: { payCode: string; storeId: string }; output: { card: ScannedCardView } };
  redeem: { input: RedeemInput; output: { redemption: RedemptionView } };
  /** One redemption of mine or my merchant's, to follow a pending one. */
  redemption: { input: { id: string }; output: { redemption: RedemptionView } };
  reverse: { input: { id: string }; output: { redemption: RedemptionView } };
  /** My redemptions of one China calendar day (today when omitted), newest first, with totals. */
  history: {
    input: { day?: string };
    output: { day: string; redemptions: RedemptionView[]; totals: RedemptionTotals };
  };
  /**
   * Issues `count` cards in steps of at most 20; a retry with the same requestId (16–64 characters,
   * random) carries on where the last try stopped and lists the whole batch once it is complete.
   */
  issueBatch: {
    input: { productId: string; amount: Fen; count: number; requestId: string };
    output: { cards: IssuedCardView[] };
  };
}

/** Every action of the merchant function. */
export interface MerchantActions extends ClerkActions, OperatorActions, ReportActions, ExpiryOperatorActions {}
