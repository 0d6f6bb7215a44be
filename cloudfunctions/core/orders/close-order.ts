/**
 * Closing an unpaid order (the buyer cancels, or the pay timeout passes): the payment is closed
 * first — if it turns out paid, the order is settled instead — then, in one transaction, the order
 * closes, its stock is released (to the shards it came from, for a sharded product) and the day's
 * total given back.
 *
 * WeChat Pay refuses to close a payment in its first 5 minutes. Our side then does NOT close the
 * order: as long as the payment can still be paid, a closed order could meet money it can no longer
 * turn into cards, and that money would need a refund path of its own. Instead a buyer's cancel is
 * recorded (`cancelRequestedAt`: no new payment request is handed out for the order) and the
 * payment poller closes payment and order together once WeChat Pay allows it. A payment that still
 * arrives meanwhile — the buyer paid on a sheet already open — settles the order as any payment
 * does: the buyer gets the cards they paid for, no money is held without an order, none twice.
 */
import type { CardProduct } from '../../../src/domain/catalog';
import type { CloseReason, Order } from '../../../src/domain/order';
import { C } from '../collections';
import { PaymentError, payments, type CloseResult } from '../payments';
import { transaction, txGet, txUpdate } from '../tx';
import { purchaseDayId, type PurchaseDay } from './create-order';
import { settleOrder } from './settle';
import { isSharded, txRelease } from './stock-shards';

/** 'close-pending': WeChat Pay would not (or could not) close the payment yet; the poller closes it later. */
export type CloseOutcome = 'closed' | 'paid' | 'close-pending' | 'not-pending';

export async function closeOrder(order: Order, reason: CloseReason, now: number): Promise<CloseOutcome> {
  if (order.status !== 'pending') return 'not-pending';
  const pay = payments();
  let result: CloseResult;
  try {
    result = await pay.closePayment(order._id);
  } catch (e) {
    // WeChat Pay unreachable: not closed as far as we know, so handled like a close it refused.
    if (!(e instanceof PaymentError)) throw e;
    console.error(`close of ${order._id} not answered, tried again later: ${e.message}`);
    result = 'open';
  }
  if (result === 'paid') {
    const status = await pay.queryPayment(order._id);
    if (status.state === 'SUCCESS') {
      await settleOrder(
        {
          outTradeNo: order._id,
          transactionId: status.transactionId,
          totalFee: status.totalFee,
          paidAt: status.paidAt ?? now,
        },
        now,
      );
    }
    return 'paid';
  }
  if (result === 'open') {
    if (reason === 'cancelled') await markCancelRequested(order._id, now);
    return 'close-pending';
  }
  return transaction(async (tx) => {
    const current = await txGet<Order>(tx, C.orders, order._id);
    if (!current || current.status !== 'pending') return 'not-pending' as const;
    await txUpdate(tx, C.orders, order._id, { status: 'closed', closedAt: now, closeReason: reason });
    if (current.stockTakes) {
      // Back to the shards it was reserved from.
      await txRelease(tx, current.stockTakes);
    } else {
      const product = await txGet<CardProduct>(tx, C.products, current.productId);
      if (product && product.stock !== null && !isSharded(product)) {
        await txUpdate(tx, C.products, product._id, { stock: product.stock + current.quantity });
      }
    }
    const dayId = purchaseDayId(current.owner, current.day);
    const day = await txGet<PurchaseDay>(tx, C.purchaseDays, dayId);
    if (day) await txUpdate(tx, C.purchaseDays, dayId, { total: Math.max(0, day.total - current.total) });
    return 'closed' as const;
  });
}

/** The buyer's cancel, kept until the payment can be closed (the first one counts). */
async function markCancelRequested(orderId: string, now: number): Promise<void> {
  await transaction(async (tx) => {
    const current = await txGet<Order>(tx, C.orders, orderId);
    if (!current || current.status !== 'pending' || current.cancelRequestedAt !== undefined) return;
    await txUpdate(tx, C.orders, orderId, { cancelRequestedAt: now });
  });
}
