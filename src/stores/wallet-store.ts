/** The wallet: my cards by group with the total balance, one card's history, refund, binding and extension requests. */
import { makeAutoObservable } from 'mobx';
import type { WalletGroup } from '../domain/card';
import type { WalletActions } from '../contracts/wallet';
import type { WalletService } from '../services/wallet-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

export class WalletStore {
  readonly list = new AsyncView<Out<'list'>>((d) => d.cards.length === 0);
  readonly detail = new AsyncView<Out<'detail'>>();
  group: WalletGroup = 'usable';
  readonly action = new BusyAction();

  constructor(private readonly service: WalletService) {
    makeAutoObservable<WalletStore, 'service'>(this, { service: false, list: false, detail: false, action: false });
  }

  load(): Promise<void> {
    return this.list.run(() => this.service.list());
  }

  loadCard(cardId: string): Promise<void> {
    return this.detail.run(() => this.service.detail(cardId));
  }

  setGroup(g: WalletGroup): void {
    this.group = g;
  }

  get cardsInGroup(): Out<'list'>['cards'] {
    return (this.list.data?.cards ?? []).filter((c) => c.group === this.group);
  }

  async refund(cardId: string): Promise<boolean> {
    const done = await this.action.run(() => this.service.refund(cardId));
    if (done) await this.loadCard(cardId);
    return done !== undefined;
  }

  /**
   * Asks for an expired card's balance back (an optional note) once `consent` (asked by the page
   * within the tap) is answered, whatever the answer; reloads the card to show the request.
   */
  async requestExtension(cardId: string, note = '', consent: Promise<void> = Promise.resolve()): Promise<boolean> {
    await consent;
    const trimmed = note.trim();
    const done = await this.action.run(() => this.service.requestExtension(cardId, trimmed || undefined));
    if (done) await this.loadCard(cardId);
    return done !== undefined;
  }

  bind(cardNumber: string, pin: string): Promise<Out<'bind'> | undefined> {
    return this.action.run(() => this.service.bind(cardNumber, pin));
  }
}
