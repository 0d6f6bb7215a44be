/** Typed calls to the `orders` function. */
import { ORDERS_FUNCTION, type CreateOrderInput, type OrdersActions } from '../contracts/orders';
import type { OrderStatus } from '../domain/order';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class OrdersService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<OrdersActions>(transport, ORDERS_FUNCTION);
  }

  create = (input: CreateOrderInput) => this.call('create', input);
  pay = (orderId: string) => this.call('pay', { orderId });
  list = (status?: OrderStatus) => this.call('list', status ? { status } : {});
  detail = (orderId: string) => this.call('detail', { orderId });
  cancel = (orderId: string) => this.call('cancel', { orderId });
  sync = (orderId: string) => this.call('sync', { orderId });
}
