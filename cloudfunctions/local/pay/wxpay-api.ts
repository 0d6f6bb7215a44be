/**
 * cloud.cloudPay on the wire: what wx-server-sdk's `callWxPayApi` reaches (`wx.wxPayApi`, see
 * admin-api.ts), answered from the simulated WeChat Pay with WeChat Pay v2's own fields in
 * snake_case — the SDK turns them into camelCase and overwrites errCode with 0, as in production,
 * so a function sees exactly the shapes it will see there. A business refusal is return_code
 * SUCCESS + result_code FAIL + err_code/err_code_des; a call WeChat Pay can't take at all is
 * return_code FAIL; a call the platform refuses (no such API, unreadable body) is `{code, message}`,
 * which the SDK throws.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fromWechatTime, toWechatTime } from '../../core/payments/wechat-pay';
import type { WireApi } from '../gateway/admin-api';
import type { Invoker } from '../runtime/runtime';
import { MCH_ID, PayError, type PaySystem } from './pay-system';
import type { PayOrder, PayRefund } from './pay-store';

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

const TRADE_STATE_DESC: Record<PayOrder['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款，退款详情请查询退款单',
};

/** The platform refusing the call itself: the SDK throws this (code + message). */
class PlatformError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** WeChat Pay refusing the request before any business (missing or malformed parameters). */
class RequestError extends Error {}

function text(p: Params, key: string, max = 128): string {
  const v = p[key];
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
  if (!s || s.length > max) throw new RequestError(`缺少参数或参数格式错误: ${key}`);
  return s;
}

function fen(p: Params, key: string): number {
  const v = p[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new RequestError(`${key} 参数格式错误`);
  return n;
}

const nonce = (): string => randomBytes(16).toString('hex');
/** The simulated system holds no merchant key: signatures are well-formed, not verifiable. */
const sign = (...parts: string[]): string => createHash('md5').update(parts.join('&')).digest('hex').toUpperCase();

function base(p: Params, appId: string): Answer {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: appId,
    mch_id: MCH_ID,
    sub_mch_id: typeof p.sub_mch_id === 'string' ? p.sub_mch_id : '',
    nonce_str: nonce(),
  };
}

export class WxPayApi implements WireApi {
  constructor(private readonly pay: PaySystem) {}

  async handle(apiName: string, requestData: Buffer, _options: Buffer | undefined, caller: Invoker | undefined) {
    let answer: Answer;
    try {
      answer = this.answer(apiName, this.params(requestData), caller);
    } catch (e) {
      if (e instanceof PlatformError) answer = { code: e.code, message: e.message, requestId: '' };
      else if (e instanceof RequestError) answer = { return_code: 'FAIL', return_msg: e.message };
      else throw e;
    }
    return Buffer.from(JSON.stringify(answer));
  }

  private params(requestData: Buffer): Params {
    try {
      const p = JSON.parse(requestData.toString('utf8')) as unknown;
      if (typeof p === 'object' && p !== null && !Array.isArray(p)) return p as Params;
    } catch {
      // answered below
    }
    throw new PlatformError('INVALID_PARAM', 'requestData is not a JSON object');
  }

  private answer(apiName: string, p: Params, caller: Invoker | undefined): Answer {
    const appId = caller?.appId || this.pay.appId;
    try {
      switch (apiName) {
        case 'unifiedOrder':
          return this.unifiedOrder(p, caller, appId);
        case 'queryOrder':
          return this.queryOrder(p, appId);
        case 'closeOrder':
          this.pay.closeOrder(text(p, 'out_trade_no', 32));
          return { ...base(p, appId), result_code: 'SUCCESS', sign: sign('close') };
        case 'refund':
          return this.refund(p, appId);
        case 'queryRefund':
          return this.queryRefund(p, appId);
        default:
          throw new PlatformError('INVALID_ACTION', `cloudPay.${apiName} is not provided by the local cloud`);
      }
    } catch (e) {
      if (!(e instanceof PayError)) throw e;
      return { ...base(p, appId), result_code: 'FAIL', err_code: e.code, err_code_des: e.message, sign: sign(e.code) };
    }
  }

