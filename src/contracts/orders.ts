/**
 * The `orders` cloud function: buy cards. `create` is idempotent by the client's `requestId`;
 * the order is paid through the payment request it returns, and the payment notification (not the
 * client) marks it paid and issues its cards.
 */
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

/** How the client pays: WeChat Pay's requestPayment parameters, or the local cloud's pay sheet. */
export type PaymentRequest =
  | {
      provider: 'wechat';
      params: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
    }
  | { provider: 'local'; payToken: string; amount: number; description: string };

export interface OrderView {
  _id: string;
  productId: string;
  productName: string;
  brandId: string;
  brandName: string;
  face: { id: string; name: string; image: string };
  amount: number;
  quantity: number;
  total: number;
  bonusPerCard: number;
  blessing: string;
  purpose: OrderPurpose;
  status: OrderStatus;
  createdAt: number;
  payBy: number;
  paidAt?: number;
  closedAt?: number;
  closeReason?: CloseReason;
  cardIds: string[];
}

export interface CreateOrderInput {
  productId: string;
  faceId: string;
  /** Value of one card, fen. */
  amount: number;
  quantity: number;
  /** Defaults to the face's blessing. */
  blessing?: string;
  purpose: OrderPurpose;
  requestId: string;
  realName?: { name: string; idNumber: string };
}

export interface OrdersActions {
  create: { input: CreateOrderInput; output: { order: OrderView; payment: PaymentRequest | null } };
  /** The payment request again, for a pending order (the buyer closed the pay sheet). */
  pay: { input: { orderId: string }; output: { order: OrderView; payment: PaymentRequest } };
  list: { input: { status?: OrderStatus }; output: { orders: OrderView[] } };
  detail: { input: { orderId: string }; output: { order: OrderView; cards: CardView[] } };
  cancel: { input: { orderId: string }; output: { order: OrderView } };
}
