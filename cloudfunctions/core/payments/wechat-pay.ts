/**
 * Production payments over `cloud.cloudPay` (WeChat Pay for cloud development). The SDK speaks
 * WeChat Pay's own protocol, so this adapter only maps fields both ways; the mapping is unit-tested
 * against a recording stand-in for the cloudPay object it is given.
 */
import { randomBytes } from 'node:crypto';
import { CHINA_OFFSET_MS } from '../../../src/domain/rules';
import type { PaymentRequest } from '../../../src/contracts/orders';
import {
  PaymentError,
  type NewPayment,
  type NewRefund,
  type PaymentStatus,
  type PaymentsPort,
  type RefundState,
  type TradeState,
} from './port';

/** The part of `cloud.cloudPay` this adapter uses. */
export interface CloudPay {
  unifiedOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  closeOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  refund(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryRefund(p: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface WechatPayConfig {
  subMchId: string;
  envId: string;
  nonce?: () => string;
}

/** yyyyMMddHHmmss in China time, as WeChat Pay writes times. */
export function toWechatTime(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function fromWechatTime(s: unknown): number | null {
  if (typeof s !== 'string' || !/^\d{14}$/.test(s)) return null;
  const n = (a: number, b: number): number => Number(s.slice(a, b));
  return Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)) - CHINA_OFFSET_MS;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

/** WeChat Pay answers returnCode (the call) and resultCode (the business); both must be SUCCESS. */
function succeeded(res: Record<string, unknown>): boolean {
  return res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS';
}

function failure(op: string, res: Record<string, unknown>): PaymentError {
  const reason = str(res.errCode) || str(res.returnCode) || 'FAIL';
  return new PaymentError(reason, `${op}: ${str(res.errCodeDes) || str(res.returnMsg) || reason}`);
}

export class WechatPay implements PaymentsPort {
  private readonly nonce: () => string;

  constructor(
    private readonly pay: CloudPay,
    private readonly config: WechatPayConfig,
  ) {
    this.nonce = config.nonce ?? (() => randomBytes(16).toString('hex'));
  }

  async createPayment(p: NewPayment): Promise<PaymentRequest> {
    const res = await this.pay.unifiedOrder({
      body: p.description.slice(0, 40),
      outTradeNo: p.outTradeNo,
      spbillCreateIp: p.clientIp || '127.0.0.1',
      subMchId: this.config.subMchId,
      totalFee: p.totalFee,
      envId: this.config.envId,
      functionName: p.callbackFunction,
      nonceStr: this.nonce(),
      tradeType: 'JSAPI',
      timeExpire: toWechatTime(p.expireAt),
    });
    const payment = res.payment as Record<string, unknown> | undefined;
    if (!succeeded(res) || !payment) throw failure('unifiedOrder', res);
    return {
      provider: 'wechat',
      params: {
        timeStamp: str(payment.timeStamp),
        nonceStr: str(payment.nonceStr),
        package: str(payment.package),
        signType: str(payment.signType) || 'MD5',
        paySign: str(payment.paySign),
      },
    };
  }

  async queryPayment(outTradeNo: string): Promise<PaymentStatus> {
    const res = await this.pay.queryOrder({ subMchId: this.config.subMchId, outTradeNo, nonceStr: this.nonce() });
    if (res.returnCode === 'SUCCESS' && res.errCode === 'ORDERNOTEXIST') {
      return { state: 'NOTFOUND', totalFee: 0, transactionId: '', paidAt: null };
    }
    if (!succeeded(res)) throw failure('queryOrder', res);
    return {
      state: (str(res.tradeState) || 'NOTPAY') as TradeState,
      totalFee: num(res.totalFee),
      transactionId: str(res.transactionId),
      paidAt: fromWechatTime(res.timeEnd),
    };
  }

  async closePayment(outTradeNo: string): Promise<'closed' | 'paid'> {
    const res = await this.pay.closeOrder({ subMchId: this.config.subMchId, outTradeNo, nonceStr: this.nonce() });
    if (succeeded(res)) return 'closed';
    if (res.errCode === 'ORDERPAID') return 'paid';
    // Closing a closed order is done already.
    if (res.errCode === 'ORDERCLOSED') return 'closed';
    throw failure('closeOrder', res);
  }

  async refund(r: NewRefund): Promise<{ accepted: boolean; state: RefundState }> {
    const res = await this.pay.refund({
      subMchId: this.config.subMchId,
      nonceStr: this.nonce(),
      outTradeNo: r.outTradeNo,
      outRefundNo: r.outRefundNo,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      envId: this.config.envId,
      functionName: r.callbackFunction,
    });
    if (!succeeded(res)) throw failure('refund', res);
    return { accepted: true, state: 'PROCESSING' };
  }

  async queryRefund(outRefundNo: string): Promise<{ state: RefundState; refundFee: number }> {
    const res = await this.pay.queryRefund({ subMchId: this.config.subMchId, outRefundNo, nonceStr: this.nonce() });
    if (res.returnCode === 'SUCCESS' && res.errCode === 'REFUNDNOTEXIST') return { state: 'NOTFOUND', refundFee: 0 };
    if (!succeeded(res)) throw failure('queryRefund', res);
    // One refund per outRefundNo: its fields come indexed _0.
    const status = str(res.refundStatus_0 ?? res.refundStatus0 ?? res.refundStatus);
    const state: RefundState = status === 'SUCCESS' ? 'SUCCESS' : status === 'PROCESSING' ? 'PROCESSING' : 'FAILED';
    return { state, refundFee: num(res.refundFee_0 ?? res.refundFee0 ?? res.refundFee) };
  }
}
