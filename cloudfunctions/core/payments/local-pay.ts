/**
 * Payments through the local cloud's simulated WeChat Pay (cloudfunctions/local/pay), reached over
 * HTTP at LOCAL_PAY_URL with the local cloud's key. Same port, same states as WeChat Pay.
 */
import type { PaymentRequest } from '../../../src/contracts/orders';
import {
  PaymentError,
  type NewPayment,
  type NewRefund,
  type PaymentStatus,
  type PaymentsPort,
  type RefundState,
} from './port';

export class LocalPay implements PaymentsPort {
  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  private async post<T>(op: string, body: object): Promise<T> {
    const res = await fetch(`${this.url}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-pay-key': this.key },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as T & { error?: { code: string; message: string } };
    if (!res.ok || json.error) {
      throw new PaymentError(json.error?.code ?? `HTTP_${res.status}`, `${op}: ${json.error?.message ?? res.status}`);
    }
    return json;
  }

  async createPayment(p: NewPayment): Promise<PaymentRequest> {
    const r = await this.post<{ payToken: string }>('unifiedOrder', p);
    return { provider: 'local', payToken: r.payToken, amount: p.totalFee, description: p.description };
  }

  queryPayment(outTradeNo: string): Promise<PaymentStatus> {
    return this.post<PaymentStatus>('queryOrder', { outTradeNo });
  }

  async closePayment(outTradeNo: string): Promise<'closed' | 'paid'> {
    return (await this.post<{ result: 'closed' | 'paid' }>('closeOrder', { outTradeNo })).result;
  }

  refund(r: NewRefund): Promise<{ accepted: boolean; state: RefundState }> {
    return this.post('refund', r);
  }

  queryRefund(outRefundNo: string): Promise<{ state: RefundState; refundFee: number }> {
    return this.post('queryRefund', { outRefundNo });
  }
}
