/**
 * The nightly reconciler (the merchant function's `reconciler` timer): every brand, one after the
 * other, within one time budget. A brand whose run is unfinished is carried on from its saved place;
 * brands not reached before the budget ends are reached by the next run, so the job is resumable
 * however many cards there are. A brand the timer already finished on this China day is skipped, so
 * running the job again that day only carries on what is left. Each finished or advanced run is logged as 'reconcile.run'.
 */
import { chinaDayStartOf } from '../../../src/domain/report-days';
import { getDatabase, rows } from '../cloud';
import { SYSTEM_CALLER } from '../audit/audit-log';
import { C } from '../collections';
import { auditRun, continueReport, newReport, runningReport, type ReconciliationDoc } from './reconcile';
import { reconcileSettings } from './settings';

const BRANDS_PAGE = 1000;

async function brandIds(): Promise<string[]> {
  const db = getDatabase();
  const out: string[] = [];
  for (let after = ''; ;) {
    const page = rows<{ _id: string }>(
      await db
        .collection(C.brands)
        .where({ _id: db.command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(BRANDS_PAGE)
        .field({ _id: true })
        .get(),
    );
    out.push(...page.map((b) => b._id));
    if (page.length < BRANDS_PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

/** Whether the timer already finished a run of the brand on this China day (a rerun the same day skips it). */
async function reconciledToday(brandId: string, now: number): Promise<boolean> {
  const last = rows<ReconciliationDoc>(
    await getDatabase()
      .collection(C.reconciliations)
      .where({ brandId, by: 'timer', status: 'done', at: getDatabase().command.gte(chinaDayStartOf(now)) })
      .limit(1)
      .get(),
  )[0];
  return last !== undefined;
}

export interface ReconcilerResult {
  brands: number;
  done: number;
  /** Brands left unfinished or not reached: the next run carries on. */
  pending: number;
  mismatches: number;
}

/** Reconciles every brand, at least one page for the first brand it reaches in each run. */
export async function runReconciler(now: () => number): Promise<ReconcilerResult> {
  const settings = reconcileSettings();
  const deadline = Date.now() + settings.budgetMs;
  const brands = await brandIds();
  const result: ReconcilerResult = { brands: brands.length, done: 0, pending: 0, mismatches: 0 };
  let worked = false;
  for (const brandId of brands) {
    // Past the budget, stop once at least one brand was worked on (so every run makes progress).
    if (Date.now() >= deadline && worked) {
      result.pending++;
      continue;
    }
    const running = await runningReport(brandId);
    if (!running && (await reconciledToday(brandId, now()))) {
      result.done++;
      continue;
    }
    const report: ReconciliationDoc = running ?? newReport(brandId, 'timer', '', now());
    worked = true;
    const after = await continueReport(report, settings, deadline, now);
    if (after.status === 'done') result.done++;
    else result.pending++;
    result.mismatches += after.mismatchCount;
    await auditRun(SYSTEM_CALLER, after, now());
  }
  return result;
}
