/**
 * Gifting from the holder's side — the send form, the gift just made (to share), sent and received
 * lists, the local outbox — and the recipient's side: the landing view of a claim token and the claim.
 */
import { makeAutoObservable } from 'mobx';
import type { CardView } from '../contracts/wallet';
import type { GiftsActions, SentGiftView, ThanksView } from '../contracts/gifts';
import { GIFT_RULES, type GiftMode, type ShareMode } from '../domain/gift';
import type { GiftPlan } from '../domain/gift-plan';
import type { ThanksSticker } from '../domain/thanks';
import { chinaInstant, latestOpeningBefore, SEAL_RULES } from '../domain/sealed-gift';
import { chinaDay } from '../domain/rules';
import { parseYuanText, yuanText, type Fen } from '../domain/money';
import { oneLine } from '../domain/text';
import type { GiftsService, OutboxMessage } from '../services/gifts-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';
import { newRequestId } from './request-id';

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

export class GiftStore {
  card: CardView | undefined = undefined;
  mode: GiftMode = 'single';
  whole = true;
  amountText = '';
  shares = 3;
  shareMode: ShareMode = 'random';
  faceId = '';
  blessing = '';
  senderName = '';
  /** A sealed gift's opening (定时开启), or null to send it open at once. */
  opensAt: number | null = null;
  /** Kept across retries of one send, so a retry can't make a second gift. */
  requestId = newRequestId('g');
  readonly action = new BusyAction();
  /** The gift to share: made just now, or picked from the sent list. */
  current: { gift: SentGiftView; token: string } | undefined = undefined;
  readonly sent = new AsyncView<Out<'sent'>>((d) => d.gifts.length === 0);
  readonly received = new AsyncView<Out<'received'>>((d) => d.gifts.length === 0);
  readonly landing = new AsyncView<Out<'view'>>();
  readonly outbox = new AsyncView<OutboxMessage[]>((d) => d.length === 0);
  claimed: Out<'claim'> | undefined = undefined;
  /** The claim token the landing shows (given, or resolved from a 小程序码's scene). */
  landingToken = '';
  /** The last scene resolved, and its token. */
  private resolved: { scene: string; token: string } | undefined = undefined;
  /** The claimer's thank-you being written: a suggested or typed line and a sticker. */
  thanksText = '';
  thanksSticker: ThanksSticker = 'hug';
  readonly thanksAction = new BusyAction();
  /** The current gift's 小程序码. */
  readonly code = new AsyncView<Out<'wxacode'>>();

  constructor(private readonly service: GiftsService) {
    makeAutoObservable<GiftStore, 'service'>(this, {
      service: false,
      action: false,
      thanksAction: false,
      sent: false,
      received: false,
      landing: false,
      outbox: false,
      code: false,
    });
  }

  /**
   * Starts a gift of `card`, signed with `name` and wishing `blessing` unless the sender changes
   * them (the page passes the card's own blessing only when it is the holder's, never a sender's);
   * `plan` (chosen when the card was bought to gift) presets one friend or the group's shares. A
   * group gift gives the whole balance unless the sender types an amount.
   */
  start(card: CardView, name: string, blessing: string, plan?: GiftPlan): void {
    this.card = card;
    this.mode = plan?.mode ?? 'single';
    this.whole = this.mode === 'single';
    this.amountText = plan?.mode === 'group' ? yuanText(card.balance) : '';
    this.shares = plan?.mode === 'group' ? plan.shares : 3;
    this.shareMode = plan?.mode === 'group' ? plan.shareMode : 'random';
    this.faceId = card.face.id;
    this.blessing = blessing;
    this.senderName = name;
    this.opensAt = null;
    this.requestId = newRequestId('g');
    this.action.errorCode = undefined;
  }

  setMode(mode: GiftMode): void {
    this.mode = mode;
    if (mode === 'group') this.whole = false;
  }

  setWhole(whole: boolean): void {
    this.whole = whole && this.mode === 'single';
  }

  setAmountText(text: string): void {
    this.amountText = text.replace(/[^\d.]/g, '').slice(0, 10);
  }

  setShares(n: number): void {
    this.shares = Math.min(GIFT_RULES.maxShares, Math.max(GIFT_RULES.minShares, Math.floor(n)));
  }

  setShareMode(m: ShareMode): void {
    this.shareMode = m;
  }

  setFace(id: string): void {
    this.faceId = id;
  }

  setBlessing(text: string): void {
    this.blessing = oneLine(text);
  }

  setSenderName(text: string): void {
    this.senderName = text;
  }

  /**
   * Seals the gift until an opening (tomorrow 09:00 China time to start with), or opens it again.
   * `now` is the phone's clock: the cloud checks the opening against its own.
   */
  setSealed(sealed: boolean, now: number = Date.now()): void {
    this.opensAt = sealed ? chinaInstant(chinaDay(now + 86_400_000), '09:00') : null;
  }

  /** Moves the opening by `minutes`, kept after now and within the days a gift may be sealed for. */
  moveOpening(minutes: number, now: number = Date.now()): void {
    if (this.opensAt === null) return;
    const next = this.opensAt + minutes * 60_000;
    if (next > now && next < latestOpeningBefore(now, SEAL_RULES)) this.opensAt = next;
  }

  /** What is gifted, fen: the whole balance, or the typed amount when it fits the card. */
  get amount(): Fen | undefined {
    if (!this.card) return undefined;
    if (this.whole) return this.card.balance;
    const fen = parseYuanText(this.amountText);
    const least = this.mode === 'group' ? this.shares : 1;
    return fen !== undefined && fen >= least && fen <= this.card.balance ? fen : undefined;
  }

  get amountInvalid(): boolean {
    return !this.whole && this.amountText !== '' && this.amount === undefined;
  }

