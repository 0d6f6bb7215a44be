/** The pure parts of the reports: CSV cells and files, China-day ranges, basis points, masking. */
import { csvCell, csvFile, csvText, CSV_BOM, yuanFixed } from '../../src/domain/csv';
import { maskOpenId } from '../../src/domain/codes';
import { basisPoints, chinaTime, exportRange, isoChinaDay, lastDays } from '../../src/domain/report-days';

describe('CSV', () => {
  test('should quote commas, quotes and line breaks, doubling quotes', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
  });

  test('should neutralise text that starts like a formula, but not amounts', () => {
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvText(`${start}1`)).toBe(`'${start}1`);
    expect(csvText('\rx')).toBe(`"'\rx"`);
    expect(csvText('=SUM(A1),x')).toBe(`"'=SUM(A1),x"`);
    expect(csvCell({ fen: -3_750 })).toBe('-37.50');
    expect(csvCell({ int: 3 })).toBe('3');
    expect(csvCell(null)).toBe('');
  });

  test('should write yuan with two decimals by integer arithmetic', () => {
    expect(yuanFixed(0)).toBe('0.00');
    expect(yuanFixed(5)).toBe('0.05');
    expect(yuanFixed(12_345)).toBe('123.45');
    expect(yuanFixed(-1)).toBe('-0.01');
  });

  test('should start with a BOM and end every line with CRLF', () => {
    expect(csvFile(['名称', '金额'], [['店,一', { fen: 100 }]])).toBe(`${CSV_BOM}名称,金额\r\n"店,一",1.00\r\n`);
  });
});

describe('China days', () => {
  // 2025-03-01 00:30 in Shanghai is 2025-02-28 16:30 UTC.
  const earlyMarch = Date.UTC(2025, 1, 28, 16, 30);

  test('should name the China day and time of an instant', () => {
    expect(isoChinaDay(earlyMarch)).toBe('2025-03-01');
    expect(chinaTime(earlyMarch)).toBe('2025-03-01 00:30:00');
  });

  test('should give the last N days up to today, oldest first', () => {
    const r = lastDays(earlyMarch, 7);
    expect(r.days).toEqual([
      '2025-02-23',
      '2025-02-24',
      '2025-02-25',
      '2025-02-26',
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
    ]);
    expect(r.end - r.start).toBe(7 * 86_400_000);
    expect(isoChinaDay(r.start)).toBe('2025-02-23');
    expect(isoChinaDay(r.end - 1)).toBe('2025-03-01');
  });

  test('should accept export ranges of at most 92 days and refuse malformed or reversed ones', () => {
    expect(exportRange('2025-01-01', '2025-04-02')).toMatchObject({ days: expect.arrayContaining(['2025-04-02']) });
    expect(exportRange('2025-01-01', '2025-04-03')).toBe('tooLong');
    expect(exportRange('2025-02-02', '2025-02-01')).toBe('reversed');
    expect(exportRange('2025-02-29', '2025-03-01')).toBe('malformed');
    expect(exportRange('2025-1-1', '2025-03-01')).toBe('malformed');
  });
});

test('should express a rate in basis points, rounded down, 0 without a base', () => {
  expect(basisPoints(1, 3)).toBe(3_333);
  expect(basisPoints(8_000, 40_000)).toBe(2_000);
  expect(basisPoints(5, 0)).toBe(0);
  expect(basisPoints(12, 10)).toBe(12_000);
});

test('should mask an OPENID, never showing it whole', () => {
  expect(maskOpenId('o-demo-dave-123456')).toBe('o-d••••456');
  expect(maskOpenId('abc')).toBe('a••••');
  expect(maskOpenId('')).toBe('');
});
