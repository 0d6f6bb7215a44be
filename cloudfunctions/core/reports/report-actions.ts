/** The operator's report actions of the merchant function (contracts/reports.ts) and their timers. */
import { REPORT_LIMITS, type ReportActions } from '../../../src/contracts/reports';
import { now } from '../clock';
import { requireOperator } from '../merchant/staff';
import { action, type ActionsFor } from '../router';
import { idSchema, textSchema, z } from '../validate';
import { auditPage } from './audit-page';
import { dashboard } from './dashboard';
import { exportCsv } from './export-csv';
import { auditRun, continueReport, latestReports, newReport, runningReport, toReconciliationView } from './reconcile';
import { decideReview, listReviews } from './reviews';
import { reconcileSettings } from './settings';

type Out<A extends keyof ReportActions> = ReportActions[A]['output'];

const brandId = idSchema(REPORT_LIMITS.idMax);
const byBrand = z.object({ brandId }).strict();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Review ids are made by create-order ('large-o…', 'realname-o…'). */
const reviewId = z
  .string()
  .min(1)
  .max(REPORT_LIMITS.idMax)
  .regex(/^[A-Za-z0-9_-]+$/, 'malformed id');

export const reportActions = {
  dashboard: action({
    access: 'user',
    input: z.object({ brandId, days: z.union([z.literal(7), z.literal(30)]) }).strict(),
    run: async (input, caller): Promise<Out<'dashboard'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { dashboard: await dashboard(input.brandId, input.days, now()) };
    },
  }),

  reconcile: action({
    access: 'user',
    input: byBrand,
    run: async (input, caller): Promise<Out<'reconcile'>> => {
      await requireOperator(caller.openId, input.brandId);
      const settings = reconcileSettings();
      // An unfinished run (the operator's or the timer's) is carried on rather than started over.
      const report = (await runningReport(input.brandId)) ?? newReport(input.brandId, 'operator', caller.openId, now());
      const after = await continueReport(report, settings, Date.now() + settings.budgetMs, now);
      await auditRun(caller, after, now());
      return { report: toReconciliationView(after) };
    },
  }),

  reconciliations: action({
    access: 'user',
    input: byBrand,
    run: async (input, caller): Promise<Out<'reconciliations'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { reports: (await latestReports(input.brandId)).map(toReconciliationView) };
    },
  }),

  auditLog: action({
    access: 'user',
    input: z.object({ brandId, before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
    run: async (input, caller): Promise<Out<'auditLog'>> => {
      await requireOperator(caller.openId, input.brandId);
      return auditPage(input.brandId, input.before);
    },
  }),

  reviews: action({
    access: 'user',
    input: z.object({ brandId, status: z.enum(['open', 'decided']).optional() }).strict(),
    run: async (input, caller): Promise<Out<'reviews'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { reviews: await listReviews(input.brandId, input.status) };
    },
  }),

  decideReview: action({
    access: 'user',
    input: z
      .object({
        brandId,
        id: reviewId,
        decision: z.enum(['cleared', 'reported']),
        note: textSchema(REPORT_LIMITS.noteMax),
      })
      .strict(),
    run: async (input, caller): Promise<Out<'decideReview'>> => {
      await requireOperator(caller.openId, input.brandId);
      return { review: await decideReview(caller, { ...input, note: input.note.trim() }, now()) };
    },
  }),

  exportCsv: action({
    access: 'user',
    input: z.object({ brandId, kind: z.enum(['ledger', 'orders']), from: isoDay, to: isoDay }).strict(),
    run: async (input, caller): Promise<Out<'exportCsv'>> => {
      await requireOperator(caller.openId, input.brandId);
      return exportCsv(caller, input, now());
    },
  }),
} satisfies ActionsFor<ReportActions>;
