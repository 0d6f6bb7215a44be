/**
 * Writing CSV files that Excel opens correctly: UTF-8 with a byte-order mark, CRLF line ends,
 * fields quoted when they hold a comma, quote or line break, and text that starts like a formula
 * (= + - @, tab, carriage return) neutralised with a leading apostrophe so a spreadsheet never runs it.
 * Amounts are cells of their own kind, written as yuan with two decimals and never neutralised
 * (a negative amount is a number, not a formula).
 */

/** A cell: text, an amount in fen (written as yuan "12.30"), a plain integer, or empty. */
export type CsvCell = string | { fen: number } | { int: number } | null;

/** The byte-order mark that makes Excel read the file as UTF-8. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Fen as yuan with exactly two decimals and a sign when negative (−3750 → "-37.50"). Integer arithmetic only. */
export function yuanFixed(amount: number): string {
  const abs = Math.abs(amount);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return amount < 0 ? `-${text}` : text;
}

/** One text cell as it goes in the file. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvText(cell);
  if ('fen' in cell) return yuanFixed(cell.fen);
  return String(cell.int);
}

/** The whole file: BOM, the header row, then one line per row, CRLF-separated. */
export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvText).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
