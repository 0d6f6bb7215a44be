/**
 * Paying an order with what WeChat Pay's unifiedOrder gave (`payment`): in WeChat (functions in
 * WeChat Cloud) its own sheet through requestPayment; everywhere the local cloud stands in for
 * WeChat Cloud — H5, the devtools without a cloud env — the local cloud's simulated pay sheet, a
 * page of ours opened by the payment's prepay id.
 */
import Taro from '@tarojs/taro';
import { prepayIdOf, type PaymentRequest } from '../contracts/orders';
import type { Fen } from '../domain/money';
import type { GatewayHttp } from './gateway-http';

export interface LocalPayment {
  prepayId: string;
  outTradeNo: string;
  description: string;
  amount: Fen;
  status: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
}

/** Where paying went: WeChat's sheet answered (paid or not), or the local sheet is to be opened. */
export type PayStep = { kind: 'paid' } | { kind: 'not-paid' } | { kind: 'sheet'; prepayId: string };

export class PaymentService {
  constructor(
    private readonly http: GatewayHttp,
    /** True when functions run in WeChat Cloud, whose payments WeChat's own sheet takes. */
    private readonly wechatSheet: boolean,
    private readonly requestPayment: (p: PaymentRequest) => Promise<unknown> = (p) =>
      Taro.requestPayment({ ...p, signType: p.signType as 'MD5' }),
  ) {}

  /** Starts paying. WeChat's sheet rejects when the payer cancelled or it failed: not paid. */
  async pay(payment: PaymentRequest): Promise<PayStep> {
    if (!this.wechatSheet) return { kind: 'sheet', prepayId: prepayIdOf(payment) };
    try {
      await this.requestPayment(payment);
      return { kind: 'paid' };
    } catch {
      return { kind: 'not-paid' };
    }
  }

  localPayment(prepayId: string): Promise<LocalPayment> {
    return this.http<LocalPayment>('GET', `/api/pay/local/${prepayId}`);
  }

  confirmLocalPayment(prepayId: string): Promise<LocalPayment> {
    return this.http<LocalPayment>('POST', `/api/pay/local/${prepayId}/confirm`);
  }
}
