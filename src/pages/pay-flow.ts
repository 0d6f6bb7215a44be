/** After an order is created: pay it (WeChat's sheet, or the local cloud's simulated one), then the result. */
import type { OrderView, PaymentRequest } from '../contracts/orders';
import type { OrdersStore } from '../stores/orders-store';
import { navigate } from './routes';

export async function startPayment(
  orders: OrdersStore,
  order: OrderView,
  payment: PaymentRequest | null,
): Promise<void> {
  if (!payment) return navigate.result(order._id);
  const step = await orders.pay(order._id, payment);
  if (step.kind === 'sheet') return navigate.paySheet(step.prepayId, order._id);
  if (step.kind === 'paid') navigate.result(order._id);
}
