/**
 * The product's rules with their defaults (product.md). Each is a setting: functions read them from
 * here, and a deployment may override them through configuration without touching the use cases.
 */
import type { Fen } from './money';

export interface PurchaseRules {
  /** An unpaid order closes (and releases its stock) after this long. */
  payTimeoutMs: number;
  /** Cards per order. */
  maxQuantity: number;
  /** Purchases of a user in one China calendar day at or above this need real-name details. */
  realNameDailyFen: Fen;
  /** At or above this a day, the purchase is recorded for review. */
  largeAmountDailyFen: Fen;
  /** Card-number + PIN binding: tries allowed per window, per user and per card number. */
  bindTries: number;
  bindWindowMs: number;
}

export const PURCHASE_RULES: PurchaseRules = {
  payTimeoutMs: 15 * 60_000,
  maxQuantity: 10,
  realNameDailyFen: 1_000_000 as Fen,
  largeAmountDailyFen: 5_000_000 as Fen,
  bindTries: 5,
  bindWindowMs: 10 * 60_000,
};

/** China Standard Time has no daylight saving: a fixed +08:00. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day of an instant, as yyyymmdd (daily limits count by it). */
export function chinaDay(at: number): string {
  const d = new Date(at + CHINA_OFFSET_MS);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}${mm}${dd}`;
}

/** The instant a China calendar day (yyyymmdd) begins, or null for a malformed day. */
export function chinaDayStart(day: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!m) return null;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS;
  return chinaDay(start) === day ? start : null;
}
