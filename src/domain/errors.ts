/**
 * Stable error codes shared by the cloud functions and the UI. A code never changes meaning once
 * shipped; the UI maps each to a Chinese message in its strings table.
 */
export const ErrorCode = {
  /** Input failed validation: wrong type, range, unknown field, oversized string, operator object. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** The `action` is not one the function knows. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** No such thing, or the caller may not know whether it exists. */
  NOT_FOUND: 'NOT_FOUND',
  /** No verified identity. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Identity known, role or ownership missing. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many attempts; try later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A concurrent change won; the caller may retry. */
  CONFLICT: 'CONFLICT',
  /** The product is not on sale. */
  OFF_SALE: 'OFF_SALE',
  /** Not one of the product's denominations nor inside its custom range and the kind's cap. */
  AMOUNT_NOT_ALLOWED: 'AMOUNT_NOT_ALLOWED',
  /** Not enough stock left. */
  SOLD_OUT: 'SOLD_OUT',
  /** The day's purchases reach the real-name threshold: name and id number are needed. */
  REAL_NAME_REQUIRED: 'REAL_NAME_REQUIRED',
  /** The same request id was used before with different choices. */
  IDEMPOTENCY_MISMATCH: 'IDEMPOTENCY_MISMATCH',
  /** The order is no longer waiting for payment (paid or closed). */
  ORDER_NOT_PENDING: 'ORDER_NOT_PENDING',
  /** The payment system refused or failed; nothing was charged. */
  PAYMENT_FAILED: 'PAYMENT_FAILED',
  /** Card number + PIN binding failed. One code for every cause, so it reveals nothing. */
  BIND_FAILED: 'BIND_FAILED',
  /** Refund refusals, each with its own code. */
  CARD_USED: 'CARD_USED',
  CARD_GIFTED: 'CARD_GIFTED',
  REFUND_WINDOW_PASSED: 'REFUND_WINDOW_PASSED',
  NOT_REFUNDABLE: 'NOT_REFUNDABLE',
  CARD_NOT_ACTIVE: 'CARD_NOT_ACTIVE',
  /** Gifting refusals. */
  CARD_EXPIRED: 'CARD_EXPIRED',
  TRANSFER_LIMIT: 'TRANSFER_LIMIT',
  GIFT_DAILY_LIMIT: 'GIFT_DAILY_LIMIT',
  /** Claim refusals, each with its own screen. */
  OWN_GIFT: 'OWN_GIFT',
  GIFT_CLAIMED: 'GIFT_CLAIMED',
  GIFT_ALL_CLAIMED: 'GIFT_ALL_CLAIMED',
  GIFT_ALREADY_CLAIMED: 'GIFT_ALREADY_CLAIMED',
  GIFT_EXPIRED: 'GIFT_EXPIRED',
  GIFT_CANCELLED: 'GIFT_CANCELLED',
  /** A private gift opened from a chat other than the one it was sent to (or outside WeChat). */
  GIFT_PRIVATE: 'GIFT_PRIVATE',
  /** A sealed gift before its opening. */
  GIFT_SEALED: 'GIFT_SEALED',
  /** The gift was already claimed, returned or cancelled: there is nothing to cancel. */
  GIFT_NOT_CANCELLABLE: 'GIFT_NOT_CANCELLABLE',
  /** A claimer thanks a gift's sender once. */
  THANKS_ALREADY_SENT: 'THANKS_ALREADY_SENT',
  /** Pay code refusals. Malformed, tampered and unknown codes all get PAY_CODE_INVALID. */
  PAY_CODE_INVALID: 'PAY_CODE_INVALID',
  PAY_CODE_EXPIRED: 'PAY_CODE_EXPIRED',
  PAY_CODE_USED: 'PAY_CODE_USED',
  /** The card belongs to another merchant than the clerk's store. */
  WRONG_MERCHANT: 'WRONG_MERCHANT',
  /** The amount is more than the card's balance. */
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  /** The holder declined the amount on their screen. */
  PAY_DECLINED: 'PAY_DECLINED',
  /**
   * Offline pay code refusals (domain/offline-code.ts): that window's code was spent already, its
   * window is more than one period away, the card's offline cap for the day would be passed (an
   * online code is needed), the key was revoked (or the card changed hands), the key is not known.
   */
  OFFLINE_CODE_REPLAYED: 'OFFLINE_CODE_REPLAYED',
  OFFLINE_CODE_EXPIRED: 'OFFLINE_CODE_EXPIRED',
  OFFLINE_CAP_EXCEEDED: 'OFFLINE_CAP_EXCEEDED',
  OFFLINE_KEY_REVOKED: 'OFFLINE_KEY_REVOKED',
  OFFLINE_KEY_UNKNOWN: 'OFFLINE_KEY_UNKNOWN',
  /** Split payment: more cards chosen than one bill may spend (a setting). */
  SPLIT_TOO_MANY_CARDS: 'SPLIT_TOO_MANY_CARDS',
  /** Split payment: a chosen card is not the holder's usable card of the same brand. */
  SPLIT_CARD_INVALID: 'SPLIT_CARD_INVALID',
  /** Split payment: after the cards, more is left than WeChat Pay may be asked for (a setting). */
  REMAINDER_TOO_LARGE: 'REMAINDER_TOO_LARGE',
  /** Split payment: the holder confirmed before WeChat Pay said the remainder was paid. */
  REMAINDER_UNPAID: 'REMAINDER_UNPAID',
  /** Reversal refusals: not a completed redemption, or too late. */
  NOT_REVERSIBLE: 'NOT_REVERSIBLE',
  REVERSAL_WINDOW_PASSED: 'REVERSAL_WINDOW_PASSED',
  /** A compliance review is decided once: it was already cleared or reported. */
  REVIEW_DECIDED: 'REVIEW_DECIDED',
  /** A CSV export would hold more rows than allowed (5,000): nothing was exported, narrow the dates. */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  /** A CSV export spans more China days than allowed (92). */
  EXPORT_RANGE_TOO_LONG: 'EXPORT_RANGE_TOO_LONG',
  /** A product breaks one of the product rules (domain/product-rules.ts); the message names the rule. */
  PRODUCT_INVALID: 'PRODUCT_INVALID',
  /** A product with unlimited stock has no stock to adjust. */
  STOCK_UNLIMITED: 'STOCK_UNLIMITED',
  /** The stock change would take the stock below zero. */
  STOCK_TOO_LOW: 'STOCK_TOO_LOW',
  /** A clerk invite code is unknown, used, revoked or expired: one code for every cause. */
  INVITE_INVALID: 'INVITE_INVALID',
  /** An extension was asked for a card that has not expired, or lost nothing when it did. */
  NOT_EXPIRED: 'NOT_EXPIRED',
  /** The extension request was already approved or declined: a decision is made once. */
  EXTENSION_DECIDED: 'EXTENSION_DECIDED',
  /** Something failed on our side; nothing was changed. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/** An expected failure of a use case, carried to the envelope as `{ code, message }`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
