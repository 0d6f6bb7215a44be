/**
 * The buy sheet: the face, the amount (a denomination or a custom whole-yuan amount inside the
 * product's range and its kind's cap), quantity, blessing, self or gift, and the order it creates.
 * A retry of the same choices reuses the request id, so it can never make a second order.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import { acceptsAmount, type CardProduct } from '../domain/catalog';
import type { Fen } from '../domain/money';
import type { OrderPurpose } from '../domain/order';
import { PURCHASE_RULES } from '../domain/rules';
import { ORDER_LIMITS, type OrdersActions } from '../contracts/orders';
import { errorCodeOf } from '../services/api-error';
import type { OrdersService } from '../services/orders-service';
import { newRequestId } from './request-id';

export type CreateResult = OrdersActions['create']['output'];

export class PurchaseStore {
  product: CardProduct | undefined = undefined;
  faceId = '';
  denomination: number | null = null;
  customYuan = '';
  quantity = 1;
  blessing = '';
  blessingEdited = false;
  purpose: OrderPurpose = 'self';
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
    this.needsRealName = false;
    this.errorCode = undefined;
  }

  selectFace(id: string): void {
    const face = this.product?.faces.find((f) => f.id === id);
    if (!face) return;
    this.faceId = id;
    if (!this.blessingEdited) this.blessing = face.blessing;
  }

  chooseDenomination(amount: number): void {
    this.denomination = amount;
    this.customYuan = '';
  }

  setCustomYuan(text: string): void {
    this.customYuan = text.replace(/[^\d]/g, '').slice(0, 6);
    this.denomination = null;
  }

  setQuantity(n: number): void {
    this.quantity = Math.min(PURCHASE_RULES.maxQuantity, Math.max(1, Math.floor(n)));
  }

  setBlessing(text: string): void {
    this.blessing = text.slice(0, ORDER_LIMITS.blessingMax);
    this.blessingEdited = true;
  }

  setPurpose(p: OrderPurpose): void {
    this.purpose = p;
  }

  setRealName(field: 'name' | 'idNumber', value: string): void {
    this.realName = { ...this.realName, [field]: field === 'idNumber' ? value.toUpperCase().trim() : value };
  }

  /** The amount of one card in fen, or undefined while none is chosen or the custom one is invalid. */
  get amount(): Fen | undefined {
    if (!this.product) return undefined;
    const fen = this.denomination ?? (this.customYuan === '' ? undefined : Number(this.customYuan) * 100);
    return fen !== undefined && acceptsAmount(this.product, fen as Fen) ? (fen as Fen) : undefined;
  }

  /** A custom amount was typed that the product doesn't sell. */
  get customInvalid(): boolean {
    return this.denomination === null && this.customYuan !== '' && this.amount === undefined;
  }

  get total(): number {
    return (this.amount ?? 0) * this.quantity;
  }

  get realNameValid(): boolean {
    return this.realName.name.trim().length >= 2 && /^\d{17}[\dX]$/.test(this.realName.idNumber);
  }

  get canSubmit(): boolean {
    return (
      !this.submitting &&
      this.amount !== undefined &&
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
