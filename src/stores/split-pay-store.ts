/**
 * The holder's side of a split payment at the till (issue 22): which of my cards of the brand may pay
 * the next code (the opened card always, then the others I keep ticked, least balance first), and
 * paying the remainder a store asks for — WeChat's sheet through requestPayment where the functions
 * run in WeChat Cloud, else the local cloud's simulated sheet shown on the pay code page — after
 * which the cloud is asked once (confirmPay) to check the payment with WeChat Pay.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { CardView, PayStatusView } from '../contracts/wallet';
import { fen, sumFen, type Fen } from '../domain/money';
import { defaultPayOrder, payableBeside, SPLIT_RULES } from '../domain/split-pay';
import type { PaymentService } from '../services/payment-service';
import type { WalletService } from '../services/wallet-service';
import { BusyAction } from './busy-action';

export class SplitPayStore {
  /** The opened card and the holder's other usable cards of its brand, in the order they would pay. */
  candidates: CardView[] = [];
  /** The cards ticked to pay (the opened card first, always). */
  chosen: string[] = [];
  /** The local cloud's simulated pay sheet for the remainder, while it is open. */
  sheet: { prepayId: string; amount: Fen } | undefined = undefined;
  /** Starting the payment, paying on the local sheet, checking it. */
  readonly action = new BusyAction();

  constructor(
    private readonly wallet: WalletService,
    private readonly payments: PaymentService,
  ) {
    makeAutoObservable<SplitPayStore, 'wallet' | 'payments'>(this, { wallet: false, payments: false, action: false });
  }

  /**
   * The choice for `opened` among my cards, ticked as the default order says. Answers whether it
   * changed (the code on screen then no longer carries the choice).
   */
  setup(opened: CardView, wallet: readonly CardView[], now: number): boolean {
    const before = this.payWith.join();
    this.candidates = [opened, ...payableBeside(opened, wallet, now)];
    this.chosen = defaultPayOrder(opened, wallet, now);
    return before !== this.payWith.join();
  }

  reset(): void {
    this.candidates = [];
    this.chosen = [];
    this.sheet = undefined;
    this.action.errorCode = undefined;
  }

  isChosen(cardId: string): boolean {
    return this.chosen.includes(cardId);
  }

  /** At most this many cards pay one bill (the cloud's default rule; a deployment's own is checked there). */
  get full(): boolean {
    return this.chosen.length >= SPLIT_RULES.maxCards;
  }

  /** Ticks or unticks one of the other cards; the order stays the candidates' order. */
  toggle(cardId: string): void {
    if (cardId === this.candidates[0]?._id) return;
    const next = this.isChosen(cardId) ? this.chosen.filter((id) => id !== cardId) : [...this.chosen, cardId];
    if (next.length > SPLIT_RULES.maxCards) return;
    this.chosen = this.candidates.map((c) => c._id).filter((id) => next.includes(id));
  }

  /** What the code carries: the other cards, in order (the opened card is the code's own). */
  get payWith(): string[] {
    return this.chosen.slice(1);
  }

  /** The cards' total as ticked: what the bill may take before WeChat Pay is asked. */
  get chosenBalance(): Fen {
    return sumFen(this.candidates.filter((c) => this.isChosen(c._id)).map((c) => c.balance));
  }

  /**
   * Pays the remainder of pending code `code`: WeChat's sheet (then the cloud checks it), or the
   * local sheet opened. Answers the code's status once the payment is confirmed.
   */
  async payRemainder(code: string): Promise<PayStatusView | undefined> {
    const started = await this.action.run(() => this.wallet.payRemainder(code));
    if (!started) return undefined;
    const step = await this.payments.pay(started.payment);
    if (step.kind === 'sheet') {
      runInAction(() => (this.sheet = { prepayId: step.prepayId, amount: started.status.split?.wechatPay ?? fen(0) }));
      return undefined;
    }
    return step.kind === 'paid' ? this.check(code) : undefined;
  }

  /** The local sheet's confirm: the simulated payment made, then the cloud checks it. */
  async confirmSheet(code: string): Promise<PayStatusView | undefined> {
    const sheet = this.sheet;
    if (!sheet) return undefined;
    const paid = await this.action.run(() => this.payments.confirmLocalPayment(sheet.prepayId));
    if (!paid) return undefined;
    runInAction(() => (this.sheet = undefined));
    return this.check(code);
  }

  closeSheet(): void {
    this.sheet = undefined;
  }

  /** Asks the cloud to check the payment with WeChat Pay now (the notification completes it otherwise). */
  private async check(code: string): Promise<PayStatusView | undefined> {
    return (await this.action.run(() => this.wallet.confirmPay(code)))?.status;
  }
}
