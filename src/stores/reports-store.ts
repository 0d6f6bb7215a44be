/**
 * The operator's console and reports: the chosen brand and range, the dashboard, reconciliation
 * (run now, carried on while unfinished, the latest reports), the audit log a page at a time,
 * compliance reviews with their decisions, and CSV export handed to the platform's file saver.
 */
import { makeAutoObservable, runInAction } from 'mobx';
import type {
  AuditEntryView,
  DashboardDays,
  DashboardView,
  ExportKind,
  ReconciliationView,
  ReviewDecision,
  ReviewStatus,
  ReviewView,
} from '../contracts/reports';
import { DAY_MS } from '../domain/order';
import { isoChinaDay, isoDayStart } from '../domain/report-days';
import type { ReportsService } from '../services/reports-service';
import { AsyncView } from './async-view';
import { BusyAction } from './busy-action';

export type ReportsTab = 'reconcile' | 'export' | 'audit' | 'reviews';

/** Runs of one "reconcile now" tap at most: a run stopped by its time budget is carried on. */
export const RECONCILE_ROUNDS = 20;

export interface AuditPage {
  entries: AuditEntryView[];
  next: number | null;
}

export class ReportsStore {
  brandId = '';
  days: DashboardDays = 7;
  tab: ReportsTab = 'reconcile';
  readonly dashboard = new AsyncView<DashboardView>();
  readonly reconciliations = new AsyncView<ReconciliationView[]>((l) => l.length === 0);
  readonly reconciling = new BusyAction();
  readonly audit = new AsyncView<AuditPage>((p) => p.entries.length === 0);
  readonly auditMore = new BusyAction();
  reviewStatus: ReviewStatus = 'open';
  readonly reviews = new AsyncView<ReviewView[]>((l) => l.length === 0);
  readonly deciding = new BusyAction();
  /** The review being decided, for its button's spinner. */
  decidingId: string | undefined = undefined;
  notes: Record<string, string> = {};
  exportKind: ExportKind = 'ledger';
  exportFrom: string;
  exportTo: string;
  readonly exporting = new BusyAction();
  exportDateProblem = false;
  lastExport: { filename: string; rows: number } | undefined = undefined;

  constructor(
    private readonly service: ReportsService,
    private readonly saveFile: (name: string, text: string) => Promise<unknown>,
    private readonly clock: () => number = () => Date.now(),
  ) {
    const now = clock();
    this.exportTo = isoChinaDay(now);
    this.exportFrom = isoChinaDay(now - 6 * DAY_MS);
    makeAutoObservable<ReportsStore, 'service' | 'saveFile' | 'clock'>(this, {
      service: false,
      saveFile: false,
      clock: false,
    });
  }

  /** Chooses the brand; everything shown belongs to it, so the old brand's data is dropped. */
  selectBrand(brandId: string): void {
    if (brandId === this.brandId) return;
    this.brandId = brandId;
    this.dashboard.reset();
    this.reconciliations.reset();
    this.audit.reset();
    this.reviews.reset();
    this.lastExport = undefined;
  }

  setDays(days: DashboardDays): Promise<void> {
    this.days = days;
    return this.loadDashboard();
  }

  setTab(tab: ReportsTab): void {
    this.tab = tab;
  }

  loadDashboard(): Promise<void> {
    const { brandId, days } = this;
    return this.dashboard.run(async () => (await this.service.dashboard(brandId, days)).dashboard);
  }

  /** The largest value the day chart must fit (1 when all are zero, so heights stay finite). */
  get chartMax(): number {
    const rows = this.dashboard.data?.byDay ?? [];
    return Math.max(1, ...rows.map((r) => Math.max(r.sold, r.redeemed)));
  }

  /** Nothing sold or redeemed in the range: the chart says so instead of drawing nothing. */
  get chartEmpty(): boolean {
    return (this.dashboard.data?.byDay ?? []).every((r) => r.sold === 0 && r.redeemed === 0);
  }

