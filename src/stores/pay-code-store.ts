/**
 * The holder's pay code screen for one card: a code from the cloud, the next one each time the shown
 * one falls due (the QR component says when), and what the clerk does with it, followed by polling.
 * Like WeChat's pay code, it stops making codes after a while on screen — a phone left open on a
 * counter shouldn't keep minting — until the holder taps to resume. Every code shown is followed
 * until the cloud calls it expired, because a clerk may scan one just before the screen replaces it.
 * With no network (the platform says so, or a call for a code fails to reach the cloud) it shows
 * offline codes derived on the phone instead (offline-pay.ts), and online ones again once it can.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { CardView, PayCodeView, PayStatusView } from '../contracts/wallet';
import type { Fen } from '../domain/money';
import { errorCodeOf, NETWORK } from '../services/api-error';
import type { NetworkService } from '../services/network-types';
import type { ScreenService } from '../services/screen-types';
import type { WalletService } from '../services/wallet-service';
import { BusyAction } from './busy-action';
import type { OfflinePay, OfflinePayCode } from './offline-pay';
import type { SplitPayStore } from './split-pay-store';
import { Poller, realTicker, type Ticker } from './ticker';

/** What a pay code screen can do beyond one-card online codes; each is left out where not wanted. */
export interface PayCodeExtras {
  /** Codes derived on the phone when the network is gone. */
  offline?: { pay: OfflinePay; network: NetworkService };
  /** Several cards of the brand, and WeChat Pay for the rest. */
  split?: SplitPayStore;
}

/** How often the screen asks what became of its codes. */
export const PAY_STATUS_POLL_MS = 1_500;
/** After this long on screen, codes stop refreshing until the holder taps. */
export const PAY_CODE_SHOW_MS = 5 * 60_000;

/** Why a clerk's request went away without a payment (a split one: after its card debits were given back). */
export type PayNotice = 'declined' | 'confirmExpired' | 'splitDeclined' | 'splitExpired';

export class PayCodeStore {
  cardId = '';
  code: PayCodeView | undefined = undefined;
  fetching = false;
  /** Why the latest code could not be had. */
  errorCode: string | undefined = undefined;
  /** Shown long enough: no new codes until the holder taps. */
  paused = false;
  /** An amount above the threshold, waiting for the holder's answer. */
  pending: PayStatusView | undefined = undefined;
  /** The payment, once the balance was debited. */
  result: PayStatusView | undefined = undefined;
  notice: PayNotice | undefined = undefined;
  /** The shown code was derived offline: what it may pay. */
  offline: Omit<OfflinePayCode, 'payCode'> | undefined = undefined;
  /** No network, and no offline key on this device for the card. */
  offlineUnavailable = false;
  /** Confirming or declining. */
  readonly action = new BusyAction();
  /** The cloud's clock minus the phone's, from the latest answer: countdowns follow the cloud. */
  private skew = 0;
  private shownSince = 0;
  /** Codes shown that a clerk may still use. */
  private readonly watched = new Set<string>();
  private readonly poller: Poller;
  /** What the platform last said; a failed call also says offline. */
  private online = true;
  private unwatch: (() => void) | undefined = undefined;

  /** Split payment (the holder's cards of the brand, WeChat Pay for the rest); without it, one-card codes. */
  readonly split?: SplitPayStore;
  private readonly offlinePay?: PayCodeExtras['offline'];

  constructor(
    private readonly wallet: WalletService,
    private readonly screen: ScreenService,
    private readonly ticker: Ticker = realTicker,
    extras: PayCodeExtras = {},
  ) {
    this.split = extras.split;
    this.offlinePay = extras.offline;
    this.poller = new Poller(ticker, PAY_STATUS_POLL_MS, () => this.poll());
    makeAutoObservable<
      PayCodeStore,
      'wallet' | 'screen' | 'ticker' | 'shownSince' | 'watched' | 'poller' | 'offlinePay' | 'online' | 'unwatch'
    >(this, {
      wallet: false,
      screen: false,
      ticker: false,
      split: false,
      action: false,
      shownSince: false,
      watched: false,
      poller: false,
      offlinePay: false,
      online: false,
      unwatch: false,
    });
  }

