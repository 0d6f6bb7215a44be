/**
 * The operator's catalog management: the current brand, its products (sale and stock), the product
 * editor's draft checked by the same product rules the cloud applies, the brand's stores, staff and
 * invites, a clerk joining by code, and a batch of card numbers shown once.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type {
  CreatedInvite,
  InviteView,
  OperatorBrandView,
  OperatorProductView,
  SaveProductInput,
  StaffView,
} from '../contracts/operator';
import type { ClerkProfileView, IssuedCardView } from '../contracts/merchant';
import type { CardKind, ThemeId, ValidityRule } from '../domain/catalog';
import { normalizeCode } from '../domain/codes';
import { csvFile } from '../domain/csv';
import { parseYuanText, yuanText, yuanToFen, type Fen } from '../domain/money';
import { isoChinaDay } from '../domain/report-days';
import {
  productIssues,
  withFenAmounts,
  type FaceDraft,
  type ProductDraft,
  type ProductIssue,
} from '../domain/product-rules';
import type { OperatorApi } from '../services/operator-service';
import { merchantStrings } from '../strings/zh-CN.merchant';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';
import { newRequestId } from './request-id';

/** Gradient colours an operator picks from. */
export const FACE_PALETTE = [
  '#1f6f5c',
  '#4fb08f',
  '#2b6cb0',
  '#63b3ed',
  '#c53030',
  '#f687b3',
  '#dd6b20',
  '#f6ad55',
  '#6b46c1',
  '#b794f4',
  '#2d3748',
  '#a0aec0',
] as const;

/** The editor's fields as typed: amounts in yuan text, stock and months as text. */
export interface EditorDraft {
  productId: string | undefined;
  name: string;
  kind: CardKind;
  /** Fen, kept ascending. */
  denominations: Fen[];
  denominationText: string;
  customEnabled: boolean;
  customMin: string;
  customMax: string;
  faces: FaceDraft[];
  validityType: ValidityRule['type'];
  months: string;
  until: string;
  usageRules: string;
  transferLimit: string;
  refundWindowDays: string;
  bonusEnabled: boolean;
  bonusMin: string;
  bonusAmount: string;
  stockLimited: boolean;
  stock: string;
  onSale: boolean;
  featured: boolean;
}

const newFace = (theme: ThemeId = 'general', color: string = FACE_PALETTE[0]): FaceDraft => ({
  name: merchantStrings.operator.themes[theme],
  theme,
  colors: [color, FACE_PALETTE[1]],
  blessing: '',
});

export function emptyDraft(): EditorDraft {
  return {
    productId: undefined,
    name: '',
    kind: 'registered',
    denominations: [],
    denominationText: '',
    customEnabled: false,
    customMin: '50',
    customMax: '1000',
    faces: [newFace()],
    validityType: 'never',
    months: '36',
    until: '',
    usageRules: '',
    transferLimit: '1',
    refundWindowDays: '7',
    bonusEnabled: false,
    bonusMin: '',
    bonusAmount: '',
    stockLimited: false,
    stock: '',
    onSale: true,
    featured: false,
  };
}

/** An existing product as editor fields. */
export function draftOf(p: OperatorProductView): EditorDraft {
  const v = p.validity;
  return {
    productId: p._id,
    name: p.name,
    kind: p.kind,
    denominations: [...p.denominations],
    denominationText: '',
    customEnabled: p.customAmount !== null,
    customMin: p.customAmount ? yuanText(p.customAmount.min) : '50',
    customMax: p.customAmount ? yuanText(p.customAmount.max) : '1000',
    faces: p.faces.map((f) => ({ id: f.id, name: f.name, theme: f.theme, colors: f.colors, blessing: f.blessing })),
    validityType: v.type,
    months: v.type === 'afterActivation' ? String(v.months) : '36',
    until: v.type === 'fixedDate' ? v.until : '',
    usageRules: p.usageRules.join('\n'),
    transferLimit: String(p.transferLimit),
    refundWindowDays: String(p.refundWindowDays),
    bonusEnabled: p.bonus != null,
    bonusMin: p.bonus ? yuanText(p.bonus.minAmount) : '',
    bonusAmount: p.bonus ? yuanText(p.bonus.amount) : '',
    stockLimited: p.stock !== null,
    stock: p.stock === null ? '' : String(p.stock),
    onSale: p.onSale,
    featured: p.featured,
  };
}

