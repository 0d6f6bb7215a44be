/**
 * HTTP doors of the simulated WeChat Pay (functions reach it as cloud.cloudPay, ../pay/wxpay-api.ts):
 *   GET  /api/pay/local/:prepayId           the pay sheet: what is being paid (the payer's session)
 *   POST /api/pay/local/:prepayId/confirm   the payer confirms
 *   POST /api/test/pay/notify|confirm|delivery|refund-status   test mode: deliver again, forged,
 *                                           concurrently…, or list a refund with another status
 */
import type { ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { PayError, type PaySystem } from '../pay/pay-system';
import { HttpError, sendError, sendJson } from './http-util';

export function sameKey(given: string | string[] | undefined, key: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

function payErrorStatus(e: PayError): number {
  return e.code === 'NOT_FOUND' ? 404 : 409;
}

async function run(res: ServerResponse, fn: () => unknown | Promise<unknown>): Promise<void> {
  try {
    sendJson(res, 200, await fn());
  } catch (e) {
    if (e instanceof PayError) return sendError(res, payErrorStatus(e), e.code, e.message);
    throw e;
  }
}

/** The payer's side: the pay sheet reads the payment and confirms it. */
export async function handlePaySheet(
  pay: PaySystem,
  openId: string,
  prepayId: string,
  confirm: boolean,
  res: ServerResponse,
): Promise<void> {
  return run(res, () => {
    const o = confirm ? pay.confirm(prepayId, openId) : pay.view(prepayId, openId);
    return {
      prepayId: o.payToken,
      outTradeNo: o.outTradeNo,
      description: o.description,
      amount: o.totalFee,
      status: o.state,
    };
  });
}

/** Test mode: deliver a payment notification on demand — again, concurrently, late, or forged. */
export async function handlePayTest(
  pay: PaySystem,
  path: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): Promise<void> {
  if (path === '/api/test/pay/delivery') {
    if (body.deliver !== undefined) pay.deliver = body.deliver !== false;
    // How long a refund stays PROCESSING (local clock): long suites shorten it.
    const ms = Number(body.refundProcessingMs);
    if (Number.isInteger(ms) && ms >= 0 && ms <= 3_600_000) pay.refundProcessingMs = ms;
    return sendJson(res, 200, { deliver: pay.deliver, refundProcessingMs: pay.refundProcessingMs });
  }
  if (path === '/api/test/pay/refund-status') {
    // What WeChat Pay lists for a refund: CHANGE, REFUNDCLOSE, or a status no adapter knows yet.
    const status = typeof body.status === 'string' && /^[A-Z_]{0,32}$/.test(body.status) ? body.status : null;
    if (status === null) throw new HttpError(400, 'INVALID_ARGUMENT', 'status: capitals and _');
    return run(res, () => pay.setRefundStatus(String(body.outRefundNo), status));
  }
  const order = pay.order(String(body.outTradeNo));
  if (!order) throw new HttpError(404, 'NOT_FOUND', 'no such payment');
  if (path === '/api/test/pay/confirm') {
    // Paid without the pay sheet; with delivery off, no notification follows.
    return run(res, () => pay.markPaid(order));
  }
  if (path === '/api/test/pay/notify') {
    const times = Math.min(Math.max(1, Number(body.times ?? 1)), 64);
    const forged = (typeof body.forge === 'object' && body.forge !== null ? body.forge : {}) as Record<string, unknown>;
    const source = typeof body.source === 'string' ? body.source : undefined;
    const delayMs = Math.min(Math.max(0, Number(body.delayMs ?? 0)), 10_000);
    const once = async (): Promise<unknown> => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      // A callback that timed out or crashed answers nothing, as WeChat Pay would see it.
      return pay
        .notifyOnce(order.callbackFunction, pay.paymentEvent(order, forged), order.openId, source)
        .catch((e: unknown) => ({ failed: e instanceof Error ? e.message : String(e) }));
    };
    const answers: unknown[] = [];
    if (body.concurrent === true) answers.push(...(await Promise.all(Array.from({ length: times }, once))));
    else for (let i = 0; i < times; i++) answers.push(await once());
    return sendJson(res, 200, { answers });
  }
  sendError(res, 404, 'NOT_FOUND', path);
}
