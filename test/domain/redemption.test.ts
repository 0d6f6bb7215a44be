/** Pay codes and the redemption rules: the check digit, parsing what a clerk scanned or typed, and the refusal tables. */
import fc from 'fast-check';
import {
  REDEEM_RULES,
  groupPayCode,
  isWellFormedPayCode,
  luhnDigit,
  mintRefusal,
  parsePayInput,
  payCodeFromBytes,
  payCodeStatus,
  payQrText,
  redeemRefusal,
  reverseRefusal,
} from '../../src/domain/redemption';
import type { Card } from '../../src/domain/card';
import { fen } from '../../src/domain/money';

const bytes = fc.uint8Array({ minLength: 32, maxLength: 32 });

test('should make 16-digit codes that pass their check digit, and catch any single mistyped digit', () => {
  fc.assert(
    fc.property(bytes, fc.nat(15), fc.integer({ min: 1, max: 9 }), (b, at, delta) => {
      const code = payCodeFromBytes(b);
      fc.pre(code !== null);
      expect(code).toMatch(/^[1-9]\d{15}$/);
      expect(isWellFormedPayCode(code!)).toBe(true);
      const d = (Number(code![at]) + delta) % 10;
      const typo = code!.slice(0, at) + String(d) + code!.slice(at + 1);
      expect(isWellFormedPayCode(typo)).toBe(false);
    }),
  );
  // The Luhn digit of a known number.
  expect(luhnDigit('7992739871')).toBe('3');
});

test('should read a scanned payload or a typed code, and nothing else', () => {
  const code = '4539148803436467';
  expect(isWellFormedPayCode(code)).toBe(true);
  const mac = '0123456789abcdef';
  expect(parsePayInput(payQrText(code, mac))).toEqual({ code, mac });
  expect(parsePayInput(` ${groupPayCode(code)} `)).toEqual({ code, mac: null });
  expect(groupPayCode(code)).toBe('4539 1488 0343 6467');
  for (const bad of [
    '',
    `GCP2.${code}.${mac}`,
    `GCP1.${code}.${mac.toUpperCase()}`,
    `GCP1.${code}.${mac}0`,
    `GCP1.4539148803436468.${mac}`,
    '4539148803436468',
    '0539148803436467',
    `${code}.${mac}`,
  ])
    expect([bad, parsePayInput(bad)]).toEqual([bad, null]);
});

const card = (over: Partial<Card> = {}): Card =>
  ({ state: 'active', balance: fen(1_000), expiresAt: null, brandId: 'b1', owner: 'u1', ...over }) as Card;
const issued = { state: 'issued' as const, expiresAt: 60_000, brandId: 'b1', owner: 'u1' };

test('should refuse redeeming in the order a clerk needs to hear it', () => {
  expect(redeemRefusal(issued, card(), 'b1', 1_000, 0)).toBeNull();
  expect(redeemRefusal(issued, card(), 'b1', 1_000, 60_001)).toBe('PAY_CODE_EXPIRED');
  expect(redeemRefusal({ ...issued, state: 'completed' }, card(), 'b1', 1, 0)).toBe('PAY_CODE_USED');
  expect(redeemRefusal(issued, card({ owner: 'u2' }), 'b1', 1, 0)).toBe('PAY_CODE_EXPIRED');
  expect(redeemRefusal(issued, card(), 'b2', 1, 0)).toBe('WRONG_MERCHANT');
  expect(redeemRefusal(issued, card({ state: 'gifting' }), 'b1', 1, 0)).toBe('CARD_NOT_ACTIVE');
  expect(redeemRefusal(issued, card({ expiresAt: 10 }), 'b1', 1, 10)).toBe('CARD_EXPIRED');
  expect(redeemRefusal(issued, card(), 'b1', 1_001, 0)).toBe('INSUFFICIENT_BALANCE');
  // Confirming looks for a pending code inside its window.
  const pending = { ...issued, state: 'pending' as const, confirmBy: 90_000 };
  expect(redeemRefusal(pending, card(), 'b1', 1, 70_000, true)).toBeNull();
  expect(redeemRefusal(pending, card(), 'b1', 1, 90_001, true)).toBe('PAY_CODE_EXPIRED');
  expect(redeemRefusal(issued, card(), 'b1', 1, 0, true)).toBe('PAY_CODE_USED');
  expect(payCodeStatus(pending, 90_001)).toBe('expired');
});

test('should give pay codes only for usable cards', () => {
  expect(mintRefusal(card(), 0)).toBeNull();
  expect(mintRefusal(card({ state: 'used', balance: fen(0) }), 0)).toBe('CARD_NOT_ACTIVE');
  expect(mintRefusal(card({ expiresAt: 5 }), 5)).toBe('CARD_EXPIRED');
  expect(mintRefusal(card({ balance: fen(0) }), 0)).toBe('INSUFFICIENT_BALANCE');
});

test('should reverse only a completed redemption of the merchant, inside the window, onto a card that can take it', () => {
  const done = { state: 'completed' as const, at: 1_000, brandId: 'b1' };
  const end = 1_000 + REDEEM_RULES.reverseWindowMs;
  expect(reverseRefusal(done, { state: 'used' }, ['b1'], end)).toBeNull();
  expect(reverseRefusal(done, { state: 'used' }, ['b1'], end + 1)).toBe('REVERSAL_WINDOW_PASSED');
  expect(reverseRefusal(done, { state: 'active' }, ['b2'], 0)).toBe('WRONG_MERCHANT');
  expect(reverseRefusal({ ...done, state: 'pending' }, { state: 'active' }, ['b1'], 0)).toBe('NOT_REVERSIBLE');
  expect(reverseRefusal(done, { state: 'gifting' }, ['b1'], 0)).toBe('CARD_NOT_ACTIVE');
  expect(reverseRefusal(done, { state: 'refunded' }, ['b1'], 0)).toBe('CARD_NOT_ACTIVE');
});
