/**
 * The local cloud's WeChat Pay: orders, payment, close, refund and their notifications, with WeChat
 * Pay's states and its habits — closing is refused in the first 5 minutes of an order, a refund is
 * processed a little after it is accepted, and a notification is delivered to the order's callback
 * function as SOURCE wx_paycallback and retried on WeChat Pay's schedule until the function answers
 * errcode 0. Times are the local clock's, so a test that moves the clock sees what would be due.
 * Tests can deliver a notification again, late, concurrently or forged, or switch delivery off
 * (a notification that never comes) so the payment poller has to find the payment.
 * What functions see of it is its wire form (wxpay-api.ts), as cloud.cloudPay answers.
 */
import { randomBytes } from 'node:crypto';
import { toWechatTime } from '../../core/payments/wechat-pay';
import { WECHAT_PAY_CLOSE_AFTER_MS } from '../../../src/domain/order';
import type { LocalClock } from '../clock';
import type { Invoker } from '../runtime/runtime';
import { PAY_CALLBACK_SOURCE } from '../runtime/sources';
import { PayStore, type PayOrder, type PayRefund } from './pay-store';

export { PAY_CALLBACK_SOURCE };

/**
 * Gaps between deliveries of one notification, as WeChat Pay spaces its retries
 * (15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, about 24h4m in all, within its two days).
 */
export const RETRY_GAPS_MS = [
  15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 3_600_000, 10_800_000,
  10_800_000, 10_800_000, 21_600_000, 21_600_000,
];

/** WeChat Pay refuses to close an order in its first 5 minutes (the app's words say the same span). */
export const CLOSE_AFTER_MS = WECHAT_PAY_CLOSE_AFTER_MS;

/** How long an accepted refund stays PROCESSING (local clock) unless a test changes it. */
export const REFUND_PROCESSING_MS = 500;

/** How often due deliveries and refunds are looked for (real time). */
const TICK_MS = 25;

/** A business refusal: WeChat Pay's err_code and err_code_des (result_code FAIL). */
export class PayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Invoke = (fn: string, event: unknown, invoker: Invoker) => Promise<unknown>;

export interface PaySystemOptions {
  file: string;
  clock: LocalClock;
  appId: string;
  invoke: Invoke;
}

/** One notification waiting to be delivered (again). */
interface Delivery {
  fn: string;
  event: () => unknown;
  payer: string;
  /** Deliveries made so far. */
  attempt: number;
  /** Local clock time it is due. */
  dueAt: number;
  inFlight: boolean;
}

function answeredOk(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { errcode?: unknown }).errcode === 0;
}

const digits = (n: number): string => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

export const MCH_ID = '1900000109';

export class PaySystem {
  private readonly store: PayStore;
  private readonly deliveries = new Set<Delivery>();
  private readonly ticker: NodeJS.Timeout;
  /** Off in tests that need a notification that never comes. */
  deliver = true;
  /** Test mode may shorten it (0: done at the next tick, still after the refund call answered). */
  refundProcessingMs = REFUND_PROCESSING_MS;
  private closed = false;
  /** Whether a refund may be processing: the books are only read when one might be (and after a restart). */
  private refundsWaiting = true;

  constructor(private readonly opts: PaySystemOptions) {
    this.store = new PayStore(opts.file);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  get appId(): string {
    return this.opts.appId;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.ticker);
    this.deliveries.clear();
    this.store.close();
  }

  now(): number {
    return this.opts.clock.now();
  }

  // ——— what functions call (through cloud.cloudPay, wxpay-api.ts) ———

  unifiedOrder(p: {
    outTradeNo: string;
    totalFee: number;
    description: string;
    openId: string;
    subMchId: string;
    callbackFunction: string;
    expireAt: number;
  }): PayOrder {
    const existing = this.store.order(p.outTradeNo);
    if (existing) {
      if (existing.state === 'CLOSED') throw new PayError('ORDERCLOSED', '订单已关闭');
      if (existing.state !== 'NOTPAY') throw new PayError('ORDERPAID', '订单已支付');
      if (existing.totalFee !== p.totalFee || existing.openId !== p.openId)
        throw new PayError('INVALID_REQUEST', '201 商户订单号重复');
      return existing;
    }
    const now = this.now();
    const order: PayOrder = {
      outTradeNo: p.outTradeNo,
      // prepay_id: what wx.requestPayment's package carries, and what the local pay sheet opens.
      payToken: `wx${toWechatTime(now)}${randomBytes(10).toString('hex')}`,
      openId: p.openId,
      subMchId: p.subMchId,
      totalFee: p.totalFee,
      description: p.description,
      callbackFunction: p.callbackFunction,
      expireAt: p.expireAt,
      state: 'NOTPAY',
      transactionId: '',
      paidAt: null,
      createdAt: now,
    };
    this.store.saveOrder(order);
    return order;
  }

