/**
 * The clerk's till: who I am and at which store, a scanned or typed pay code and the card behind it,
 * the amount, the redemption (followed while the holder confirms a large amount), reversing it, and
 * today's redemptions. One redemption attempt keeps one request id, so a retry after a lost answer
 * returns the first redemption instead of making a second.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import {
  MERCHANT_LIMITS,
  type MerchantActions,
  type RedemptionView,
  type ScannedCardView,
  type StaffStoreView,
} from '../contracts/merchant';
import { addFen, fen, parseYuanText, subtractFen, yuanText, type Fen } from '../domain/money';
import { parseOfflineInput } from '../domain/offline-code';
import { parsePayInput, PAY_CODE_LENGTH } from '../domain/redemption';
import type { MerchantService } from '../services/merchant-service';
import type { Preference } from '../services/preference';
import type { Scanner, ScanPrompt } from '../services/scanner-types';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';
import { newRequestId } from './request-id';
import { Poller, realTicker, type Ticker } from './ticker';

type Out<A extends keyof MerchantActions> = MerchantActions[A]['output'];

/** How often a redemption waiting for the holder is looked at again. */
export const REDEMPTION_POLL_MS = 1_500;

/** What to send for a scanned or typed code, online or offline: the whole QR payload, or the digits; null when neither. */
function tillPayInput(text: string): string | null {
  const online = parsePayInput(text);
  if (online) return online.mac ? text.trim() : online.code;
  const offline = parseOfflineInput(text);
  if (offline) return offline.tag ? text.trim() : offline.code;
  return null;
}

/** The holder let a large amount's confirmation window pass (a UI-side refusal, no cloud code). */
export const CONFIRM_TIMEOUT = 'CONFIRM_TIMEOUT';

/**
 * Answers that end this pay code's attempt: the clerk needs another code, or another card. (An
 * offline code over its cap is not one: a smaller amount may still be taken with it.)
 */
const REFUSALS: ReadonlySet<string> = new Set([
  'OFFLINE_CODE_REPLAYED',
  'OFFLINE_CODE_EXPIRED',
  'OFFLINE_KEY_REVOKED',
  'OFFLINE_KEY_UNKNOWN',
  'PAY_CODE_INVALID',
  'PAY_CODE_EXPIRED',
  'PAY_CODE_USED',
  'WRONG_MERCHANT',
  'INSUFFICIENT_BALANCE',
  'CARD_NOT_ACTIVE',
  'CARD_EXPIRED',
]);

export type AmountProblem = 'format' | 'zero' | 'overBalance' | 'overLimit' | 'overOffline';

export type ClerkStep = 'scan' | 'amount' | 'waiting' | 'done' | 'refused';

interface Attempt {
  requestId: string;
  payCode: string;
  storeId: string;
  amount: Fen;
}

export class ClerkStore {
  readonly profile = new AsyncView<Out<'profile'>>();
  readonly history = new AsyncView<Out<'history'>>((d) => d.redemptions.length === 0);
  /** Looking at a code, redeeming. */
  readonly action = new BusyAction();
  /**
   * Reversing, apart from the till's action, and the page it was asked on: a refusal shows where it
   * was asked, never on the other page (a till refusal on 今日收款, say).
   */
  readonly reversal = new BusyAction();
  reversalFrom: 'till' | 'history' = 'till';
  storeId = '';
  entryText = '';
  /** Why the camera could not be used for the last scan. */
  cameraProblem: 'denied' | 'no-camera' | undefined = undefined;
  /** The code as it goes to the cloud, and the card behind it. */
  scanned: { payCode: string; card: ScannedCardView } | undefined = undefined;
  amountText = '';
  redemption: RedemptionView | undefined = undefined;
  /** The code that ended this attempt (see REFUSALS), or CONFIRM_TIMEOUT. */
  refusal: string | undefined = undefined;
  /** The code was typed, not scanned: the way on from a refusal is to type again. */
  typed = false;
  /** The cloud's clock minus the till's, from the latest inspect: countdowns follow the cloud. */
  private skew = 0;
  private attempt: Attempt | undefined = undefined;
  private readonly poller: Poller;