  /** The screen is shown for `cardId`: keep it bright, follow the codes, show a fresh one. */
  show(cardId: string): void {
    if (cardId !== this.cardId) this.reset(cardId);
    void this.screen.keepBright();
    this.poller.start();
    this.watchNetwork();
    if (this.result || this.pending) return;
    this.shownSince = this.ticker.now();
    this.paused = false;
    void this.firstRefresh();
  }

  /** The screen is hidden or left: it may dim again, and nothing is polled meanwhile. */
  hide(): void {
    this.poller.stop();
    this.unwatch?.();
    this.unwatch = undefined;
    void this.screen.restore();
  }

  /** The screen is closed: next time it opens, it starts afresh. */
  leave(): void {
    this.hide();
    this.reset('');
  }

  /** The shown code is due: the next one, unless the screen has been up long enough. */
  onDue(): void {
    if (this.result || this.pending || this.paused) return;
    if (this.ticker.now() - this.shownSince >= PAY_CODE_SHOW_MS) {
      this.paused = true;
      return;
    }
    void this.refresh();
  }

  /** The holder tapped the paused code (or the retry): codes again, for another while. */
  resume(): void {
    this.paused = false;
    this.notice = undefined;
    this.shownSince = this.ticker.now();
    void this.refresh();
  }

