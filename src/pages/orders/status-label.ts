/**
 * An order's state as the buyer reads it: a paid order whose cards were refunded says so (退款中,
 * 部分退款, 已退款) instead of 已支付, and the detail names the cards and the money going back.
 */
import type { OrderView } from '../../contracts/orders';
import { formatPrice } from '../../domain/money';
import { strings } from '../../strings/zh-CN';

const s = strings.orders;

export function orderStatusLabel(o: Pick<OrderView, 'status' | 'quantity' | 'refund'>): string {
  if (o.status !== 'paid' || !o.refund) return s.status[o.status];
  if (o.refund.processing) return s.refund.processing;
  return o.refund.cards >= o.quantity ? s.refund.all : s.refund.part;
}

/** The detail's line about the refund, or null when nothing was refunded. */
export function orderRefundLine(o: Pick<OrderView, 'refund'>): string | null {
  if (!o.refund) return null;
  return s.refund.line(o.refund.cards, formatPrice(o.refund.amount), o.refund.processing);
}
