/**
 * China calendar days for reports: the days of a dashboard range, which day an instant falls on,
 * export ranges given as 'YYYY-MM-DD', times as Asia/Shanghai text, and rates in basis points.
 * Time is always a parameter.
 */
import { DAY_MS } from './order';
import { CHINA_OFFSET_MS, chinaDayStart } from './rules';

/** The longest export, in China days (both ends included). */
export const EXPORT_MAX_DAYS = 92;

/** The instant the China day holding `at` begins. */
export function chinaDayStartOf(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** 'YYYY-MM-DD' of the China day holding `at`. */
export function isoChinaDay(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a 'YYYY-MM-DD' China day begins, or null when it is not a real date. */
export function isoDayStart(day: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? chinaDayStart(day.replace(/-/g, '')) : null;
}

/** A yyyymmdd day (as orders and reviews store it) as 'YYYY-MM-DD'. */
export function dashedDay(day: string): string {
  return /^\d{8}$/.test(day) ? `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}` : day;
}

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai. */
export function chinaTime(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export interface DayRange {
  /** First instant of the first day. */
  start: number;
  /** First instant after the last day. */
  end: number;
  /** Each day of the range, oldest first. */
  days: string[];
}

/** The last `count` China days up to and including the day of `now`. */
export function lastDays(now: number, count: number): DayRange {
  const end = chinaDayStartOf(now) + DAY_MS;
  const start = end - count * DAY_MS;
  return { start, end, days: Array.from({ length: count }, (_, i) => isoChinaDay(start + i * DAY_MS)) };
}

export type ExportRangeProblem = 'malformed' | 'reversed' | 'tooLong';

/** The range from `from` to `to` (both included), or why it is refused. */
export function exportRange(from: string, to: string, maxDays = EXPORT_MAX_DAYS): DayRange | ExportRangeProblem {
  const start = isoDayStart(from);
  const last = isoDayStart(to);
  if (start === null || last === null) return 'malformed';
  if (last < start) return 'reversed';
  const count = (last - start) / DAY_MS + 1;
  if (count > maxDays) return 'tooLong';
  return { start, end: last + DAY_MS, days: Array.from({ length: count }, (_, i) => isoChinaDay(start + i * DAY_MS)) };
}

/** part / whole in basis points (1 % = 100), rounded down; 0 when there is no whole. */
export function basisPoints(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.floor((part * 10_000) / whole);
}