  private unifiedOrder(p: Params, caller: Invoker | undefined, appId: string): Answer {
    // The payer is whoever the calling function runs for: cloudPay takes no openid from the code.
    if (!caller?.openId) throw new RequestError('统一下单需要在用户调用的云函数中发起 (no payer OPENID)');
    const expireAt = p.time_expire === undefined ? null : fromWechatTime(p.time_expire);
    if (p.time_expire !== undefined && expireAt === null) throw new RequestError('time_expire 参数格式错误');
    if (text(p, 'trade_type', 16) !== 'JSAPI') throw new RequestError('trade_type 参数错误');
    text(p, 'env_id');
    text(p, 'nonce_str', 32);
    const order = this.pay.unifiedOrder({
      outTradeNo: text(p, 'out_trade_no', 32),
      totalFee: fen(p, 'total_fee'),
      description: text(p, 'body', 128),
      openId: caller.openId,
      subMchId: text(p, 'sub_mch_id', 32),
      callbackFunction: text(p, 'function_name', 64),
      // WeChat Pay's default validity of an unpaid order is 2 hours.
      expireAt: expireAt ?? this.pay.now() + 2 * 3_600_000,
    });
    const payment = {
      appId,
      timeStamp: String(Math.floor(order.createdAt / 1000)),
      nonceStr: nonce(),
      package: `prepay_id=${order.payToken}`,
      signType: 'MD5',
      paySign: '',
    };
    payment.paySign = sign(payment.appId, payment.timeStamp, payment.nonceStr, payment.package);
    return {
      ...base(p, appId),
      result_code: 'SUCCESS',
      trade_type: 'JSAPI',
      prepay_id: order.payToken,
      sign: sign(order.payToken),
      payment,
    };
  }

  private queryOrder(p: Params, appId: string): Answer {
    const o = this.pay.order(text(p, 'out_trade_no', 32));
    if (!o) throw new PayError('ORDERNOTEXIST', 'order not exist');
    const paid = o.state === 'SUCCESS' || o.state === 'REFUND';
    return {
      ...base(p, appId),
      result_code: 'SUCCESS',
      sign: sign(o.outTradeNo),
      openid: o.openId,
      sub_openid: o.openId,
      trade_type: 'JSAPI',
      trade_state: o.state,
      trade_state_desc: TRADE_STATE_DESC[o.state],
      out_trade_no: o.outTradeNo,
      total_fee: o.totalFee,
      fee_type: 'CNY',
      // Only a payment has these.
      ...(paid
        ? {
            bank_type: 'OTHERS',
            cash_fee: o.totalFee,
            transaction_id: o.transactionId,
            time_end: o.paidAt === null ? '' : toWechatTime(o.paidAt),
            is_subscribe: 'N',
          }
        : {}),
    };
  }

  private refund(p: Params, appId: string): Answer {
    const { order, refund } = this.pay.refund({
      outTradeNo: text(p, 'out_trade_no', 32),
      outRefundNo: text(p, 'out_refund_no', 64),
      totalFee: fen(p, 'total_fee'),
      refundFee: fen(p, 'refund_fee'),
      callbackFunction: text(p, 'function_name', 64),
    });
    return {
      ...base(p, appId),
      result_code: 'SUCCESS',
      sign: sign(refund.refundId),
      transaction_id: order.transactionId,
      out_trade_no: refund.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: refund.totalFee,
      cash_fee: refund.totalFee,
    };
  }

  /**
   * The refunds of the order the refund number names, as list fields (`out_refund_no_list`… —
   * the SDK makes them outRefundNoList…). A refund still processing is not in the lists yet:
   * they can be empty while the refund is under way (shared/platform.md, cloudPay.queryRefund).
   */
  private queryRefund(p: Params, appId: string): Answer {
    const asked = this.pay.refundRecord(text(p, 'out_refund_no', 64));
    if (!asked) throw new PayError('REFUNDNOTEXIST', 'not exist');
    const order = this.pay.order(asked.outTradeNo);
    const listed: PayRefund[] = this.pay.refundsOf(asked.outTradeNo).filter((r) => r.state !== 'PROCESSING');
    return {
      ...base(p, appId),
      result_code: 'SUCCESS',
      sign: sign(asked.outRefundNo),
      transaction_id: order?.transactionId ?? '',
      out_trade_no: asked.outTradeNo,
      total_fee: asked.totalFee,
      cash_fee: asked.totalFee,
      refund_count: listed.length,
      out_refund_no_list: listed.map((r) => r.outRefundNo),
      refund_id_list: listed.map((r) => r.refundId),
      refund_fee_list: listed.map((r) => r.refundFee),
      refund_status_list: listed.map((r) => r.state),
      refund_success_time_list: listed.map((r) => (r.completedAt === null ? '' : wechatDateTime(r.completedAt))),
      refund_recv_accout_list: listed.map(() => '支付用户零钱'),
    };
  }
}

/** refund_success_time is written yyyy-MM-dd HH:mm:ss (China time). */
function wechatDateTime(at: number): string {
  const t = toWechatTime(at);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}
