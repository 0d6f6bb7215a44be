/**
 * When the merchant function's timer jobs are due. WeChat Cloud allows one trigger per function
 * ("目前仅支持一个触发器", shared/platform.md), so `merchant` has a single trigger, `merchantJobs`,
 * firing every MERCHANT_TICK_MINUTES; on each firing this table decides, from the trigger event's
 * `Time` read as China time (UTC+8), which jobs run. Pure: the time is a parameter.
 */
import { CHINA_OFFSET_MS } from '../../../src/domain/rules';

/** The merchant function's trigger, as named in its config.json and cloudbaserc.json. */
export const MERCHANT_TRIGGER = 'merchantJobs';

/** Minutes between firings: must match the trigger's cron (`0 *\/5 * * * * *`). */
export const MERCHANT_TICK_MINUTES = 5;

export type MerchantJob = 'expirySweep' | 'expiryReminder' | 'reconcile';

/**
 * When a job runs: on every tick, or at minutes of the China day — `first`, then every `every`
 * minutes, through `last` (a daily job: first = last).
 */
type JobSchedule =
  { job: MerchantJob; every: 'tick' } | { job: MerchantJob; first: number; last: number; every: number };

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** Minute of the China day at h:m. */
const at = (h: number, m: number): number => h * 60 + m;

/**
 * All the merchant jobs' schedules, in the order they run on a tick. Kept in one table because the
 * platform gives the function one trigger: these lines are what used to be three crons.
 * - expirySweep: every tick. It is one indexed query (cards by state + expiresAt) when nothing is
 *   due, idempotent and resumable, so running it every 5 minutes expires a card minutes after its
 *   time instead of at the next 00:05.
 * - expiryReminder: 10:00 daily, a civil hour for a message (was `0 0 10 * * * *`).
 * - reconcile: every 10 minutes 03:00–04:50, the quiet night window (was `0 *\/10 3-4 * * * *`).
 */
export const MERCHANT_SCHEDULE: readonly JobSchedule[] = [
  { job: 'expirySweep', every: 'tick' },
  { job: 'expiryReminder', first: at(10, 0), last: at(10, 0), every: DAY_MINUTES },
  { job: 'reconcile', first: at(3, 0), last: at(4, 50), every: 10 },
];

/**
 * The instant a tick stands for: the event's `Time` (ISO 8601, `2026-12-02T04:05:00Z`) when it is
 * one, else `fallback` (now) — a trigger event without a usable Time must still run the sweep.
 */
export function tickTime(time: unknown, fallback: number): number {
  if (typeof time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(time)) return fallback;
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? ms : fallback;
}

/**
 * The jobs due on the tick at `time`. A scheduled minute S runs on the tick at minute m when
 * S is in (m - MERCHANT_TICK_MINUTES, m]: exactly one tick of a regular series covers each S, and a
 * firing whose Time is a little late still runs what its window holds.
 */
export function dueMerchantJobs(time: number): MerchantJob[] {
  const m = ((Math.floor((time + CHINA_OFFSET_MS) / MINUTE_MS) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return MERCHANT_SCHEDULE.filter((s) => {
    if (s.every === 'tick') return true;
    if (m < s.first) return false;
    const since = (m - s.first) % s.every;
    return since < MERCHANT_TICK_MINUTES && m - since <= s.last;
  }).map((s) => s.job);
}