  /** After a payment: a code for another one. */
  again(): void {
    this.result = undefined;
    this.resume();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  async refresh(): Promise<void> {
    const cardId = this.cardId;
    if (this.fetching || cardId === '') return;
    if (this.offlinePay && !this.online) {
      this.showOffline();
      return;
    }
    this.fetching = true;
    this.errorCode = undefined;
    const payWith = this.split?.payWith;
    try {
      const { payCode } = await this.wallet.payCode(cardId, payWith);
      runInAction(() => {
        if (cardId !== this.cardId) return;
        this.code = payCode;
        this.offline = undefined;
        this.offlineUnavailable = false;
        this.skew = payCode.now - this.ticker.now();
        this.watched.add(payCode.code);
      });
      void this.offlinePay?.pay.ensureKey(cardId, payCode.now);
    } catch (e) {
      runInAction(() => {
        const code = errorCodeOf(e);
        if (code === NETWORK && this.offlinePay) this.showOffline();
        else this.errorCode = code;
      });
    } finally {
      runInAction(() => (this.fetching = false));
    }
    // The holder changed the cards while this code was being made: it doesn't carry them, make another.
    if (this.split && payWith?.join() !== this.split.payWith.join() && !this.result && !this.pending)
      await this.refresh();
  }

  /** The offline code of this window, or why there is none. */
  private showOffline(): void {
    const derived = this.offlinePay?.pay.code(this.cardId, this.ticker.now() + this.skew);
    this.offlineUnavailable = derived === undefined;
    if (!derived) {
      this.errorCode = NETWORK;
      return;
    }
    const { payCode, ...allows } = derived;
    this.code = payCode;
    this.offline = allows;
    this.errorCode = undefined;
  }

  /** Follows the platform's network status while shown: offline codes at once, online ones when it is back. */
  private watchNetwork(): void {
    const o = this.offlinePay;
    if (!o || this.unwatch) return;
    const changed = (online: boolean) =>
      runInAction(() => {
        const was = this.online;
        this.online = online;
        if (was !== online && !this.result && !this.pending && !this.paused) void this.refresh();
      });
    this.unwatch = o.network.watch(changed);
  }

  /** A code as the screen opens: asked of the cloud unless the platform already says there is no network. */
  private async firstRefresh(): Promise<void> {
    const online = await this.offlinePay?.network.online();
    if (online !== undefined) runInAction(() => (this.online = online));
    await this.refresh();
  }

  /** One round of asking what became of every code a clerk may still use. */
  async poll(): Promise<void> {
    if (this.watched.size === 0) return;
    const answers = await Promise.all(
      [...this.watched].map((code) =>
        this.wallet.payStatus(code).then(
          (r) => r.status,
          // A failed poll is asked again at the next tick: a flaky network must not end the screen.
          () => undefined,
        ),
      ),
    );
    runInAction(() => answers.forEach((s) => s && this.apply(s)));
  }

  async confirm(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    const done = await this.action.run(() => this.wallet.confirmPay(p.code));
    if (done) this.apply(done.status);
  }

  async decline(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    const done = await this.action.run(() => this.wallet.declinePay(p.code));
    if (done) this.apply(done.status);
  }

  /** The holder's cards are known: the default choice of cards, and a code carrying it if it changed. */
  setupSplit(opened: CardView, wallet: readonly CardView[]): void {
    if (!this.split || opened._id !== this.cardId) return;
    if (this.split.setup(opened, wallet, this.ticker.now() + this.skew) && !this.result && !this.pending)
      void this.refresh();
  }

  /** The holder ticks or unticks a card: the next code carries the new choice, shown at once. */
  toggleCard(cardId: string): void {
    if (!this.split || this.result || this.pending) return;
    this.split.toggle(cardId);
    void this.refresh();
  }

  /** Pays the pending split payment's remainder (WeChat's sheet, or the local one). */
  async payRemainder(): Promise<void> {
    const p = this.pending;
    if (!p || !this.split) return;
    const done = await this.split.payRemainder(p.code);
    if (done) this.apply(done);
  }

  /** The local pay sheet's confirm. */
  async confirmSheet(): Promise<void> {
    const p = this.pending;
    if (!p || !this.split) return;
    const done = await this.split.confirmSheet(p.code);
    if (done) this.apply(done);
  }

  /** What the holder has left: after the payment, else as of the shown code. */
  get balance(): Fen | undefined {
    return this.result?.balanceAfter ?? this.code?.balance;
  }

  /** When (phone clock) the shown code is replaced. */
  get dueAt(): number | undefined {
    const c = this.code;
    if (!c) return undefined;
    const due = c.refreshAt > 0 && c.refreshAt < c.expiresAt ? c.refreshAt : c.expiresAt;
    return due - this.skew;
  }

  /** When (phone clock) the pending request lapses. */
  get confirmDeadline(): number | undefined {
    const by = this.pending?.confirmBy;
    return by == null ? undefined : by - this.skew;
  }

  private apply(s: PayStatusView): void {
    this.skew = s.now - this.ticker.now();
    switch (s.status) {
      case 'issued':
        return;
      case 'pending':
        this.pending = s;
        return;
      case 'completed':
        this.result = s;
        this.pending = undefined;
        this.action.errorCode = undefined;
        // Paid: the screen is done, and a card's other codes are no longer worth following.
        this.watched.clear();
        return;
      case 'declined':
      case 'expired':
      case 'reversed':
        this.watched.delete(s.code);
        if (this.pending?.code !== s.code) return;
        this.pending = undefined;
        this.action.errorCode = undefined;
        if (s.split) this.split?.closeSheet();
        this.notice = s.split
          ? s.status === 'declined'
            ? 'splitDeclined'
            : 'splitExpired'
          : s.status === 'declined'
            ? 'declined'
            : 'confirmExpired';
        // The code on screen was the one used: show the next.
        if (!this.paused) void this.refresh();
        return;
    }
  }

  private reset(cardId: string): void {
    this.cardId = cardId;
    this.code = undefined;
    this.errorCode = undefined;
    this.paused = false;
    this.pending = undefined;
    this.result = undefined;
    this.notice = undefined;
    this.offline = undefined;
    this.offlineUnavailable = false;
    this.action.errorCode = undefined;
    this.watched.clear();
    this.split?.reset();
  }
}
