/** Orders as the client sees them: no owner, request id or real-name details. */
import { sumFen } from '../../../src/domain/money';
import type { Order } from '../../../src/domain/order';
import type { OrderView } from '../../../src/contracts/orders';
import type { RefundRecord } from '../wallet/views';

/** `refunds`: refunds asked for the order's cards (any order's: only this one's count). */
export function toOrderView(o: Order, refunds: readonly RefundRecord[] = []): OrderView {
  const view: OrderView = {
    _id: o._id,
    productId: o.productId,
    productName: o.productName,
    brandId: o.brandId,
    brandName: o.brandName,
    face: o.face,
    amount: o.amount,
    quantity: o.quantity,
    total: o.total,
    bonusPerCard: o.bonusPerCard,
    blessing: o.blessing,
    purpose: o.purpose,
    status: o.status,
    createdAt: o.createdAt,
    payBy: o.payBy,
    cardIds: o.cardIds,
  };
  if (o.giftPlan !== undefined) view.giftPlan = o.giftPlan;
  if (o.paidAt !== undefined) view.paidAt = o.paidAt;
  if (o.closedAt !== undefined) view.closedAt = o.closedAt;
  if (o.closeReason !== undefined) view.closeReason = o.closeReason;
  if (o.cancelRequestedAt !== undefined && o.status === 'pending') view.cancelRequestedAt = o.cancelRequestedAt;
  const mine = refunds.filter((r) => r.orderId === o._id && r.status !== 'failed');
  if (mine.length > 0) {
    view.refund = {
      cards: mine.length,
      amount: sumFen(mine.map((r) => r.amount)),
      processing: mine.some((r) => r.status === 'requested'),
    };
  }
  return view;
}
