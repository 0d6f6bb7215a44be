/**
 * The local cloud's WeChat Pay: orders, payment, close, refund and their notifications, with WeChat
 * Pay's states and its habits — a notification is delivered to the order's callback function as
 * SOURCE wx_paycallback and retried with growing gaps until the function answers errcode 0.
 * Tests can deliver a notification again, late, concurrently or forged, or switch delivery off
 * (a notification that never comes) so the payment poller has to find the payment.
 */
import { randomBytes } from 'node:crypto';
import { toWechatTime } from '../../core/payments/wechat-pay';
import type { LocalClock } from '../clock';
import type { Invoker } from '../runtime/runtime';
import { PayStore, type PayOrder, type PayRefund } from './pay-store';

export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

/** Gaps between deliveries of one notification, as WeChat Pay spaces its retries. */
const RETRY_GAPS_MS = [15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000];

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

function answeredOk(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { errcode?: unknown }).errcode === 0;
}

const digits = (n: number): string => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

export class PaySystem {
  private readonly store: PayStore;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Off in tests that need a notification that never comes. */
  deliver = true;
  private closed = false;

  constructor(private readonly opts: PaySystemOptions) {
    this.store = new PayStore(opts.file);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.store.close();
  }

  // ——— what functions call (through the payments port) ———

  unifiedOrder(p: {
    outTradeNo: string;
    totalFee: number;
    description: string;
    openId: string;
    callbackFunction: string;
    expireAt: number;
  }): { payToken: string } {
    if (!Number.isInteger(p.totalFee) || p.totalFee <= 0)
      throw new PayError('INVALID_REQUEST', 'totalFee must be a positive integer');
    const existing = this.store.order(p.outTradeNo);
    if (existing) {
      if (existing.totalFee !== p.totalFee || existing.openId !== p.openId)
        throw new PayError('INVALID_REQUEST', 'outTradeNo reused with other parameters');
      if (existing.state === 'CLOSED') throw new PayError('ORDERCLOSED', 'order closed');
      if (existing.state !== 'NOTPAY') throw new PayError('ORDERPAID', 'order paid');
      return { payToken: existing.payToken };
    }
    const order: PayOrder = {
      ...p,
      payToken: randomBytes(16).toString('hex'),
      state: 'NOTPAY',
      transactionId: '',
      paidAt: null,
      createdAt: this.opts.clock.now(),
    };
    this.store.saveOrder(order);
    return { payToken: order.payToken };
  }

  queryOrder(outTradeNo: string): { state: string; totalFee: number; transactionId: string; paidAt: number | null } {
    const o = this.store.order(outTradeNo);
    if (!o) return { state: 'NOTFOUND', totalFee: 0, transactionId: '', paidAt: null };
    return { state: o.state, totalFee: o.totalFee, transactionId: o.transactionId, paidAt: o.paidAt };
  }

  closeOrder(outTradeNo: string): { result: 'closed' | 'paid' } {
    const o = this.store.order(outTradeNo);
    if (!o || o.state === 'CLOSED') return { result: 'closed' };
    if (o.state !== 'NOTPAY') return { result: 'paid' };
    this.store.saveOrder({ ...o, state: 'CLOSED' });
    return { result: 'closed' };
  }

  refund(r: {
    outTradeNo: string;
    outRefundNo: string;
    totalFee: number;
    refundFee: number;
    callbackFunction: string;
  }): {
    accepted: boolean;
    state: string;
  } {
    const existing = this.store.refund(r.outRefundNo);
    if (existing) return { accepted: true, state: existing.state };
    const o = this.store.order(r.outTradeNo);
    if (!o || (o.state !== 'SUCCESS' && o.state !== 'REFUND'))
      throw new PayError('TRADE_STATE_ERROR', 'order not paid');
    if (r.totalFee !== o.totalFee) throw new PayError('INVALID_REQUEST', 'totalFee differs from the order');
    const refunded = this.store.refundsOf(r.outTradeNo).reduce((s, x) => s + x.refundFee, 0);
    if (!Number.isInteger(r.refundFee) || r.refundFee <= 0 || refunded + r.refundFee > o.totalFee) {
      throw new PayError('NOTENOUGH', 'refund exceeds what is left of the payment');
    }
    const refund: PayRefund = {
      outRefundNo: r.outRefundNo,
      outTradeNo: r.outTradeNo,
      refundId: `50${digits(26)}`,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      callbackFunction: r.callbackFunction,
      state: 'PROCESSING',
      createdAt: this.opts.clock.now(),
      completedAt: null,
    };
    this.store.saveRefund(refund);
    this.store.saveOrder({ ...o, state: 'REFUND' });
    // The bank answers at once here; the notification follows as WeChat's would.
    setImmediate(() => this.completeRefund(r.outRefundNo));
    return { accepted: true, state: 'PROCESSING' };
  }

