/** After an order is created: WeChat Pay's sheet, or the local cloud's simulated one, then the result. */
import type { OrderView, PaymentRequest } from '../contracts/orders';
import type { OrdersStore } from '../stores/orders-store';
import { navigate } from './routes';

export async function startPayment(
  orders: OrdersStore,
  order: OrderView,
  payment: PaymentRequest | null,
): Promise<void> {
  if (!payment) return navigate.result(order._id);
  if (payment.provider === 'local') return navigate.paySheet(payment.payToken, order._id);
  if (await orders.payWithWechat(payment)) navigate.result(order._id);
}