  constructor(
    private readonly service: MerchantService,
    private readonly scanner: Scanner,
    private readonly storeChoice: Preference,
    private readonly makeRequestId: () => string = () => newRequestId('m'),
    private readonly ticker: Ticker = realTicker,
  ) {
    this.poller = new Poller(ticker, REDEMPTION_POLL_MS, () => this.poll());
    makeAutoObservable<
      ClerkStore,
      'service' | 'scanner' | 'storeChoice' | 'makeRequestId' | 'ticker' | 'attempt' | 'poller'
    >(this, {
      service: false,
      scanner: false,
      storeChoice: false,
      makeRequestId: false,
      ticker: false,
      profile: false,
      history: false,
      action: false,
      reversal: false,
      attempt: false,
      poller: false,
    });
  }

  /** Who I am; picks the remembered store when it is still mine, else my first. */
  async loadProfile(): Promise<void> {
    await this.profile.run(() => this.service.profile());
    const stores = this.profile.data?.profile.stores ?? [];
    const remembered = this.storeChoice.load();
    const pick = stores.find((s) => s.id === this.storeId) ?? stores.find((s) => s.id === remembered) ?? stores[0];
    runInAction(() => (this.storeId = pick?.id ?? ''));
  }

  chooseStore(id: string): void {
    if (id === this.storeId || !this.profile.data?.profile.stores.some((s) => s.id === id)) return;
    this.storeId = id;
    this.storeChoice.save(id);
    this.next();
  }

  get store(): StaffStoreView | undefined {
    return this.profile.data?.profile.stores.find((s) => s.id === this.storeId);
  }

  get step(): ClerkStep {
    if (this.refusal) return 'refused';
    if (this.redemption) return this.redemption.status === 'pending' ? 'waiting' : 'done';
    return this.scanned ? 'amount' : 'scan';
  }

  // ——— the code ———

  /** The camera; a scan that finds a code looks at it at once. */
  async scan(prompt: ScanPrompt): Promise<void> {
    this.cameraProblem = undefined;
    const outcome = await this.scanner.scan(prompt);
    if (outcome.kind === 'scanned') {
      runInAction(() => (this.typed = false));
      return this.inspect(outcome.text);
    }
    if (outcome.kind === 'unavailable') runInAction(() => (this.cameraProblem = outcome.reason));
  }

  setEntryText(text: string): void {
    this.entryText = text.slice(0, MERCHANT_LIMITS.payInputMax);
  }

  /** The typed text is a pay code (16 digits, spaces allowed, online or offline) or a whole QR payload. */
  get entryValid(): boolean {
    return tillPayInput(this.entryText) !== null;
  }

  /** All 16 digits typed and the check digit says one is wrong. */
  get entryMistyped(): boolean {
    return !this.entryValid && this.entryText.replace(/[\s-]/g, '').length >= PAY_CODE_LENGTH;
  }

  submitEntry(): Promise<void> {
    if (!this.entryValid) return Promise.resolve();
    this.typed = true;
    return this.inspect(this.entryText);
  }

  /** Looks at a scanned or typed code: the card's face, last four and balance, or why it can't pay here. */
  async inspect(text: string): Promise<void> {
    const payCode = tillPayInput(text);
    if (payCode === null) {
      // Some other QR code, or a typo the check digit caught: no need to ask the cloud.
      this.refusal = 'PAY_CODE_INVALID';
      return;
    }
    const storeId = this.storeId;
    const found = await this.action.run(() => this.service.inspect(payCode, storeId));
    runInAction(() => {
      if (found) {
        this.scanned = { payCode, card: found.card };
        this.skew = found.card.now - this.ticker.now();
        this.amountText = '';
        this.attempt = undefined;
      } else this.refuseIfFinal();
    });
  }

  // ——— the amount ———

  setAmountText(text: string): void {
    this.amountText = text.replace(/[^\d.]/g, '').slice(0, 10);
  }

  chooseAmount(amount: Fen): void {
    this.amountText = yuanText(amount);
  }

  /** The typed amount in fen when it can be taken off the card, else undefined. */
  get amount(): Fen | undefined {
    if (!this.scanned || this.amountText === '' || this.amountProblem) return undefined;
    return parseYuanText(this.amountText);
  }

  get amountProblem(): AmountProblem | undefined {
    if (this.amountText === '' || !this.scanned) return undefined;
    const fen = parseYuanText(this.amountText);
    if (fen === undefined) return 'format';
    if (fen === 0) return 'zero';
    if (fen > this.reach) return 'overBalance';
    if (fen > MERCHANT_LIMITS.amountMax) return 'overLimit';
    const offlineLeft = this.scanned.card.offlineLeft;
    if (offlineLeft !== undefined && fen > offlineLeft) return 'overOffline';
    return undefined;
  }