  get canSend(): boolean {
    return this.amount !== undefined && this.senderName.trim() !== '' && !this.action.busy;
  }

  /**
   * Sends the gift once `consent` (the consent store's question, asked by the page within the tap)
   * is answered — whatever the answer.
   */
  async send(consent: Promise<void> = Promise.resolve()): Promise<Out<'send'> | undefined> {
    const card = this.card;
    const amount = this.amount;
    if (!card || amount === undefined) return undefined;
    await consent;
    const sent = await this.action.run(() =>
      this.service.send({
        cardId: card._id,
        mode: this.mode,
        ...(this.whole ? {} : { amount }),
        ...(this.mode === 'group' ? { shares: this.shares, shareMode: this.shareMode } : {}),
        ...(this.faceId !== card.face.id ? { faceId: this.faceId } : {}),
        blessing: this.blessing.trim(),
        senderName: this.senderName.trim(),
        requestId: this.requestId,
        ...(this.opensAt !== null ? { opensAt: this.opensAt } : {}),
      }),
    );
    if (sent) this.setCurrent({ gift: sent.gift, token: sent.token });
    return sent;
  }

  setCurrent(current: { gift: SentGiftView; token: string } | undefined): void {
    this.current = current;
  }

  /** Picks a gift of the sent list: to share again while open, or to see how it ended and its thanks. */
  pick(giftId: string): boolean {
    const gift = this.sent.data?.gifts.find((g) => g._id === giftId);
    if (!gift) return false;
    this.current = { gift, token: gift.token ?? '' };
    return true;
  }

  /** A friend on a sealed card asks to be told at its opening, once `consent` is answered. */
  async remind(consent: Promise<void> = Promise.resolve()): Promise<boolean> {
    await consent;
    const token = this.landingToken;
    const done = await this.action.run(() => this.service.remind(token));
    if (done) this.setReminded(token);
    return done !== undefined;
  }

  /** The claim token whose envelope the friend has opened (kept across sign-in on the way to claiming). */
  openedToken = '';

  openEnvelope(): void {
    this.openedToken = this.landingToken;
  }

  /** The claim token whose opening the friend asked to be told of. */
  remindedToken = '';

  private setReminded(token: string): void {
    this.remindedToken = token;
  }

  setThanksText(text: string): void {
    this.thanksText = oneLine(text);
  }

  setThanksSticker(sticker: ThanksSticker): void {
    this.thanksSticker = sticker;
  }

  /** Sends the claimer's thank-you for the landing's gift; the landing then shows it as sent. */
  async sendThanks(): Promise<boolean> {
    const text = this.thanksText.trim();
    const token = this.landingToken;
    if (text === '' || token === '') return false;
    const done = await this.thanksAction.run(() => this.service.thank(token, text, this.thanksSticker));
    if (done) this.showThanks(token, done.thanks);
    return done !== undefined;
  }

  /** The landing shows the thank-you the cloud just kept, as its next read would: no second read for it. */
  private showThanks(token: string, thanks: ThanksView): void {
    const mine = this.landing.data?.gift.mine;
    if (mine && this.landingToken === token) mine.thanks = thanks;
  }

  async cancel(giftId: string): Promise<boolean> {
    const done = await this.action.run(() => this.service.cancel(giftId));
    if (done && this.current?.gift._id === giftId) this.current = { gift: done.gift, token: this.current.token };
    if (done) await this.loadSent();
    return done !== undefined;
  }

  loadSent(): Promise<void> {
    return this.sent.run(() => this.service.sent());
  }

  loadReceived(): Promise<void> {
    return this.received.run(() => this.service.received());
  }

  loadOutbox(): Promise<void> {
    return this.outbox.run(() => this.service.outbox());
  }

  loadLanding(token: string): Promise<void> {
    this.claimed = undefined;
    this.landingToken = token;
    return this.landing.run(() => this.service.view(token));
  }

  /** The landing of a claim token, or of the token a scanned 小程序码's scene stands for. */
  openLanding(from: { token: string } | { scene: string }): Promise<void> {
    if ('token' in from) return this.loadLanding(from.token);
    // A scene stands for one token for good: opened again (after signing in, say), it isn't asked again.
    if (this.resolved?.scene === from.scene) return this.loadLanding(this.resolved.token);
    this.claimed = undefined;
    this.landingToken = '';
    return this.landing.run(async () => {
      const { token } = await this.service.resolveScene(from.scene);
      this.setLandingToken(token, from.scene);
      return this.service.view(token);
    });
  }

  private setLandingToken(token: string, scene: string): void {
    this.landingToken = token;
    this.resolved = { scene, token };
  }

  /** Readies the current gift's WeChat share card (nothing outside WeChat); a failure leaves the plain card. */
  async prepareChatCard(): Promise<void> {
    const gift = this.current?.gift;
    if (!gift) return;
    try {
      await this.service.prepareChatCard(gift);
    } catch {
      // The share still works as an ordinary card; the cloud keeps the gift open to its link.
    }
  }

  loadCode(giftId: string): Promise<void> {
    // Another gift's code must not show while this one's loads.
    this.code.reset();
    return this.code.run(() => this.service.wxacode(giftId));
  }

  /** Claims once `consent` is answered, whatever the answer (see send). */
  async claim(token: string, name: string, consent: Promise<void> = Promise.resolve()): Promise<boolean> {
    await consent;
    const done = await this.action.run(() => this.service.claim(token, name.trim()));
    if (done) this.setClaimed(done);
    // Whatever the answer, the landing now shows the gift as it is.
    await this.landing.run(() => this.service.view(token));
    return done !== undefined;
  }

  private setClaimed(c: Out<'claim'>): void {
    this.claimed = c;
  }
}
