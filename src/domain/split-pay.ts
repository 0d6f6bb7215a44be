/**
 * Split payment at the till: one pay code may spend several cards of one brand, in the order the
 * holder chose when the code was made, and ask WeChat Pay for what the cards don't cover. The cards
 * are debited at once; a redemption with a remainder (or above the confirmation threshold) waits for
 * the holder, who pays the remainder on their phone within the window — else every card debit is
 * given back. Pure rules here; time is a parameter.
 */
import type { Card } from './card';
import { mintRefusal } from './redemption';
import { fen, subtractFen, type Fen } from './money';

export interface SplitRules {
  /** Cards one pay code may spend (the opened card included). */
  maxCards: number;
  /** The most WeChat Pay may be asked for after the cards. */
  maxRemainderFen: Fen;
  /** How long a split redemption waits for the holder to pay the remainder (or confirm). */
  remainderTimeoutMs: number;
}

export const SPLIT_RULES: SplitRules = {
  maxCards: 5,
  maxRemainderFen: fen(200_000),
  remainderTimeoutMs: 2 * 60_000,
};

/** The hard ceiling of a request's card list, whatever a deployment sets (attack tests send more). */
export const SPLIT_CARDS_CEILING = 10;

type Payable = Pick<Card, '_id' | 'brandId' | 'state' | 'balance' | 'expiresAt'>;

/** The holder's other cards that could pay beside `opened`: usable, of its brand, least balance first. */
export function payableBeside<C extends Payable>(opened: Payable, wallet: readonly C[], now: number): C[] {
  return wallet
    .filter((c) => c._id !== opened._id && c.brandId === opened.brandId && mintRefusal(c, now) === null)
    .sort((a, b) => a.balance - b.balance || a._id.localeCompare(b._id));
}

/**
 * The cards that pay by default: the card opened, then the holder's other usable cards of its brand
 * with the least balance first (small leftovers are spent before a full card is broken into).
 */
export function defaultPayOrder(
  opened: Payable,
  wallet: readonly Payable[],
  now: number,
  rules = SPLIT_RULES,
): string[] {
  return [opened._id, ...payableBeside(opened, wallet, now).map((c) => c._id)].slice(0, rules.maxCards);
}

/** One card's share of a split bill, as recorded on the redemption and shown on the receipt. */
export interface SplitPart {
  cardId: string;
  last4: string;
  amount: Fen;
  balanceAfter: Fen;
}

/** Takes `bill` from the cards in their order, each as much as it holds; what is left is the remainder. */
export function allocateBill(
  cards: readonly Pick<Card, '_id' | 'balance'>[],
  bill: Fen,
): { parts: { cardId: string; amount: Fen }[]; remainder: Fen } {
  let left = bill;
  const parts: { cardId: string; amount: Fen }[] = [];
  for (const c of cards) {
    if (left === 0) break;
    const take = fen(Math.min(c.balance, left));
    if (take === 0) continue;
    parts.push({ cardId: c._id, amount: take });
    left = subtractFen(left, take);
  }
  return { parts, remainder: left };
}

/**
 * The WeChat Pay part of a split redemption: `unpaid` until WeChat Pay says paid; `refunding` once a
 * refund was asked (a reversal, or a payment that arrived after the card debits were given back),
 * then `refunded` or `refundFailed` (an operator's case) as WeChat Pay answers.
 */
export type RemainderState = 'unpaid' | 'paid' | 'refunding' | 'refunded' | 'refundFailed';

export interface RemainderPayment {
  outTradeNo: string;
  amount: Fen;
  state: RemainderState;
  transactionId?: string;
  paidAt?: number;
  refundNo?: string;
  refundRequestedAt?: number;
}

/** What a split pay code carries: the cards the holder chose, and once used, what each paid. */
export interface SplitFields {
  /** Set on every split code, so the poller finds the ones waiting without reading others. */
  kind?: 'split';
  /** The cards that may pay, in order (the opened card first), chosen when the code was made. */
  split?: { cardIds: string[] };
  parts?: SplitPart[];
  remainder?: RemainderPayment;
  /** The card debits were given back because the window passed (not declined by the holder). */
  lapsed?: boolean;
  givenBackAt?: number;
}

/** WeChat Pay's out_trade_no of a split redemption's remainder: `s` and the pay code (orders are `o…`). */
export const remainderTradeNo = (code: string): string => `s${code}`;
export const remainderRefundNo = (code: string): string => `Rs${code}`;

/** The pay code a remainder's trade number belongs to, or null for any other trade. */
export function codeOfRemainderTrade(outTradeNo: string): string | null {
  return /^s[1-9][0-9]{15}$/.test(outTradeNo) ? outTradeNo.slice(1) : null;
}

export function codeOfRemainderRefund(outRefundNo: string): string | null {
  return /^Rs[1-9][0-9]{15}$/.test(outRefundNo) ? outRefundNo.slice(2) : null;
}

export type SplitRefusal = 'REMAINDER_TOO_LARGE';

/** Whether the remainder a bill leaves may go to WeChat Pay. */
export function splitRefusal(remainder: Fen, rules = SPLIT_RULES): SplitRefusal | null {
  return remainder > rules.maxRemainderFen ? 'REMAINDER_TOO_LARGE' : null;
}
