/**
 * The merchant function's one timer trigger (`merchantJobs`): runs the jobs the schedule says are
 * due on this tick (merchant-schedule.ts), one after the other. A job that fails is logged and the
 * others still run; the tick then fails so the platform's log shows it.
 */
import type { ExpirySweepReport } from '../../../src/contracts/expiry';
import { now } from '../clock';
import { sweepExpiry } from '../expiry/sweep';
import { runReconciler, type ReconcilerResult } from '../reports/reconciler';
import type { TimerTable } from '../router';
import { dueMerchantJobs, MERCHANT_TRIGGER, tickTime, type MerchantJob } from './merchant-schedule';

/**
 * Batches of ≤ 100 cards the sweep works through on one tick. It runs every 5 minutes, so 2,000
 * cards a tick is far more than expire in any 5 minutes; a backlog (after an outage) is finished by
 * the following ticks, as the sweep is resumable. The cap keeps a tick that also reconciles (up to
 * RECONCILE_BUDGET_MS, 40 s) inside the function's 60 s timeout in the usual case.
 */
export const TICK_SWEEP_BATCHES = 20;

export interface MerchantJobsReport {
  /** The jobs this tick ran, in order. */
  due: MerchantJob[];
  expirySweep?: ExpirySweepReport;
  expiryReminder?: ExpirySweepReport;
  reconcile?: ReconcilerResult;
}

async function runJob(job: MerchantJob, report: MerchantJobsReport): Promise<void> {
  switch (job) {
    case 'expirySweep':
      report.expirySweep = await sweepExpiry(now(), 'expire', TICK_SWEEP_BATCHES);
      return;
    case 'expiryReminder':
      report.expiryReminder = await sweepExpiry(now(), 'remind');
      return;
    case 'reconcile':
      report.reconcile = await runReconciler(now);
      return;
  }
}

/** Runs what is due at the trigger event's `Time` (China time; now when the event has none). */
export async function runMerchantJobs(at: number, time: unknown): Promise<MerchantJobsReport> {
  const report: MerchantJobsReport = { due: dueMerchantJobs(tickTime(time, at)) };
  let failed: unknown;
  for (const job of report.due) {
    try {
      await runJob(job, report);
    } catch (e) {
      console.error(`merchant job ${job} failed, the next due tick runs it again:`, e);
      failed ??= e;
    }
  }
  if (failed !== undefined) throw failed;
  return report;
}

/** The merchant function's timer table: its one trigger. */
export const merchantTimers: TimerTable = {
  [MERCHANT_TRIGGER]: (at, tick) => runMerchantJobs(at, tick.time),
};
