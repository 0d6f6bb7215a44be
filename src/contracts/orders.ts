/**
 * The `orders` cloud function: buy cards. `create` is idempotent by the client's `requestId`;
 * the order is paid through the payment request it returns, and the payment notification (not the
 * client) marks it paid and issues its cards.
 */
import type { Fen } from '../domain/money';
import type { GiftPlan } from '../domain/gift-plan';
import type { CloseReason, OrderPurpose, OrderStatus } from '../domain/order';
import type { CardView } from './wallet';

export const ORDERS_FUNCTION = 'orders';

export const ORDER_LIMITS = {
  idMax: 64,
  requestIdMax: 64,
  blessingMax: 60,
  realNameMax: 30,
  listMax: 50,
} as const;

/**
 * How the client pays: exactly what wx.requestPayment takes (cloudPay.unifiedOrder's `payment`).
 * `package` is `prepay_id=…`; the local cloud's pay sheet (H5) opens that prepay id.
 */
export interface PaymentRequest {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** The prepay id a payment request carries in `package`. */
export function prepayIdOf(payment: PaymentRequest): string {
  return payment.package.startsWith('prepay_id=') ? payment.package.slice('prepay_id='.length) : '';
}

export interface OrderView {
  _id: string;
  productId: string;
  productName: string;
  brandId: string;
  brandName: string;
  face: { id: string; name: string; image: string };
  amount: Fen;
  quantity: number;
  total: Fen;
  bonusPerCard: Fen;
  blessing: string;
  purpose: OrderPurpose;
  giftPlan?: GiftPlan;
  status: OrderStatus;
  createdAt: number;
  payBy: number;
  paidAt?: number;
  closedAt?: number;
  closeReason?: CloseReason;
  /** The buyer cancelled while WeChat Pay would not close the payment yet: it closes shortly. */
  cancelRequestedAt?: number;
  cardIds: string[];
  /**
   * Refunds of the order's cards, once one was asked (failed ones left out): how many cards, the
   * money going back, and whether one is still on its way.
   */
  refund?: { cards: number; amount: Fen; processing: boolean };
}

export interface CreateOrderInput {
  productId: string;
  faceId: string;
  /** Value of one card. */
  amount: Fen;
  quantity: number;
  /** Defaults to the face's blessing. */
  blessing?: string;
  purpose: OrderPurpose;
  /** Only with purpose `gift`: one friend or a group, chosen now and used after paying. */
  giftPlan?: GiftPlan;
  requestId: string;
  realName?: { name: string; idNumber: string };
}

export interface OrdersActions {
  create: { input: CreateOrderInput; output: { order: OrderView; payment: PaymentRequest | null } };
  /** The payment request again, for a pending order (the buyer closed the pay sheet). */
  pay: { input: { orderId: string }; output: { order: OrderView; payment: PaymentRequest } };
  list: { input: { status?: OrderStatus }; output: { orders: OrderView[] } };
  detail: { input: { orderId: string }; output: { order: OrderView; cards: CardView[] } };
  /**
   * Cancels an unpaid order. WeChat Pay refuses to close a payment in its first 5 minutes: then the
   * order is only marked `cancelRequestedAt` (it can't be paid again from here) and closes within
   * a few minutes. A payment that arrived first settles the order: the answer is ORDER_NOT_PENDING.
   */
  cancel: { input: { orderId: string }; output: { order: OrderView } };
  /**
   * Asks WeChat Pay about the caller's order now (after the pay sheet) and settles it as the payment
   * notification would — once, however often it is asked — so a late notification doesn't leave a
   * paid order showing unpaid.
   */
  sync: { input: { orderId: string }; output: { order: OrderView } };
}