/** Typed text as a number; NaN when it is not one (the rules then name the field). */
const intOf = (text: string): number => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);
const fenOf = (text: string): number => parseYuanText(text) ?? NaN;

function validityOf(d: EditorDraft): ValidityRule {
  if (d.validityType === 'afterActivation') return { type: 'afterActivation', months: intOf(d.months) };
  if (d.validityType === 'fixedDate') return { type: 'fixedDate', until: d.until.trim() };
  return { type: 'never' };
}

/** The editor fields as the domain's draft. */
export function productDraftOf(d: EditorDraft): ProductDraft {
  return {
    name: d.name.trim(),
    kind: d.kind,
    denominations: d.denominations,
    customAmount: d.customEnabled ? { min: fenOf(d.customMin), max: fenOf(d.customMax) } : null,
    faces: d.faces.map((f) => ({ ...f, name: f.name.trim(), blessing: f.blessing.trim() })),
    validity: validityOf(d),
    usageRules: d.usageRules
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
    transferLimit: intOf(d.transferLimit),
    refundWindowDays: intOf(d.refundWindowDays),
    bonus: d.bonusEnabled ? { minAmount: fenOf(d.bonusMin), amount: fenOf(d.bonusAmount) } : null,
    stock: d.stockLimited ? intOf(d.stock) : null,
  };
}

/** What a batch's file says of every card besides its number and PIN. */
export interface BatchFacts {
  productName: string;
  amount: Fen;
  issuedAt: number;
}

/**
 * The batch download: one row per card with its product, face value and the batch's China date, in
 * the CSV Excel opens on Chinese Windows (BOM, CRLF, formula-safe; src/domain/csv.ts).
 */
export function batchCsv(cards: readonly IssuedCardView[], facts: BatchFacts): string {
  const day = isoChinaDay(facts.issuedAt);
  return csvFile(
    merchantStrings.operator.batch.csvHeader,
    cards.map((c) => [c.cardNumber, c.pin, facts.productName, { fen: facts.amount }, day]),
  );
}

export class OperatorStore {
  readonly brands = new AsyncView<OperatorBrandView[]>((b) => b.length === 0);
  readonly products = new AsyncView<OperatorProductView[]>((p) => p.length === 0);
  readonly staff = new AsyncView<StaffView[]>((s) => s.length === 0);
  readonly invites = new AsyncView<InviteView[]>((i) => i.length === 0);
  /** Saving, toggling, adjusting, store and team changes, joining, issuing. */
  readonly action = new BusyAction();
  brandId = '';
  draft: EditorDraft = emptyDraft();
  /** Validation messages show once the operator has tried to save. */
  showIssues = false;
  /** The invite just made: its code is shown from here only, until the page is left. */
  createdInvite: CreatedInvite | null = null;
  joined: ClerkProfileView | null = null;
  /** The batch just issued: shown once, forgotten when the page is left. */
  batch: IssuedCardView[] | null = null;
  /** The product, face value and time of the batch just issued, for its file. */
  batchFacts: BatchFacts | null = null;
  /**
   * The batch asked for and not yet listed: trying again sends the same request id, so the cloud
   * carries on where the failed try stopped instead of issuing a second batch.
   */
  private pendingBatch: { key: string; requestId: string } | null = null;

  constructor(
    private readonly api: OperatorApi,
    private readonly clock: () => number = Date.now,
    // Two ids' worth: the batch's numbers are derived from it, so it must not be guessable.
    private readonly makeRequestId: () => string = () => newRequestId('b') + newRequestId('').slice(-10),
  ) {
    makeAutoObservable<OperatorStore, 'api' | 'clock' | 'makeRequestId'>(this, {
      api: false,
      clock: false,
      makeRequestId: false,
    });
  }

  get brand(): OperatorBrandView | undefined {
    return this.brands.data?.find((b) => b.id === this.brandId);
  }

  async loadBrands(): Promise<void> {
    await this.brands.run(async () => (await this.api.myBrands()).brands);
    runInAction(() => {
      const list = this.brands.data ?? [];
      if (!list.some((b) => b.id === this.brandId)) this.brandId = list[0]?.id ?? '';
    });
  }

