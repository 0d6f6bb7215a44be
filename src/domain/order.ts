/**
 * Orders for cards: the pure rules of a purchase — what may be bought, the price, when the
 * real-name threshold and the large-amount record apply, when an unpaid order closes — and the
 * validity a new card gets.
 */
import { acceptsAmount, type CardFace, type CardProduct, type ValidityRule } from './catalog';
import { ErrorCode } from './errors';
import { multiplyFen, type Fen } from './money';
import { CHINA_OFFSET_MS, type PurchaseRules } from './rules';
import type { GiftPlan } from './gift-plan';
import type { StockTake } from './stock';

export const ORDER_STATUSES = ['pending', 'paid', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderPurpose = 'self' | 'gift';
export type CloseReason = 'timeout' | 'cancelled';

/**
 * WeChat Pay refuses to close a payment in its first 5 minutes (closeorder: 最短调用时间间隔为5分钟): a
 * cancel asked sooner closes the order once this has passed. WeChat's rule, not a setting of ours.
 */
export const WECHAT_PAY_CLOSE_AFTER_MS = 5 * 60_000;

export interface Order {
  _id: string;
  owner: string;
  /** The client's request id: a retry with the same id returns this order. */
  requestId: string;
  productId: string;
  productName: string;
  brandId: string;
  brandName: string;
  face: Pick<CardFace, 'id' | 'name' | 'image'>;
  /** Value of one card, fen. */
  amount: Fen;
  quantity: number;
  /** What the buyer pays: amount × quantity. */
  total: Fen;
  /** Bonus value each card gets on top, never refundable. */
  bonusPerCard: Fen;
  blessing: string;
  purpose: OrderPurpose;
  /** With purpose `gift`: how the card will be given, chosen at purchase (the send step's defaults). */
  giftPlan?: GiftPlan;
  status: OrderStatus;
  createdAt: number;
  /** Unpaid after this instant, the order closes. */
  payBy: number;
  /** China calendar day of the order (daily totals). */
  day: string;
  paidAt?: number;
  transactionId?: string;
  closedAt?: number;
  closeReason?: CloseReason;
  /**
   * The buyer cancelled while WeChat Pay would not close the payment yet (its first 5 minutes): the
   * order can't be paid again from our side, and the payment poller closes it once WeChat Pay lets it.
   */
  cancelRequestedAt?: number;
  cardIds: string[];
  /** The product's terms at the time of purchase: what the cards are issued with. */
  terms: Pick<CardProduct, 'kind' | 'validity' | 'transferLimit' | 'refundWindowDays'>;
  /** Real-name details given for a purchase over the threshold; the id number is kept masked. */
  realName?: { name: string; idNumberMasked: string };
  /** Whether the day's purchases reached the large-amount record. */
  largeAmount?: boolean;
  /** The stock shards this order reserved from (sharded products): a close gives each back. */
  stockTakes?: StockTake[];
}

/** Why a product can't be bought with these choices, or null. */
export function purchaseRefusal(
  product: Pick<CardProduct, 'onSale' | 'kind' | 'denominations' | 'customAmount' | 'stock' | 'faces'>,
  choice: { faceId: string; amount: Fen; quantity: number },
  rules: Pick<PurchaseRules, 'maxQuantity'>,
): ErrorCode | null {
  if (!product.onSale) return ErrorCode.OFF_SALE;
  if (!product.faces.some((f) => f.id === choice.faceId)) return ErrorCode.INVALID_ARGUMENT;
  if (!Number.isInteger(choice.quantity) || choice.quantity < 1 || choice.quantity > rules.maxQuantity) {
    return ErrorCode.INVALID_ARGUMENT;
  }
  if (!acceptsAmount(product, choice.amount)) return ErrorCode.AMOUNT_NOT_ALLOWED;
  if (product.stock !== null && product.stock < choice.quantity) return ErrorCode.SOLD_OUT;
  return null;
}

export function orderTotal(amount: Fen, quantity: number): Fen {
  return multiplyFen(amount, quantity);
}

/** What the day's purchases, this one included, require. */
export function dailyCompliance(
  dayTotalBefore: number,
  total: Fen,
  rules: Pick<PurchaseRules, 'realNameDailyFen' | 'largeAmountDailyFen'>,
): { dayTotal: number; realNameRequired: boolean; largeAmount: boolean } {
  const dayTotal = dayTotalBefore + total;
  return {
    dayTotal,
    realNameRequired: dayTotal >= rules.realNameDailyFen,
    largeAmount: dayTotal >= rules.largeAmountDailyFen,
  };
}

/** A mainland resident id number: 17 digits and a digit or X. Only its shape is checked here. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`;
}

/** When a card activated at `activatedAt` expires under `rule`: end of a China day, or never. */
export function expiryOf(rule: ValidityRule, activatedAt: number): number | null {
  if (rule.type === 'never') return null;
  if (rule.type === 'fixedDate') {
    const [y, m, d] = rule.until.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d + 1) - CHINA_OFFSET_MS - 1;
  }
  const local = new Date(activatedAt + CHINA_OFFSET_MS);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + rule.months, local.getUTCDate() + 1);
  return end - CHINA_OFFSET_MS - 1;
}

export const DAY_MS = 86_400_000;
