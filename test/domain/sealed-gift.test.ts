/** Sealed gifts' openings: China calendar days, not 24-hour steps from now, bound how far ahead. */
import { chinaInstant, isSealed, latestOpeningBefore, sealRefusal } from '../../src/domain/sealed-gift';

const rules = { maxDaysAhead: 60 };

test('should count the 60 days in China calendar days, whatever the hour', () => {
  // 23:30 China time on 2026-12-02 is 15:30 UTC: the last opening is 2027-01-31 23:59:59.999 China time.
  const lateEvening = chinaInstant('20261202', '23:30')!;
  const end = chinaInstant('20270201', '00:00')!;
  expect(latestOpeningBefore(lateEvening, rules)).toBe(end);
  expect(latestOpeningBefore(chinaInstant('20261202', '00:05')!, rules)).toBe(end);
  expect(sealRefusal(end - 1, lateEvening, rules)).toBeNull();
  expect(sealRefusal(end, lateEvening, rules)).toBe('OPENS_TOO_LATE');
  expect(sealRefusal(lateEvening, lateEvening, rules)).toBe('OPENS_IN_PAST');
  expect(sealRefusal(lateEvening + 0.5, lateEvening, rules)).toBe('OPENS_IN_PAST');
});

test('should read and write China wall time for the send form', () => {
  const at = chinaInstant('20270101', '09:00')!;
  expect(new Date(at).toISOString()).toBe('2027-01-01T01:00:00.000Z');
  expect(chinaInstant('20270230', '09:00')).toBeNull();
  expect(chinaInstant('20270101', '24:00')).toBeNull();
  expect(isSealed({ opensAt: at }, at - 1)).toBe(true);
  expect(isSealed({ opensAt: at }, at)).toBe(false);
  expect(isSealed({}, at)).toBe(false);
});