  /** Makes `brandId` current (loading the brands first when needed). */
  async useBrand(brandId: string): Promise<void> {
    // Current at once, so the page doesn't wait on the list to know its brand; the list then confirms
    // it (loadBrands falls back to the first brand when it isn't one of the operator's).
    if (brandId && this.brands.status !== 'ready') runInAction(() => (this.brandId = brandId));
    if (this.brands.status !== 'ready') await this.loadBrands();
    runInAction(() => {
      if (brandId && this.brands.data?.some((b) => b.id === brandId)) this.brandId = brandId;
    });
  }

  async loadProducts(brandId = this.brandId): Promise<void> {
    await this.useBrand(brandId);
    if (!this.brandId) return;
    const id = this.brandId;
    await this.products.run(async () => (await this.api.products(id)).products);
  }

  private replaceProduct(p: OperatorProductView): void {
    const list = this.products.data ?? [];
    const next = list.some((x) => x._id === p._id) ? list.map((x) => (x._id === p._id ? p : x)) : [...list, p];
    this.products.data = next;
    this.products.status = 'ready';
  }

  async toggleSale(productId: string): Promise<void> {
    const p = this.products.data?.find((x) => x._id === productId);
    if (!p) return;
    const res = await this.action.run(() => this.api.setOnSale(productId, !p.onSale));
    if (res) runInAction(() => this.replaceProduct(res.product));
  }

  async adjustStock(productId: string, delta: number): Promise<void> {
    const res = await this.action.run(() => this.api.adjustStock(productId, delta));
    if (res) runInAction(() => this.replaceProduct(res.product));
  }

  // ——— the product editor ———

  async openEditor(brandId: string, productId?: string): Promise<void> {
    this.showIssues = false;
    this.action.errorCode = undefined;
    this.draft = emptyDraft();
    if (!productId) {
      await this.useBrand(brandId);
      return;
    }
    if (!this.products.data?.some((p) => p._id === productId) || this.brandId !== brandId)
      await this.loadProducts(brandId);
    const found = this.products.data?.find((p) => p._id === productId);
    runInAction(() => {
      if (found) this.draft = draftOf(found);
    });
  }

  edit<K extends keyof EditorDraft>(field: K, value: EditorDraft[K]): void {
    this.draft[field] = value;
  }

  /** Adds the typed denomination (whole yuan), keeping the chips ascending and unique. */
  addDenomination(): boolean {
    const yuan = this.draft.denominationText.trim();
    if (!/^\d{1,6}$/.test(yuan) || Number(yuan) <= 0) return false;
    const amount = yuanToFen(Number(yuan));
    if (!this.draft.denominations.includes(amount)) {
      this.draft.denominations = [...this.draft.denominations, amount].sort((a, b) => a - b);
    }
    this.draft.denominationText = '';
    return true;
  }

  removeDenomination(amount: number): void {
    this.draft.denominations = this.draft.denominations.filter((d) => d !== amount);
  }

  addFace(): void {
    const used = new Set(this.draft.faces.map((f) => f.theme));
    const theme = (['birthday', 'festival', 'thanks', 'love', 'general'] as ThemeId[]).find((t) => !used.has(t));
    this.draft.faces = [...this.draft.faces, newFace(theme ?? 'general', this.brand?.color ?? FACE_PALETTE[0])];
  }

  removeFace(index: number): void {
    this.draft.faces = this.draft.faces.filter((_, i) => i !== index);
  }

  editFace(index: number, patch: Partial<FaceDraft>): void {
    this.draft.faces = this.draft.faces.map((f, i) => (i === index ? { ...f, ...patch } : f));
  }

  get issues(): ProductIssue[] {
    return productIssues(productDraftOf(this.draft), this.clock());
  }

  /** The message to show under `field` (a draft field or `faces.<i>`), once saving was tried. */
  issueFor(field: string): string | undefined {
    if (!this.showIssues) return undefined;
    const issue = this.issues.find((i) => i.field === field);
    return issue ? merchantStrings.operator.rules[issue.rule] : undefined;
  }

  /** Saves the draft; true when saved (the list then holds the saved product). */
  async save(): Promise<boolean> {
    this.showIssues = true;
    if (this.issues.length > 0 || !this.brandId) return false;
    const d = this.draft;
    const { stock, ...terms } = withFenAmounts(productDraftOf(d));
    const input: SaveProductInput = {
      ...terms,
      brandId: this.brandId,
      onSale: d.onSale,
      featured: d.featured,
      // Stock is set on create only; later changes go through adjustStock.
      ...(d.productId ? { productId: d.productId } : { stock }),
    };
    const res = await this.action.run(() => this.api.saveProduct(input));
    if (!res) return false;
    runInAction(() => {
      this.replaceProduct(res.product);
      this.draft = draftOf(res.product);
      this.showIssues = false;
    });
    return true;
  }

