/**
 * Money as integer fen (分). Every amount in the product is a `Fen`: a branded integer that can only
 * be made through `fen()` / `yuanToFen()`, so a float or an unchecked number never reaches the ledger.
 */

export type Fen = number & { readonly __brand: 'Fen' };

/** The largest amount a single value may hold: well inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 1_000_000_000_00; // ¥1,000,000,000.00

export const NOT_INTEGER_FEN_MESSAGE = 'amount must be an integer number of fen';
export const NEGATIVE_FEN_MESSAGE = 'amount must not be negative';
export const TOO_LARGE_FEN_MESSAGE = 'amount exceeds the largest supported value';
export const NEGATIVE_RESULT_MESSAGE = 'subtraction would make the amount negative';

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** True when `value` is a non-negative safe integer no larger than MAX_FEN. */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_FEN;
}

/** Checks and brands a number of fen; throws MoneyError for floats, negatives and overflow. */
export function fen(value: number): Fen {
  if (!Number.isInteger(value)) throw new MoneyError(NOT_INTEGER_FEN_MESSAGE);
  if (value < 0) throw new MoneyError(NEGATIVE_FEN_MESSAGE);
  if (value > MAX_FEN) throw new MoneyError(TOO_LARGE_FEN_MESSAGE);
  return value as Fen;
}

/** Whole yuan to fen (¥100 → 10000). Only integer yuan: fractional input is a caller bug. */
export function yuanToFen(yuan: number): Fen {
  if (!Number.isInteger(yuan)) throw new MoneyError(NOT_INTEGER_FEN_MESSAGE);
  return fen(yuan * 100);
}

/** a + b. */
export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b);
}

/** a − b; throws when the result would be negative (no balance may go below zero). */
export function subtractFen(a: Fen, b: Fen): Fen {
  if (b > a) throw new MoneyError(NEGATIVE_RESULT_MESSAGE);
  return (a - b) as Fen;
}

/** a × n for a non-negative integer n (quantity). */
export function multiplyFen(a: Fen, n: number): Fen {
  if (!Number.isInteger(n) || n < 0) throw new MoneyError(NOT_INTEGER_FEN_MESSAGE);
  return fen(a * n);
}

/** Σ amounts. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  return fen(total);
}

/** The smallest of the amounts given. */
export function minFen(first: Fen, ...rest: readonly Fen[]): Fen {
  return rest.reduce((m, a) => (a < m ? a : m), first);
}

/** The largest of the amounts given. */
export function maxFen(first: Fen, ...rest: readonly Fen[]): Fen {
  return rest.reduce((m, a) => (a > m ? a : m), first);
}

/** −1, 0 or 1. */
export function compareFen(a: Fen, b: Fen): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits `total` into `parts` integer shares that differ by at most 1 fen and sum exactly to
 * `total`; the first `total % parts` shares carry the extra fen.
 */
export function splitEvenly(total: Fen, parts: number): Fen[] {
  if (!Number.isInteger(parts) || parts < 1) throw new MoneyError('parts must be a positive integer');
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => (base + (i < extra ? 1 : 0)) as Fen);
}

/**
 * Formats fen as yuan for display: 10000 → "100", 12345 → "123.45", 12340 → "123.4" is avoided:
 * cents are shown with two digits whenever they are not zero. Integer arithmetic only.
 */
export function formatYuan(amount: Fen): string {
  const [whole = '', cents] = yuanText(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents === undefined ? grouped : `${grouped}.${cents}`;
}

/** Fen as the yuan a person would type (10000 → "100", 3750 → "37.50"): no separators, so parseYuanText reads it back. */
export function yuanText(amount: Fen): string {
  const yuan = Math.floor(amount / 100);
  const cents = amount % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** "¥" + formatYuan. */
export function formatPrice(amount: Fen): string {
  return `¥${formatYuan(amount)}`;
}

/** A figure in signed fen that may go below zero (a net total, a difference): "¥12.34", "−¥0.05". */
export function formatSignedPrice(amount: number): string {
  const size = formatPrice(fen(Math.abs(amount)));
  return amount < 0 ? `−${size}` : size;
}

/** Typed yuan ("12", "12.3", "12.34") as fen, by string arithmetic (no float rounding); else undefined. */
export function parseYuanText(text: string): Fen | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return (Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))) as Fen;
}