  order(outTradeNo: string): PayOrder | undefined {
    return this.store.order(outTradeNo);
  }

  /** Closes an unpaid order; refused while it is under 5 minutes old. */
  closeOrder(outTradeNo: string): PayOrder {
    const o = this.store.order(outTradeNo);
    if (!o) throw new PayError('ORDERNOTEXIST', 'order not exist');
    if (o.state === 'CLOSED') throw new PayError('ORDERCLOSED', '订单已关闭');
    if (o.state !== 'NOTPAY') throw new PayError('ORDERPAID', '订单已支付');
    if (this.now() < o.createdAt + CLOSE_AFTER_MS) {
      throw new PayError('SYSTEMERROR', '订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟');
    }
    const closed: PayOrder = { ...o, state: 'CLOSED' };
    this.store.saveOrder(closed);
    return closed;
  }

  /** Accepts a refund (PROCESSING); it succeeds a little later and its notification follows. */
  refund(r: {
    outTradeNo: string;
    outRefundNo: string;
    totalFee: number;
    refundFee: number;
    callbackFunction: string;
  }): { order: PayOrder; refund: PayRefund } {
    const o = this.store.order(r.outTradeNo);
    if (!o) throw new PayError('ORDERNOTEXIST', 'order not exist');
    const existing = this.store.refund(r.outRefundNo);
    if (existing) {
      if (existing.outTradeNo !== r.outTradeNo || existing.refundFee !== r.refundFee)
        throw new PayError('INVALID_REQUEST', '退款单号重复，但退款参数不一致');
      return { order: o, refund: existing };
    }
    if (o.state !== 'SUCCESS' && o.state !== 'REFUND') throw new PayError('TRADE_STATE_ERROR', '订单状态错误');
    if (r.totalFee !== o.totalFee) throw new PayError('INVALID_REQUEST', '订单金额与原订单不一致');
    const refunded = this.store.refundsOf(r.outTradeNo).reduce((s, x) => s + x.refundFee, 0);
    if (!Number.isInteger(r.refundFee) || r.refundFee <= 0 || refunded + r.refundFee > o.totalFee) {
      throw new PayError('NOTENOUGH', '申请退款金额超过订单可退金额');
    }
    const refund: PayRefund = {
      outRefundNo: r.outRefundNo,
      outTradeNo: r.outTradeNo,
      refundId: `50${digits(26)}`,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      callbackFunction: r.callbackFunction,
      state: 'PROCESSING',
      createdAt: this.now(),
      completedAt: null,
    };
    this.store.saveRefund(refund);
    this.refundsWaiting = true;
    const order: PayOrder = { ...o, state: 'REFUND' };
    this.store.saveOrder(order);
    return { order, refund };
  }

  refundRecord(outRefundNo: string): PayRefund | undefined {
    return this.store.refund(outRefundNo);
  }

  refundsOf(outTradeNo: string): PayRefund[] {
    return this.store.refundsOf(outTradeNo);
  }

  /** Test mode: WeChat Pay reports this refund with `status` from now on (e.g. CHANGE). */
  setRefundStatus(outRefundNo: string, status: string): PayRefund {
    const r = this.store.refund(outRefundNo);
    if (!r) throw new PayError('NOT_FOUND', 'no such refund');
    const changed: PayRefund = { ...r, state: status, completedAt: r.completedAt ?? this.now() };
    this.store.saveRefund(changed);
    return changed;
  }

  // ——— what the payer does on the pay sheet ———

