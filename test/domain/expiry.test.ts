/** Card expiry rules: when a card is expired, the reminder windows, the extension rule and its states. */
import {
  canMoveExtension,
  daysLeft,
  expiredState,
  expireEntryId,
  expiresSoon,
  extendedExpiry,
  EXTENSION_STATES,
  isExpired,
  isExtensionDecided,
  reminderWindow,
} from '../../src/domain/expiry';
import { maskOpenId } from '../../src/domain/codes';
import { isoChinaDay as chinaDay } from '../../src/domain/report-days';
import { fen } from '../../src/domain/money';
import { DAY_MS } from '../../src/domain/order';

describe('expiry', () => {
  test('should count a card expired only after its expiry, and never one without', () => {
    expect(isExpired({ expiresAt: 1_000 }, 1_000)).toBe(false);
    expect(isExpired({ expiresAt: 1_000 }, 1_001)).toBe(true);
    expect(isExpired({ expiresAt: null }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  test('should lose a balance to expiry, and count an empty card as used up', () => {
    expect(expiredState({ balance: fen(1) })).toBe('expired');
    expect(expiredState({ balance: fen(0) })).toBe('used');
  });

  test('should derive one EXPIRE entry id per card and expiry', () => {
    expect(expireEntryId('c1', 5)).toBe(expireEntryId('c1', 5));
    expect(expireEntryId('c1', 5)).not.toBe(expireEntryId('c1', 6));
  });
});

describe('reminders', () => {
  const at = 1_000 * DAY_MS;
  const card = (daysAway: number) => ({ expiresAt: at + daysAway * DAY_MS });
  test.each([
    [31, null],
    [30, 30],
    [20, 30],
    [7, 7],
    [5, 7],
    [1, 1],
    [0.1, 1],
  ])('should put a card %p days from expiry in the %p-day window', (days, window) => {
    expect(reminderWindow(card(days), at)).toBe(window);
  });

  test('should send none once expired or for a card that never expires', () => {
    expect(reminderWindow(card(-0.01), at)).toBeNull();
    expect(reminderWindow({ expiresAt: null }, at)).toBeNull();
  });

  test('should count the days left up and tell when the notice is due', () => {
    expect(daysLeft(card(0.5), at)).toBe(1);
    expect(daysLeft(card(3), at)).toBe(3);
    expect(daysLeft(card(3.2), at)).toBe(4);
    expect(daysLeft(card(-1), at)).toBeNull();
    expect(expiresSoon(card(30), at)).toBe(true);
    expect(expiresSoon(card(31), at)).toBe(false);
  });
});

describe('extensions', () => {
  test('should give 6 months from approval by default, to the end of that China day', () => {
    const approved = Date.UTC(2025, 0, 15, 4); // 2025-01-15 12:00 China time
    const until = extendedExpiry(approved);
    expect(chinaDay(until)).toBe('2025-07-15');
    expect(chinaDay(until + 1)).toBe('2025-07-16');
    expect(chinaDay(extendedExpiry(approved, 24))).toBe('2027-01-15');
  });

  test.each([0, 25, 1.5])('should refuse %p months', (months) => {
    expect(() => extendedExpiry(0, months)).toThrow(RangeError);
  });

  test('should move pending to approved or declined, and never out of a decision', () => {
    expect(canMoveExtension('pending', 'approved')).toBe(true);
    expect(canMoveExtension('pending', 'declined')).toBe(true);
    for (const from of ['approved', 'declined'] as const) {
      expect(isExtensionDecided(from)).toBe(true);
      for (const to of EXTENSION_STATES) expect(canMoveExtension(from, to)).toBe(false);
    }
    expect(isExtensionDecided('pending')).toBe(false);
  });

  test('should mask a holder id', () => {
    expect(maskOpenId('o-demo-alice')).toBe('o-d••••ice');
    expect(maskOpenId('short')).toBe('s••••');
  });
});
