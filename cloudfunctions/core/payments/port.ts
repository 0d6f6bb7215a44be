/**
 * The payments port: what the use cases need from WeChat Pay. Production goes through
 * `cloud.cloudPay` (wechat-pay.ts); everywhere else the local cloud's simulated WeChat Pay
 * (local-pay.ts). Amounts are integer fen, as WeChat Pay counts them.
 */
import type { PaymentRequest } from '../../../src/contracts/orders';

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'NOTFOUND';
export type RefundState = 'PROCESSING' | 'SUCCESS' | 'FAILED' | 'NOTFOUND';

export interface NewPayment {
  outTradeNo: string;
  totalFee: number;
  description: string;
  /** The payer's OPENID. */
  openId: string;
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
  /** Closes an unpaid payment. Resolves 'paid' when it was paid meanwhile (then it stays open). */
  closePayment(outTradeNo: string): Promise<'closed' | 'paid'>;
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
