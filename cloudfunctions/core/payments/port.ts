/**
 * The payments port: what the use cases need from WeChat Pay. There is one adapter, over
 * `cloud.cloudPay` (wechat-pay.ts): in production WeChat Pay answers it, everywhere else the local
 * cloud's simulated WeChat Pay answers the same calls on the wire. Amounts are integer fen.
 */
import type { PaymentRequest } from '../../../src/contracts/orders';

export type TradeState =
  'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'REVOKED' | 'NOTFOUND';
export type RefundState = 'PROCESSING' | 'SUCCESS' | 'FAILED' | 'NOTFOUND';

export type CloseResult = 'closed' | 'paid' | 'open';

/**
 * A payment to create. There is no payer field: cloudPay makes the user the calling function runs
 * for the payer, so a payment can only be created in that user's own invocation.
 */
export interface NewPayment {
  outTradeNo: string;
  totalFee: number;
  description: string;
  /** Function that receives the payment notification. */
  callbackFunction: string;
  /** Unpaid after this, the payment can't be made. */
  expireAt: number;
  clientIp: string;
}

export interface PaymentStatus {
  state: TradeState;
  totalFee: number;
  transactionId: string;
  paidAt: number | null;
}

export interface NewRefund {
  outTradeNo: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  callbackFunction: string;
}

export interface PaymentsPort {
  createPayment(p: NewPayment): Promise<PaymentRequest>;
  queryPayment(outTradeNo: string): Promise<PaymentStatus>;
  /**
   * Closes an unpaid payment. 'paid': it was paid meanwhile (it stays paid). 'open': WeChat Pay
   * would not close it yet (it refuses in an order's first 5 minutes) — it can still be paid, so
   * ask again later.
   */
  closePayment(outTradeNo: string): Promise<CloseResult>;
  /** Asks for a refund; the same outRefundNo is one refund however often it is asked. */
  refund(r: NewRefund): Promise<{ accepted: boolean; state: RefundState }>;
  queryRefund(outRefundNo: string): Promise<{ state: RefundState; refundFee: number }>;
}

export class PaymentError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentError';
  }
}
