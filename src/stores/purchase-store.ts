/**
 * The buy sheet: the face, the amount (a denomination or a custom amount typed in yuan, read by the
 * same parser as the till's and sold when whole-yuan inside the product's range and its kind's cap), quantity, blessing, self or gift, and the order it creates.
 * A retry of the same choices reuses the request id, so it can never make a second order.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import { acceptsAmount, type CardProduct } from '../domain/catalog';
import { fen, multiplyFen, parseYuanText, type Fen } from '../domain/money';
import { GIFT_RULES, type ShareMode } from '../domain/gift';
import type { GiftPlan } from '../domain/gift-plan';
import type { OrderPurpose } from '../domain/order';
import { PURCHASE_RULES } from '../domain/rules';
import { oneLine } from '../domain/text';
import { ORDER_LIMITS, type OrdersActions } from '../contracts/orders';
import { errorCodeOf } from '../services/api-error';
import type { OrdersService } from '../services/orders-service';
import { newRequestId } from './request-id';

/** Room for the largest custom amount with two decimals ("999999.99"). */
const CUSTOM_TEXT_MAX = 9;

export type CreateResult = OrdersActions['create']['output'];

export class PurchaseStore {
  product: CardProduct | undefined = undefined;
  faceId = '';
  denomination: Fen | null = null;
  customYuan = '';
  quantity = 1;
  blessing = '';
  blessingEdited = false;
  purpose: OrderPurpose = 'self';
  /** 送朋友: one friend or a group gift, chosen now so that paying leads straight to sending. */
  giftMode: GiftPlan['mode'] = 'single';
  shares = 3;
  shareMode: ShareMode = 'random';
  realName = { name: '', idNumber: '' };
  needsRealName = false;
  submitting = false;
  errorCode: string | undefined = undefined;
  private requestId: string | undefined = undefined;
  private requestKey = '';

  constructor(
    private readonly orders: OrdersService,
    private readonly makeRequestId: () => string = () => newRequestId('r'),
  ) {
    makeAutoObservable<PurchaseStore, 'orders' | 'makeRequestId' | 'requestId' | 'requestKey'>(this, {
      orders: false,
      makeRequestId: false,
      requestId: false,
      requestKey: false,
    });
  }

  open(product: CardProduct, faceId?: string): void {
    this.product = product;
    const face = product.faces.find((f) => f.id === faceId) ?? product.faces[0];
    this.faceId = face?.id ?? '';
    this.blessing = face?.blessing ?? '';
    this.blessingEdited = false;
    this.denomination = product.denominations[0] ?? null;
    this.customYuan = '';
    this.quantity = 1;
    this.purpose = 'self';
    this.giftMode = 'single';
    this.shares = 3;
    this.shareMode = 'random';
    this.needsRealName = false;
    this.errorCode = undefined;
  }

  selectFace(id: string): void {
    const face = this.product?.faces.find((f) => f.id === id);
    if (!face) return;
    this.faceId = id;
    if (!this.blessingEdited) this.blessing = face.blessing;
  }

  chooseDenomination(amount: Fen): void {
    this.denomination = amount;
    this.customYuan = '';
  }

  /** Keeps what was typed (a decimal point included): "8.5" is ¥8.50, never ¥85. */
  setCustomYuan(text: string): void {
    this.customYuan = text.replace(/[^\d.]/g, '').slice(0, CUSTOM_TEXT_MAX);
    this.denomination = null;
  }

  setQuantity(n: number): void {
    this.quantity = Math.min(PURCHASE_RULES.maxQuantity, Math.max(1, Math.floor(n)));
  }

  setBlessing(text: string): void {
    // A blessing is one line on the card: the text area's Enter makes a space, not a refused newline.
    this.blessing = oneLine(text).slice(0, ORDER_LIMITS.blessingMax);
    this.blessingEdited = true;
  }

  setPurpose(p: OrderPurpose): void {
    this.purpose = p;
  }

  setGiftMode(mode: GiftPlan['mode']): void {
    this.giftMode = mode;
  }

  setShares(n: number): void {
    this.shares = Math.min(GIFT_RULES.maxShares, Math.max(GIFT_RULES.minShares, Math.floor(n)));
  }

  setShareMode(mode: ShareMode): void {
    this.shareMode = mode;
  }

  /** How the card will be given, when bought to gift. */
  get giftPlan(): GiftPlan | undefined {
    if (this.purpose !== 'gift') return undefined;
    return this.giftMode === 'single'
      ? { mode: 'single' }
      : { mode: 'group', shares: this.shares, shareMode: this.shareMode };
  }

  setRealName(field: 'name' | 'idNumber', value: string): void {
    this.realName = { ...this.realName, [field]: field === 'idNumber' ? value.toUpperCase().trim() : value };
  }

  /** The amount of one card in fen, or undefined while none is chosen or the custom one is invalid. */
  get amount(): Fen | undefined {
    if (!this.product) return undefined;
    const amount = this.denomination ?? parseYuanText(this.customYuan);
    return amount !== undefined && acceptsAmount(this.product, amount) ? amount : undefined;
  }

  /** What is wrong with the typed custom amount: not an amount at all, or not one the product sells. */
  get customProblem(): 'format' | 'range' | undefined {
    if (this.denomination !== null || this.customYuan === '') return undefined;
    if (parseYuanText(this.customYuan) === undefined) return 'format';
    return this.amount === undefined ? 'range' : undefined;
  }

  get total(): Fen {
    return multiplyFen(this.amount ?? fen(0), this.quantity);
  }

  get realNameValid(): boolean {
    return this.realName.name.trim().length >= 2 && /^\d{17}[\dX]$/.test(this.realName.idNumber);
  }

  get canSubmit(): boolean {
    return (
      !this.submitting &&
      this.amount !== undefined &&
      // A group gift needs a cent for each share.
      (this.giftPlan?.mode !== 'group' || this.amount >= this.giftPlan.shares) &&
      this.blessing.trim().length > 0 &&
      (!this.needsRealName || this.realNameValid)
    );
  }

  /** Creates the order once `consent` (asked by the page within the tap) is answered, whatever the answer. */
  async submit(consent: Promise<void> = Promise.resolve()): Promise<CreateResult | undefined> {
    if (!this.canSubmit || !this.product || this.amount === undefined) return undefined;
    await consent;
    // The form could have changed while the question was open.
    if (!this.canSubmit || !this.product || this.amount === undefined) return undefined;
    const input = {
      productId: this.product._id,
      faceId: this.faceId,
      amount: this.amount,
      quantity: this.quantity,
      blessing: this.blessing.trim(),
      purpose: this.purpose,
      ...(this.giftPlan ? { giftPlan: this.giftPlan } : {}),
      ...(this.needsRealName
        ? { realName: { name: this.realName.name.trim(), idNumber: this.realName.idNumber } }
        : {}),
    };
    const key = JSON.stringify({ ...input, realName: undefined });
    if (key !== this.requestKey || !this.requestId) {
      this.requestKey = key;
      this.requestId = this.makeRequestId();
    }
    this.submitting = true;
    this.errorCode = undefined;
    try {
      const result = await this.orders.create({ ...input, requestId: this.requestId });
      runInAction(() => {
        this.requestId = undefined;
        this.requestKey = '';
      });
      return result;
    } catch (e) {
      const code = errorCodeOf(e);
      runInAction(() => {
        if (code === 'REAL_NAME_REQUIRED') this.needsRealName = true;
        else this.errorCode = code;
      });
      return undefined;
    } finally {
      runInAction(() => (this.submitting = false));
    }
  }
}