  /** What the scanned code's cards hold together: the card's balance, or a split code's cards'. */
  get cardsBalance(): Fen {
    const card = this.scanned?.card;
    return card?.split?.balance ?? card?.balance ?? fen(0);
  }

  /** The most this code may pay: its cards, and for a split code WeChat Pay's part after them. */
  get reach(): Fen {
    const split = this.scanned?.card.split;
    return split ? addFen(split.balance, split.maxWechatPay) : this.cardsBalance;
  }

  /** A split code's bill beyond its cards: what the holder will be asked to pay with WeChat Pay. */
  get remainder(): Fen | undefined {
    const amount = this.amount;
    return amount !== undefined && this.scanned?.card.split && amount > this.cardsBalance
      ? subtractFen(amount, this.cardsBalance)
      : undefined;
  }

  /** The holder will be asked to confirm this amount on their phone. */
  get needsHolderConfirmation(): boolean {
    const limit = this.profile.data?.profile.confirmAbove;
    return this.amount !== undefined && limit !== undefined && this.amount > limit;
  }

  get canRedeem(): boolean {
    return this.amount !== undefined && !this.action.busy;
  }

  // ——— the redemption ———

  /** Takes the amount off the card. A retry of the same attempt (same code, store, amount) sends the same request id. */
  async redeem(): Promise<void> {
    const scanned = this.scanned;
    const amount = this.amount;
    if (!scanned || amount === undefined || this.action.busy) return;
    const same =
      this.attempt?.payCode === scanned.payCode &&
      this.attempt.storeId === this.storeId &&
      this.attempt.amount === amount;
    if (!same)
      this.attempt = { requestId: this.makeRequestId(), payCode: scanned.payCode, storeId: this.storeId, amount };
    const attempt = this.attempt!;
    const done = await this.action.run(() => this.service.redeem({ ...attempt }));
    runInAction(() => {
      if (done) this.follow(done.redemption);
      else this.refuseIfFinal();
    });
  }

  /** Reverses one of my redemptions (the current one, or one from today's list). */
  async reverse(id: string, from: 'till' | 'history'): Promise<boolean> {
    this.reversalFrom = from;
    const done = await this.reversal.run(() => this.service.reverse(id));
    if (!done) return false;
    runInAction(() => {
      if (this.redemption?.id === id) this.redemption = done.redemption;
    });
    if (this.history.status !== 'idle') await this.loadHistory();
    return true;
  }

  /** Whether a completed redemption may still be reversed (the cloud decides; this hides a dead button). */
  reversible(r: RedemptionView): boolean {
    return r.status === 'completed' && r.reversibleUntil !== null && r.reversibleUntil > this.ticker.now() + this.skew;
  }

  /** When (till clock) the holder's confirmation window closes. */
  get confirmDeadline(): number | undefined {
    const by = this.redemption?.confirmBy;
    return by == null ? undefined : by - this.skew;
  }

  /** When (till clock) the scanned code stops being valid. */
  get codeDeadline(): number | undefined {
    return this.scanned ? this.scanned.card.codeExpiresAt - this.skew : undefined;
  }

  /** Back to the scanner for the next customer. */
  next(): void {
    this.halt();
    this.scanned = undefined;
    this.redemption = undefined;
    this.refusal = undefined;
    this.entryText = '';
    this.amountText = '';
    this.cameraProblem = undefined;
    this.attempt = undefined;
    this.action.errorCode = undefined;
  }

  /** The page is left or hidden: stop following a pending redemption (resume() picks it up again). */
  halt(): void {
    this.poller.stop();
  }

  resume(): void {
    if (this.redemption?.status === 'pending') this.poller.start();
  }

  async poll(): Promise<void> {
    const r = this.redemption;
    if (r?.status !== 'pending') return;
    try {
      const { redemption } = await this.service.redemption(r.id);
      runInAction(() => {
        if (this.redemption?.id === redemption.id) this.follow(redemption);
      });
    } catch {
      // Asked again at the next tick: a lost answer must not end the wait.
    }
  }

  loadHistory(): Promise<void> {
    return this.history.run(() => this.service.history());
  }

  private follow(r: RedemptionView): void {
    this.redemption = r;
    if (r.status === 'pending') return this.poller.start();
    this.halt();
    if (r.status === 'declined') this.refusal = 'PAY_DECLINED';
    else if (r.status === 'expired') this.refusal = CONFIRM_TIMEOUT;
  }

  private refuseIfFinal(): void {
    const code = this.action.errorCode;
    if (code && REFUSALS.has(code)) this.refusal = code;
  }
}
