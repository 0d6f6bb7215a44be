/**
 * The operator's products: the current brand (shared with the team and batch stores), its products
 * (sale and stock), and the product editor's draft checked by the same product rules the cloud
 * applies. The draft's mapping to and from a product is product-draft.ts; the team is team-store.ts,
 * a batch of card numbers batch-store.ts.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { OperatorBrandView, OperatorProductView, SaveProductInput } from '../contracts/operator';
import { THEME_IDS } from '../domain/catalog';
import { yuanToFen } from '../domain/money';
import { productIssues, withFenAmounts, type FaceDraft, type ProductIssue } from '../domain/product-rules';
import type { OperatorApi } from '../services/operator-service';
import { merchantStrings } from '../strings/zh-CN.merchant';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';
import { draftOf, emptyDraft, FACE_PALETTE, newFace, productDraftOf, type EditorDraft } from './product-draft';

export class OperatorStore {
  readonly brands = new AsyncView<OperatorBrandView[]>((b) => b.length === 0);
  readonly products = new AsyncView<OperatorProductView[]>((p) => p.length === 0);
  /** Saving, toggling, adjusting. */
  readonly action = new BusyAction();
  brandId = '';
  draft: EditorDraft = emptyDraft();
  /** Validation messages show once the operator has tried to save. */
  showIssues = false;

  constructor(
    private readonly api: OperatorApi,
    private readonly clock: () => number = Date.now,
  ) {
    makeAutoObservable<OperatorStore, 'api' | 'clock'>(this, { api: false, clock: false });
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

  /** The current brand's stores as `update` makes them (after a store is added or renamed). */
  patchBrandStores(update: (stores: OperatorBrandView['stores']) => OperatorBrandView['stores']): void {
    this.brands.data = this.brands.data?.map((b) => (b.id === this.brandId ? { ...b, stores: update(b.stores) } : b));
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
    const theme = THEME_IDS.find((t) => !used.has(t));
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
}
