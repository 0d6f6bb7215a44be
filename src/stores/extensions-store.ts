/**
 * The operator's extension requests of one brand: pending ones to decide (approve with a number of
 * months, 6 unless chosen, or decline) and the decided ones below. A decision replaces the request
 * in the list with the answer, so the page never shows a stale state.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type { ExtensionView } from '../contracts/expiry';
import { EXTENSION_RULES } from '../domain/expiry';
import type { ExtensionsService } from '../services/extensions-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

/** The months an operator may pick, 1–24. */
export const EXTENSION_MONTH_CHOICES: readonly number[] = Array.from(
  { length: EXTENSION_RULES.maxMonths - EXTENSION_RULES.minMonths + 1 },
  (_, i) => EXTENSION_RULES.minMonths + i,
);

export class ExtensionsStore {
  brandId = '';
  readonly list = new AsyncView<ExtensionView[]>((d) => d.length === 0);
  readonly action = new BusyAction();
  /** The request being decided on the sheet, with its choices. */
  deciding: { id: string; approve: boolean } | null = null;
  months: number = EXTENSION_RULES.defaultMonths;
  note = '';

  constructor(private readonly service: ExtensionsService) {
    makeAutoObservable<ExtensionsStore, 'service'>(this, { service: false, list: false, action: false });
  }

  load(brandId: string): Promise<void> {
    this.brandId = brandId;
    return this.list.run(async () => (await this.service.list(brandId)).requests);
  }

  get pending(): ExtensionView[] {
    return (this.list.data ?? []).filter((r) => r.state === 'pending');
  }

  get decided(): ExtensionView[] {
    return (this.list.data ?? []).filter((r) => r.state !== 'pending');
  }

  get current(): ExtensionView | undefined {
    return this.list.data?.find((r) => r.id === this.deciding?.id);
  }

  /** Opens the confirmation sheet for approving or declining one request. */
  open(id: string, approve: boolean): void {
    this.deciding = { id, approve };
    this.months = EXTENSION_RULES.defaultMonths;
    this.note = '';
    this.action.errorCode = undefined;
  }

  close(): void {
    this.deciding = null;
  }

  setMonths(months: number): void {
    if (EXTENSION_MONTH_CHOICES.includes(months)) this.months = months;
  }

  setNote(note: string): void {
    this.note = note.slice(0, EXTENSION_RULES.noteMax);
  }

  /** Sends the decision on the sheet; true when it was recorded. */
  async confirm(): Promise<boolean> {
    const d = this.deciding;
    if (!d || this.action.busy) return false;
    const note = this.note.trim();
    const out = await this.action.run(() =>
      this.service.decide({
        brandId: this.brandId,
        id: d.id,
        approve: d.approve,
        ...(d.approve ? { months: this.months } : {}),
        ...(note ? { note } : {}),
      }),
    );
    if (!out) {
      // Someone else decided it first: show what it became.
      if (this.action.errorCode === 'EXTENSION_DECIDED') void this.load(this.brandId);
      return false;
    }
    runInAction(() => {
      const list = this.list.data ?? [];
      this.list.data = list.map((r) => (r.id === out.request.id ? out.request : r));
      this.deciding = null;
    });
    return true;
  }
}
