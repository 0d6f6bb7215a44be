/**
 * The payment notification handler (function `payCallback`). Only the payment system may call it
 * (SOURCE wx_paycallback). A payment notification is believed only after the payment system,
 * queried again, says the same: paid, same amount. Then the order is settled, at most once. The
 * answer `{ errcode: 0 }` tells WeChat Pay to stop retrying; anything else makes it try again —
 * so an event this handler can't classify is never acknowledged (it is logged for a person, and
 * WeChat Pay keeps it). Refund notifications' shape is not documented: one naming a refund number
 * is checked with queryRefund, and the payment poller completes every refund through queryRefund
 * whether a notification came or not. A split payment's remainder (trade numbers `s…`) settles its
 * redemption instead of an order (redeem/split.ts).
 */
import { now } from '../clock';
import { getCaller } from '../cloud';
import { isOrderPaid, settleOrder } from '../orders/settle';
import { completeRefund } from '../wallet/refund-card';
import { codeOfRemainderRefund, codeOfRemainderTrade } from '../../../src/domain/split-pay';
import { completeRemainderRefund, settleRemainder } from '../redeem/split-remainder';
import { payments, type PaymentStatus } from './index';

export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

export interface CallbackAnswer {
  errcode: number;
  errmsg: string;
}

const OK: CallbackAnswer = { errcode: 0, errmsg: '' };

function str(v: unknown, max = 64): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : null;
}

/** Not understood: logged with its field names (never its values), and left for WeChat Pay to retry. */
function unclassified(why: string, event: Record<string, unknown>): CallbackAnswer {
  console.error(`payment notification not acknowledged (${why}); fields: ${Object.keys(event).slice(0, 40).join(',')}`);
  return { errcode: 400, errmsg: why };
}

async function onPayment(event: Record<string, unknown>): Promise<CallbackAnswer> {
  const outTradeNo = str(event.outTradeNo);
  const totalFee = event.totalFee;
  if (!outTradeNo || typeof totalFee !== 'number' || !Number.isInteger(totalFee)) {
    return unclassified('malformed payment notification', event);
  }
  // A failed payment changes nothing of ours; acknowledge it.
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return OK;
  const status = await payments().queryPayment(outTradeNo);
  const splitCode = codeOfRemainderTrade(outTradeNo);
  if (splitCode) return onRemainderPayment(splitCode, status, totalFee);
  if (status.state === 'REFUND' && status.totalFee === totalFee) {
    // Paid and since refunded: a late repeat of a notification we settled long ago. Never settle
    // it now (the money has gone back); anything but an order already paid is for a person to see.
    if (await isOrderPaid(outTradeNo)) return OK;
    console.error(`payment ${outTradeNo} was refunded before its order settled`);
    return { errcode: 409, errmsg: 'refunded' };
  }
  if (status.state !== 'SUCCESS' || status.totalFee !== totalFee) {
    console.error(`payment notification for ${outTradeNo} not confirmed by the payment system (${status.state})`);
    return { errcode: 403, errmsg: 'notification not confirmed' };
  }
  const { outcome } = await settleOrder(
    { outTradeNo, transactionId: status.transactionId, totalFee: status.totalFee, paidAt: status.paidAt ?? now() },
    now(),
  );
  if (outcome === 'settled' || outcome === 'already-paid') return OK;
  console.error(`payment ${outTradeNo} could not settle: ${outcome}`);
  return { errcode: 409, errmsg: outcome };
}

/** A split payment's remainder (trade `s<code>`): believed as WeChat Pay answers it again. */
async function onRemainderPayment(code: string, status: PaymentStatus, totalFee: number): Promise<CallbackAnswer> {
  if ((status.state !== 'SUCCESS' && status.state !== 'REFUND') || status.totalFee !== totalFee) {
    console.error(`remainder notification for ${code} not confirmed by the payment system (${status.state})`);
    return { errcode: 403, errmsg: 'notification not confirmed' };
  }
  const settled = await settleRemainder(code, status, now());
  return settled ? OK : { errcode: 404, errmsg: 'unknown payment' };
}

async function onRefund(event: Record<string, unknown>): Promise<CallbackAnswer> {
  const outRefundNo = str(event.outRefundNo, 80);
  if (!outRefundNo) return unclassified('malformed refund notification', event);
  const status = await payments().queryRefund(outRefundNo);
  if (status.state !== 'SUCCESS' && status.state !== 'FAILED') return { errcode: 403, errmsg: 'refund not final' };
  const splitCode = codeOfRemainderRefund(outRefundNo);
  const outcome = splitCode
    ? await completeRemainderRefund(splitCode, status.state === 'SUCCESS', now())
    : await completeRefund(outRefundNo, status.state === 'SUCCESS', now());
  return outcome === 'not-found' ? { errcode: 404, errmsg: 'unknown refund' } : OK;
}

export async function handlePayCallback(event: unknown): Promise<CallbackAnswer> {
  try {
    if (getCaller().source !== PAY_CALLBACK_SOURCE) return { errcode: 403, errmsg: 'payment system only' };
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      console.error('payment notification not acknowledged: not an object');
      return { errcode: 400, errmsg: 'malformed notification' };
    }
    const e = event as Record<string, unknown>;
    if ('outRefundNo' in e) return await onRefund(e);
    if ('outTradeNo' in e) return await onPayment(e);
    return unclassified('neither a payment nor a refund', e);
  } catch (e) {
    console.error('payment notification failed, WeChat Pay will retry:', e);
    return { errcode: 500, errmsg: 'retry later' };
  }
}