  view(prepayId: string, openId: string): PayOrder {
    const o = this.store.orderByToken(prepayId);
    if (!o || o.openId !== openId) throw new PayError('NOT_FOUND', 'no such payment');
    return o;
  }

  /** The payer confirms: the payment succeeds and its notification is delivered. */
  confirm(prepayId: string, openId: string): PayOrder {
    return this.markPaid(this.view(prepayId, openId));
  }

  markPaid(o: PayOrder): PayOrder {
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return o;
    if (o.state === 'CLOSED') throw new PayError('ORDERCLOSED', 'this payment was closed');
    if (this.now() > o.expireAt) throw new PayError('ORDERCLOSED', 'this payment has expired');
    const paid: PayOrder = { ...o, state: 'SUCCESS', transactionId: `4200${digits(24)}`, paidAt: this.now() };
    this.store.saveOrder(paid);
    if (this.deliver) this.schedule(paid.callbackFunction, () => this.paymentEvent(paid), paid.openId);
    return paid;
  }

  // ——— notifications ———

  paymentEvent(o: PayOrder, forged: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      appid: this.opts.appId,
      mchId: MCH_ID,
      subMchId: o.subMchId,
      nonceStr: randomBytes(8).toString('hex'),
      openid: o.openId,
      subOpenid: o.openId,
      isSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      feeType: 'CNY',
      totalFee: o.totalFee,
      cashFee: o.totalFee,
      outTradeNo: o.outTradeNo,
      transactionId: o.transactionId,
      timeEnd: o.paidAt === null ? '' : toWechatTime(o.paidAt),
      ...forged,
    };
  }

  /** Undocumented for cloudPay: the callback must not rely on it, and confirms with queryRefund. */
  private refundEvent(r: PayRefund): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: this.opts.appId,
      mchId: MCH_ID,
      nonceStr: randomBytes(8).toString('hex'),
      outTradeNo: r.outTradeNo,
      outRefundNo: r.outRefundNo,
      refundId: r.refundId,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.state,
      successTime: r.completedAt === null ? '' : toWechatTime(r.completedAt),
    };
  }

  /** Refunds whose processing time has passed succeed, and their notification goes out. */
  private completeDueRefunds(): void {
    if (!this.refundsWaiting) return;
    const processing = this.store.processingRefunds();
    if (processing.length === 0) this.refundsWaiting = false;
    const due = processing.filter((r) => this.now() >= r.createdAt + this.refundProcessingMs);
    for (const r of due) {
      const done: PayRefund = { ...r, state: 'SUCCESS', completedAt: this.now() };
      this.store.saveRefund(done);
      const payer = this.store.order(r.outTradeNo)?.openId ?? '';
      if (this.deliver) this.schedule(done.callbackFunction, () => this.refundEvent(done), payer);
    }
  }

  /** Delivers one notification to the callback function as the payment system. */
  notifyOnce(fn: string, event: unknown, payer: string, source = PAY_CALLBACK_SOURCE): Promise<unknown> {
    return this.opts.invoke(fn, event, { openId: payer, appId: this.opts.appId, source });
  }

  /** Delivers now, then keeps delivering on WeChat Pay's schedule until the function acknowledges. */
  private schedule(fn: string, event: () => unknown, payer: string): void {
    this.deliveries.add({ fn, event, payer, attempt: 0, dueAt: this.now(), inFlight: false });
    // The first delivery goes out at once, not at the next tick.
    setImmediate(() => this.tick());
  }

  private tick(): void {
    if (this.closed) return;
    try {
      this.completeDueRefunds();
    } catch (e) {
      console.error('[pay] refunds:', e);
    }
    for (const d of this.deliveries) {
      if (d.inFlight || this.now() < d.dueAt) continue;
      d.inFlight = true;
      const settled = (ok: boolean): void => {
        d.inFlight = false;
        d.attempt++;
        const gap = RETRY_GAPS_MS[d.attempt - 1];
        // The next try is due a gap after this one was due, so a clock moved on by hours delivers
        // every try that would have come meanwhile, one after another.
        if (ok || gap === undefined) this.deliveries.delete(d);
        else d.dueAt += gap;
      };
      this.notifyOnce(d.fn, d.event(), d.payer).then(
        (answer) => settled(answeredOk(answer)),
        () => settled(false),
      );
    }
  }
}
