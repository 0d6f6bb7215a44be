/** The receipt of a split payment at the till, the same for the clerk and the holder (issue 22). */
import type { Fen } from '../domain/money';
import type { RemainderState } from '../domain/split-pay';

export interface SplitReceiptView {
  /** Each card that paid, in order: its part and its balance after. */
  cards: { last4: string; amount: Fen; balanceAfter: Fen }[];
  /** What WeChat Pay was asked for (0 when the cards covered the bill), and where that payment is. */
  wechatPay: Fen;
  wechatPayState: RemainderState | null;
  /** The bill: the cards' parts and the WeChat Pay part. */
  total: Fen;
  /** The card debits were given back (declined, or the window passed unpaid). */
  givenBack: boolean;
}

/** The holder's choice of cards for a split code: the others of the brand, in the order they pay. */
export const SPLIT_LIMITS = { payWithMax: 9 } as const;
