/**
 * Closing an unpaid order (the buyer cancels, or the pay timeout passes): the payment is closed
 * first — if it turns out paid, the order is settled instead — then, in one transaction, the order
 * closes, its stock is released and the day's total given back.
 */
import type { CardProduct } from '../../../src/domain/catalog';
import type { CloseReason, Order } from '../../../src/domain/order';
import { C } from '../collections';
import { payments } from '../payments';
import { transaction, txGet, txUpdate } from '../tx';
import { purchaseDayId, type PurchaseDay } from './create-order';
import { settleOrder } from './settle';

export type CloseOutcome = 'closed' | 'paid' | 'not-pending';

export async function closeOrder(order: Order, reason: CloseReason, now: number): Promise<CloseOutcome> {
  if (order.status !== 'pending') return 'not-pending';
  const pay = payments();
  if ((await pay.closePayment(order._id)) === 'paid') {
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
  return transaction(async (tx) => {
    const current = await txGet<Order>(tx, C.orders, order._id);
    if (!current || current.status !== 'pending') return 'not-pending' as const;
    await txUpdate(tx, C.orders, order._id, { status: 'closed', closedAt: now, closeReason: reason });
    const product = await txGet<CardProduct>(tx, C.products, current.productId);
    if (product && product.stock !== null) {
      await txUpdate(tx, C.products, product._id, { stock: product.stock + current.quantity });
    }
    const dayId = purchaseDayId(current.owner, current.day);
    const day = await txGet<PurchaseDay>(tx, C.purchaseDays, dayId);
    if (day) await txUpdate(tx, C.purchaseDays, dayId, { total: Math.max(0, day.total - current.total) });
    return 'closed' as const;
  });
}
