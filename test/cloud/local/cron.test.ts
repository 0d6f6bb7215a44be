/** Timer expressions: 7 fields, seconds first, year last, evaluated in China time. */
import { nextFire, parseCron } from '../../../cloudfunctions/local/runtime/cron';

const at = (iso: string) => Date.parse(iso);

test('should fire a daily 02:00 China-time timer at 18:00 UTC', () => {
  const s = parseCron('0 0 2 * * * *');
  expect(new Date(nextFire(s, at('2026-11-22T10:00:00Z'))!).toISOString()).toBe('2026-11-22T18:00:00.000Z');
});

test('should step seconds and minutes with */n and respect ranges and lists', () => {
  expect(new Date(nextFire(parseCron('*/5 * * * * * *'), at('2026-01-01T00:00:03Z'))!).toISOString()).toBe(
    '2026-01-01T00:00:05.000Z',
  );
  expect(new Date(nextFire(parseCron('0 10,40 9-10 * * * *'), at('2026-01-01T01:41:00Z'))!).toISOString()).toBe(
    '2026-01-01T02:10:00.000Z',
  );
});

test('should fire strictly after the given time, never at it', () => {
  const s = parseCron('0 * * * * * *');
  expect(nextFire(s, at('2026-01-01T00:01:00Z'))).toBe(at('2026-01-01T00:02:00Z'));
});

test('should honour day of week names and the year field', () => {
  // 2026-11-23 is a Monday.
  expect(new Date(nextFire(parseCron('0 0 9 * * MON *'), at('2026-11-22T00:00:00Z'))!).toISOString()).toBe(
    '2026-11-23T01:00:00.000Z',
  );
  expect(nextFire(parseCron('0 0 0 1 1 * 2020'), at('2026-01-01T00:00:00Z'))).toBeNull();
});

test('should reject expressions that are not 7 fields or hold bad values', () => {
  expect(() => parseCron('0 * * * * *')).toThrow(/7 cron fields/);
  expect(() => parseCron('61 * * * * * *')).toThrow(/bad cron value/);
  expect(() => parseCron('0 */0 * * * * *')).toThrow(/bad cron step/);
});
