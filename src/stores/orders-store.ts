/**
 * My orders and one order, with paying again and cancelling; paying (WeChat's sheet or the local
 * one), then asking the orders function once to check with WeChat Pay, so a paid order shows paid
 * at once even when the payment notification is late; and waiting for payment.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { OrdersActions, PaymentRequest } from '../contracts/orders';
import type { OrdersService } from '../services/orders-service';
import type { LocalPayment, PaymentService, PayStep } from '../services/payment-service';
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

  /** Cancels; refused or not, the order is shown as it now is (a payment may have beaten the cancel). */
  async cancel(orderId: string): Promise<void> {
    await this.action.run(() => this.service.cancel(orderId));
    await this.loadOrder(orderId);
  }

  /** Pays with the payment request: after WeChat's sheet says paid, the order is synced once. */
  async pay(orderId: string, payment: PaymentRequest): Promise<PayStep> {
    const step = await this.payments.pay(payment);
    if (step.kind === 'paid') await this.sync(orderId);
    return step;
  }

  loadSheet(prepayId: string): Promise<void> {
    return this.sheet.run(() => this.payments.localPayment(prepayId));
  }

  /** The local sheet's confirm, then one sync of the order. */
  async confirmSheet(prepayId: string, orderId: string): Promise<boolean> {
    const paid = (await this.action.run(() => this.payments.confirmLocalPayment(prepayId))) !== undefined;
    if (paid) await this.sync(orderId);
    return paid;
  }

  /**
   * Asks the orders function to check the payment with WeChat Pay now. Best effort: if it fails,
   * the notification or the payment poller settles the order, and the result page waits for that.
   */
  private async sync(orderId: string): Promise<void> {
    try {
      await this.service.sync(orderId);
    } catch {
      // the result page's polling covers it
    }
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
