/**
 * Payments over `cloud.cloudPay` (WeChat Pay for cloud development) — the only adapter: production
 * and the local cloud answer the same SDK calls. What arrives is WeChat Pay v2's answer converted to
 * camelCase with `errCode` overwritten by 0 (wx-server-sdk getCloudPayAPIs), so WeChat Pay's own
 * err_code (ORDERPAID, ORDERNOTEXIST…) never reaches us: outcomes are read from what survives —
 * returnCode/resultCode, tradeState, the refund lists, errCodeDes — and a refused close is
 * confirmed by asking about the order, not by parsing its message.
 */
import { randomBytes } from 'node:crypto';
import { CHINA_OFFSET_MS } from '../../../src/domain/rules';
import type { PaymentRequest } from '../../../src/contracts/orders';
import {
  PaymentError,
  type CloseResult,
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

const TRADE_STATES: readonly TradeState[] = [
  'NOTPAY',
  'SUCCESS',
  'CLOSED',
  'REFUND',
  'USERPAYING',
  'PAYERROR',
  'REVOKED',
];

/** WeChat Pay answers returnCode (the call) and resultCode (the business); both must be SUCCESS. */
function succeeded(res: Record<string, unknown>): boolean {
  return res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS';
}

/**
 * A business answer that the thing asked about doesn't exist (ORDERNOTEXIST, REFUNDNOTEXIST): with
 * err_code gone only its description says so — WeChat Pay writes "order not exist" / "not exist",
 * its documentation "此交易订单号不存在" / "退款订单查询失败".
 */
function saysNotExist(res: Record<string, unknown>): boolean {
  return (
    res.returnCode === 'SUCCESS' && res.resultCode === 'FAIL' && /not ?exist|不存在|查询失败/i.test(str(res.errCodeDes))
  );
}

function failure(op: string, res: Record<string, unknown>): PaymentError {
  const reason = res.returnCode === 'SUCCESS' ? 'FAIL' : 'RETURN_FAIL';
  return new PaymentError(reason, `${op}: ${str(res.errCodeDes) || str(res.returnMsg) || reason}`);
}

interface RefundEntry {
  outRefundNo: string;
  status: string;
  refundFee: number;
}

/**
 * The refunds a queryRefund answer lists: the list fields cloudPay answers (`outRefundNoList`,
 * `refundStatusList`, `refundFeeList`), or WeChat Pay's indexed fields should they appear instead
 * (`out_refund_no_0` reaches us as `outRefundNo_0`).
 */
function refundEntries(res: Record<string, unknown>): RefundEntry[] {
  const list = (k: string): unknown[] => (Array.isArray(res[k]) ? (res[k] as unknown[]) : []);
  const numbers = list('outRefundNoList');
  if (numbers.length > 0) {
    return numbers.map((n, i) => ({
      outRefundNo: str(n),
      status: str(list('refundStatusList')[i]),
      refundFee: num(list('refundFeeList')[i]),
    }));
  }
  const entries: RefundEntry[] = [];
  for (let i = 0; typeof res[`outRefundNo_${i}`] === 'string'; i++) {
    entries.push({
      outRefundNo: str(res[`outRefundNo_${i}`]),
      status: str(res[`refundStatus_${i}`]),
      refundFee: num(res[`refundFee_${i}`]),
    });
  }
  return entries;
}

/**
 * WeChat Pay's refund_status: SUCCESS, REFUNDCLOSE (closed), CHANGE (failed to reach the payer's
 * account: an operator must act), PROCESSING. Anything else — unknown, empty, not listed yet — is
 * still PROCESSING: a refund is never taken as failed on a guess.
 */
function refundState(status: string): RefundState {
  if (status === 'SUCCESS') return 'SUCCESS';
  if (status === 'REFUNDCLOSE' || status === 'CHANGE') return 'FAILED';
  return 'PROCESSING';
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
    if (!succeeded(res) || !payment || !str(payment.package)) throw failure('unifiedOrder', res);
    return {
      timeStamp: str(payment.timeStamp),
      nonceStr: str(payment.nonceStr),
      package: str(payment.package),
      signType: str(payment.signType) || 'MD5',
      paySign: str(payment.paySign),
    };
  }

  async queryPayment(outTradeNo: string): Promise<PaymentStatus> {
    const res = await this.pay.queryOrder({ subMchId: this.config.subMchId, outTradeNo, nonceStr: this.nonce() });
    if (saysNotExist(res)) return { state: 'NOTFOUND', totalFee: 0, transactionId: '', paidAt: null };
    if (!succeeded(res)) throw failure('queryOrder', res);
    const state = str(res.tradeState) as TradeState;
    if (!TRADE_STATES.includes(state)) throw new PaymentError('UNKNOWN_STATE', `queryOrder: trade state "${state}"`);
    if (str(res.outTradeNo) !== outTradeNo)
      throw new PaymentError('MISMATCH', `queryOrder: answered about another order`);
    return {
      state,
      totalFee: num(res.totalFee),
      transactionId: str(res.transactionId),
      paidAt: fromWechatTime(res.timeEnd),
    };
  }

  async closePayment(outTradeNo: string): Promise<CloseResult> {
    const res = await this.pay.closeOrder({ subMchId: this.config.subMchId, outTradeNo, nonceStr: this.nonce() });
    if (succeeded(res)) return 'closed';
    if (res.returnCode !== 'SUCCESS') throw failure('closeOrder', res);
    // Refused (ORDERPAID, ORDERCLOSED, too early, a system error…): the order's state says which.
    const status = await this.queryPayment(outTradeNo);
    switch (status.state) {
      case 'SUCCESS':
      case 'REFUND':
        return 'paid';
      case 'CLOSED':
      case 'REVOKED':
      case 'NOTFOUND':
        return 'closed';
      default:
        return 'open';
    }
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
    // Accepted is not done: the refund completes later (notification, queryRefund).
    return { accepted: true, state: 'PROCESSING' };
  }

  async queryRefund(outRefundNo: string): Promise<{ state: RefundState; refundFee: number }> {
    const res = await this.pay.queryRefund({ subMchId: this.config.subMchId, outRefundNo, nonceStr: this.nonce() });
    if (saysNotExist(res)) return { state: 'NOTFOUND', refundFee: 0 };
    if (!succeeded(res)) throw failure('queryRefund', res);
    const entry = refundEntries(res).find((e) => e.outRefundNo === outRefundNo);
    return entry
      ? { state: refundState(entry.status), refundFee: entry.refundFee }
      : { state: 'PROCESSING', refundFee: 0 };
  }
}
