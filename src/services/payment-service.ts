/**
 * Paying an order: WeChat Pay's own sheet in the mini-program (requestPayment), or the local cloud's
 * simulated pay sheet, which is a page of ours talking to the gateway.
 */
import Taro from '@tarojs/taro';
import type { PaymentRequest } from '../contracts/orders';
import type { GatewayHttp } from './gateway-http';

export interface LocalPayment {
  payToken: string;
  outTradeNo: string;
  description: string;
  amount: number;
  status: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
}

export class PaymentService {
  constructor(private readonly http: GatewayHttp) {}

  /** WeChat Pay: resolves when the payer paid, rejects when they cancelled or it failed. */
  async requestWechatPayment(payment: Extract<PaymentRequest, { provider: 'wechat' }>): Promise<void> {
    await Taro.requestPayment({ ...payment.params, signType: payment.params.signType as 'MD5' });
  }

  localPayment(payToken: string): Promise<LocalPayment> {
    return this.http<LocalPayment>('GET', `/api/pay/local/${payToken}`);
  }

  confirmLocalPayment(payToken: string): Promise<LocalPayment> {
    return this.http<LocalPayment>('POST', `/api/pay/local/${payToken}/confirm`);
  }
}