  // ——— stores, staff and invites ———

  async loadTeam(brandId = this.brandId): Promise<void> {
    await this.useBrand(brandId);
    if (!this.brandId) return;
    const id = this.brandId;
    await Promise.all([
      this.staff.run(async () => (await this.api.staff(id)).staff),
      this.invites.run(async () => (await this.api.invites(id)).invites),
    ]);
  }

  private patchBrandStores(update: (stores: OperatorBrandView['stores']) => OperatorBrandView['stores']): void {
    this.brands.data = this.brands.data?.map((b) => (b.id === this.brandId ? { ...b, stores: update(b.stores) } : b));
  }

  async addStore(name: string, address: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.addStore(this.brandId, name.trim(), address.trim()));
    if (!res) return false;
    runInAction(() => this.patchBrandStores((stores) => [...stores, res.store]));
    return true;
  }

  async updateStore(storeId: string, name: string, address: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.updateStore(this.brandId, storeId, name.trim(), address.trim()));
    if (!res) return false;
    runInAction(() => this.patchBrandStores((stores) => stores.map((s) => (s.id === storeId ? res.store : s))));
    return true;
  }

  async createInvite(storeIds: string[]): Promise<boolean> {
    if (storeIds.length === 0) return false;
    const res = await this.action.run(() => this.api.createInvite(this.brandId, storeIds));
    if (!res) return false;
    runInAction(() => (this.createdInvite = res.invite));
    const id = this.brandId;
    await this.invites.run(async () => (await this.api.invites(id)).invites);
    return true;
  }

  async revokeInvite(id: string): Promise<void> {
    const res = await this.action.run(() => this.api.revokeInvite(this.brandId, id));
    if (!res) return;
    runInAction(() => {
      this.invites.data = this.invites.data?.map((i) => (i.id === id ? res.invite : i));
      if (this.createdInvite?.id === id) this.createdInvite = null;
    });
  }

  async removeClerk(staffId: string): Promise<void> {
    const res = await this.action.run(() => this.api.removeClerk(this.brandId, staffId));
    if (!res) return;
    runInAction(() => {
      const left = (this.staff.data ?? []).filter((s) => s.id !== staffId);
      this.staff.data = left;
      this.staff.status = left.length === 0 ? 'empty' : 'ready';
    });
  }

  /** Leaving the team page forgets the invite code shown on it. */
  forgetInvite(): void {
    this.createdInvite = null;
  }

  // ——— joining ———

  async join(code: string, name: string): Promise<boolean> {
    const res = await this.action.run(() => this.api.joinStaff(normalizeCode(code), name.trim()));
    if (!res) return false;
    runInAction(() => (this.joined = res.profile));
    return true;
  }

  // ——— batch issue ———

  async issueBatch(productId: string, amountYuan: string, countText: string): Promise<boolean> {
    const amount = parseYuanText(amountYuan);
    const count = intOf(countText);
    if (amount === undefined || amount <= 0 || !(count >= 1 && count <= 100)) {
      this.action.errorCode = 'INVALID_ARGUMENT';
      return false;
    }
    const key = `${productId}:${amount}:${count}`;
    if (this.pendingBatch?.key !== key) this.pendingBatch = { key, requestId: this.makeRequestId() };
    const { requestId } = this.pendingBatch;
    const res = await this.action.run(() => this.api.issueBatch(productId, amount, count, requestId));
    if (!res) return false;
    runInAction(() => {
      this.batch = res.cards;
      this.batchFacts = {
        productName: this.products.data?.find((p) => p._id === productId)?.name ?? '',
        amount,
        issuedAt: this.clock(),
      };
      this.pendingBatch = null;
    });
    return true;
  }

  get batchCsv(): string {
    return this.batch && this.batchFacts ? batchCsv(this.batch, this.batchFacts) : '';
  }

  /** Forgets the listed batch; a batch that failed part-way stays pending, for the same ask to finish it. */
  forgetBatch(): void {
    this.batch = null;
  }
}
