/** Typed calls to the `merchant` function's report actions: dashboard, reconciliation, audit log, reviews, export. */
import { MERCHANT_FUNCTION, type MerchantActions } from '../contracts/merchant';
import type { DashboardDays, ExportKind, ReviewDecision, ReviewStatus } from '../contracts/reports';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class ReportsService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<MerchantActions>(transport, MERCHANT_FUNCTION);
  }

  dashboard = (brandId: string, days: DashboardDays) => this.call('dashboard', { brandId, days });
  reconcile = (brandId: string) => this.call('reconcile', { brandId });
  reconciliations = (brandId: string) => this.call('reconciliations', { brandId });
  auditLog = (brandId: string, before?: number) =>
    this.call('auditLog', before === undefined ? { brandId } : { brandId, before });
  reviews = (brandId: string, status?: ReviewStatus) =>
    this.call('reviews', status === undefined ? { brandId } : { brandId, status });
  decideReview = (brandId: string, id: string, decision: ReviewDecision, note: string) =>
    this.call('decideReview', { brandId, id, decision, note });
  exportCsv = (brandId: string, kind: ExportKind, from: string, to: string) =>
    this.call('exportCsv', { brandId, kind, from, to });
}
