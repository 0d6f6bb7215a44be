/** My orders and one order, with paying again and cancelling; the pay sheet and waiting for payment. */
import { makeAutoObservable, runInAction } from 'mobx';
import type { OrdersActions, PaymentRequest } from '../contracts/orders';
import type { OrdersService } from '../services/orders-service';
import type { LocalPayment, PaymentService } from '../services/payment-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

type Out<A extends keyof OrdersActions> = OrdersActions[A]['output'];

/** How long the result page waits for the payment notification before saying it is still coming. */
export const CONFIRM_POLLS = 20;
export const CONFIRM_POLL_MS = 500;

export class OrdersStore {
  readonly list = new AsyncView<Out<'list'>>((d) => d.orders.length === 0);
  readonly detail = new AsyncView<Out<'detail'>>();
  readonly sheet = new AsyncView<LocalPayment>();
  readonly action = new BusyAction();
  /** The result page: still waiting for the notification after every poll. */
  stillConfirming = false;

  constructor(
    private readonly service: OrdersService,
    private readonly payments: PaymentService,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    makeAutoObservable<OrdersStore, 'service' | 'payments' | 'sleep'>(this, {
      service: false,
      payments: false,
      sleep: false,
      list: false,
      detail: false,
      sheet: false,
      action: false,
    });
  }

  load(): Promise<void> {
    return this.list.run(() => this.service.list());
  }

  loadOrder(orderId: string): Promise<void> {
    return this.detail.run(() => this.service.detail(orderId));
  }

  /** The payment request again for an unpaid order. */
  async paymentFor(orderId: string): Promise<PaymentRequest | undefined> {
    return (await this.action.run(() => this.service.pay(orderId)))?.payment;
  }

  async cancel(orderId: string): Promise<void> {
    if (await this.action.run(() => this.service.cancel(orderId))) await this.loadOrder(orderId);
  }

  loadSheet(payToken: string): Promise<void> {
    return this.sheet.run(() => this.payments.localPayment(payToken));
  }

  async confirmSheet(payToken: string): Promise<boolean> {
    return (await this.action.run(() => this.payments.confirmLocalPayment(payToken))) !== undefined;
  }

  /** WeChat Pay's own sheet (mini-program in WeChat Cloud). */
  async payWithWechat(payment: Extract<PaymentRequest, { provider: 'wechat' }>): Promise<boolean> {
    const paid = await this.action.run(async () => {
      await this.payments.requestWechatPayment(payment);
      return true;
    });
    return paid === true;
  }

  /** Polls the order until the payment notification has settled it (or gives up, saying so). */
  async awaitPaid(orderId: string): Promise<void> {
    this.stillConfirming = false;
    for (let i = 0; i < CONFIRM_POLLS; i++) {
      await this.loadOrder(orderId);
      if (this.detail.data?.order.status !== 'pending') return;
      await this.sleep(CONFIRM_POLL_MS);
    }
    runInAction(() => (this.stillConfirming = true));
  }
}