  get storeMax(): number {
    return Math.max(1, ...(this.dashboard.data?.byStore ?? []).map((s) => s.redeemed));
  }

  loadReconciliations(): Promise<void> {
    const brandId = this.brandId;
    return this.reconciliations.run(async () => (await this.service.reconciliations(brandId)).reports);
  }

  /** Reconciles now, carrying an unfinished run on until it is done (or RECONCILE_ROUNDS runs). */
  async reconcile(): Promise<ReconciliationView | undefined> {
    const brandId = this.brandId;
    const report = await this.reconciling.run(async () => {
      let last = (await this.service.reconcile(brandId)).report;
      for (let i = 1; i < RECONCILE_ROUNDS && last.status === 'running'; i++)
        last = (await this.service.reconcile(brandId)).report;
      return last;
    });
    if (report) await this.loadReconciliations();
    return report;
  }

  loadAudit(): Promise<void> {
    const brandId = this.brandId;
    return this.audit.run(() => this.service.auditLog(brandId));
  }

  get auditHasMore(): boolean {
    return this.audit.data?.next != null;
  }

  async loadMoreAudit(): Promise<void> {
    const page = this.audit.data;
    if (!page || page.next === null || this.auditMore.busy) return;
    const brandId = this.brandId;
    const more = await this.auditMore.run(() => this.service.auditLog(brandId, page.next ?? undefined));
    if (!more || brandId !== this.brandId) return;
    runInAction(() => {
      const seen = new Set(page.entries.map((e) => e.id));
      this.audit.data = { entries: [...page.entries, ...more.entries.filter((e) => !seen.has(e.id))], next: more.next };
    });
  }

  setReviewStatus(status: ReviewStatus): Promise<void> {
    this.reviewStatus = status;
    return this.loadReviews();
  }

  loadReviews(): Promise<void> {
    const { brandId, reviewStatus } = this;
    return this.reviews.run(async () => (await this.service.reviews(brandId, reviewStatus)).reviews);
  }

  setNote(id: string, note: string): void {
    this.notes[id] = note;
  }

  /** Decides a review; it leaves the open list (or is updated in the decided one). */
  async decide(id: string, decision: ReviewDecision): Promise<boolean> {
    this.decidingId = id;
    const res = await this.deciding.run(() =>
      this.service.decideReview(this.brandId, id, decision, (this.notes[id] ?? '').trim()),
    );
    runInAction(() => {
      this.decidingId = undefined;
      const list = this.reviews.data;
      if (!res || !list) return;
      const next =
        this.reviewStatus === 'open'
          ? list.filter((r) => r.id !== id)
          : list.map((r) => (r.id === id ? res.review : r));
      this.reviews.data = next;
      this.reviews.status = next.length === 0 ? 'empty' : 'ready';
    });
    return res !== undefined;
  }

  setExportKind(kind: ExportKind): void {
    this.exportKind = kind;
  }

  setExportFrom(day: string): void {
    this.exportFrom = day.trim();
    this.exportDateProblem = false;
  }

  setExportTo(day: string): void {
    this.exportTo = day.trim();
    this.exportDateProblem = false;
  }

  /** Exports the chosen kind and days and hands the file to the saver; a malformed date asks nothing. */
  async exportCsv(): Promise<boolean> {
    if (isoDayStart(this.exportFrom) === null || isoDayStart(this.exportTo) === null) {
      this.exportDateProblem = true;
      return false;
    }
    this.lastExport = undefined;
    const { brandId, exportKind, exportFrom, exportTo } = this;
    const res = await this.exporting.run(async () => {
      const out = await this.service.exportCsv(brandId, exportKind, exportFrom, exportTo);
      await this.saveFile(out.filename, out.csv);
      return out;
    });
    if (!res) return false;
    runInAction(() => (this.lastExport = { filename: res.filename, rows: res.rows }));
    return true;
  }
}
