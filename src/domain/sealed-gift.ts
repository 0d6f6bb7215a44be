/**
 * Gifts that open on a chosen day (issue 21, item 5): the sender picks when the friend may open it,
 * up to `maxDaysAhead` China calendar days after today; until then the friend sees a sealed card
 * with a countdown and can't claim. The claim window starts at the opening, the sender may cancel
 * before it, and at the opening the sender and anyone who asked to be reminded are told once.
 */
import { chinaDay, chinaDayStart } from './rules';

export interface SealRules {
  /** The latest opening: the end of the China day this many days after today. */
  maxDaysAhead: number;
}

export const SEAL_RULES: SealRules = { maxDaysAhead: 60 };

const DAY_MS = 86_400_000;

/** The first instant no opening may be at or after: the start of China day today + maxDaysAhead + 1. */
export function latestOpeningBefore(now: number, rules: SealRules): number {
  return chinaDayStart(chinaDay(now))! + (rules.maxDaysAhead + 1) * DAY_MS;
}

/** Why `opensAt` can't be a gift's opening now, or null. */
export function sealRefusal(opensAt: number, now: number, rules: SealRules): 'OPENS_IN_PAST' | 'OPENS_TOO_LATE' | null {
  if (!Number.isInteger(opensAt) || opensAt <= now) return 'OPENS_IN_PAST';
  if (opensAt >= latestOpeningBefore(now, rules)) return 'OPENS_TOO_LATE';
  return null;
}

/** Whether a gift is still sealed at `now`. */
export function isSealed(g: { opensAt?: number }, now: number): boolean {
  return g.opensAt !== undefined && now < g.opensAt;
}

/** The instant of China wall time `hh:mm` on the China day `day` (yyyymmdd), or null. */
export function chinaInstant(day: string, hhmm: string): number | null {
  const start = chinaDayStart(day);
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (start === null || !m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return start + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