  queryRefund(outRefundNo: string): { state: string; refundFee: number } {
    const r = this.store.refund(outRefundNo);
    return r ? { state: r.state, refundFee: r.refundFee } : { state: 'NOTFOUND', refundFee: 0 };
  }

  // ——— what the payer does on the pay sheet ———

  view(payToken: string, openId: string): PayOrder {
    const o = this.store.orderByToken(payToken);
    if (!o || o.openId !== openId) throw new PayError('NOT_FOUND', 'no such payment');
    return o;
  }

  /** The payer confirms: the payment succeeds and its notification is delivered. */
  confirm(payToken: string, openId: string): PayOrder {
    const o = this.view(payToken, openId);
    return this.markPaid(o);
  }

  markPaid(o: PayOrder): PayOrder {
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return o;
    if (o.state === 'CLOSED') throw new PayError('ORDERCLOSED', 'this payment was closed');
    if (this.opts.clock.now() > o.expireAt) throw new PayError('ORDERCLOSED', 'this payment has expired');
    const paid: PayOrder = {
      ...o,
      state: 'SUCCESS',
      transactionId: `4200${digits(24)}`,
      paidAt: this.opts.clock.now(),
    };
    this.store.saveOrder(paid);
    if (this.deliver) this.schedule(paid.callbackFunction, () => this.paymentEvent(paid), paid.openId, 0);
    return paid;
  }

  order(outTradeNo: string): PayOrder | undefined {
    return this.store.order(outTradeNo);
  }

  // ——— notifications ———

  paymentEvent(o: PayOrder, forged: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      appid: this.opts.appId,
      mchId: '1900000109',
      subMchId: '1900000110',
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

  private refundEvent(r: PayRefund): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: this.opts.appId,
      mchId: '1900000109',
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

  private completeRefund(outRefundNo: string): void {
    const r = this.store.refund(outRefundNo);
    if (!r || r.state !== 'PROCESSING') return;
    const done: PayRefund = { ...r, state: 'SUCCESS', completedAt: this.opts.clock.now() };
    this.store.saveRefund(done);
    const payer = this.store.order(r.outTradeNo)?.openId ?? '';
    if (this.deliver) this.schedule(done.callbackFunction, () => this.refundEvent(done), payer, 0);
  }

  /** Delivers one notification to the callback function as the payment system. */
  notifyOnce(fn: string, event: unknown, payer: string, source = PAY_CALLBACK_SOURCE): Promise<unknown> {
    return this.opts.invoke(fn, event, { openId: payer, appId: this.opts.appId, source });
  }

  /** Delivers, and keeps delivering with WeChat Pay's gaps until the function acknowledges. */
  private schedule(fn: string, event: () => unknown, payer: string, attempt: number): void {
    const run = (): void => {
      this.notifyOnce(fn, event(), payer).then(
        (answer) => {
          if (!answeredOk(answer)) this.retry(fn, event, payer, attempt);
        },
        () => this.retry(fn, event, payer, attempt),
      );
    };
    if (attempt === 0) setImmediate(run);
    else run();
  }

  private retry(fn: string, event: () => unknown, payer: string, attempt: number): void {
    const gap = RETRY_GAPS_MS[attempt];
    if (gap === undefined || this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.schedule(fn, event, payer, attempt + 1);
    }, gap);
    t.unref();
    this.timers.add(t);
  }
}
