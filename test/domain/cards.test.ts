/** Card states, the ledger replay, card codes and the purchase rules: tables and properties. */
import fc from 'fast-check';
import { CARD_STATES, canMove, isTerminal, refundRefusal, walletGroup, type CardState } from '../../src/domain/card';
import {
  CODE_ALPHABET,
  codeFromBytes,
  groupCode,
  isWellFormedCode,
  normalizeCode,
  pinFromBytes,
} from '../../src/domain/codes';
import { LEDGER_SIGN, replayLedger, type LedgerType } from '../../src/domain/ledger';
import { dailyCompliance, expiryOf, maskIdNumber, orderTotal, purchaseRefusal } from '../../src/domain/order';
import { chinaDay, PURCHASE_RULES } from '../../src/domain/rules';
import { type Fen, fen } from '../../src/domain/money';

describe('card states', () => {
  test('should only move forward: refunded is terminal and nothing returns to unbound', () => {
    expect(isTerminal('refunded')).toBe(true);
    for (const s of CARD_STATES) expect(canMove(s, 'unbound')).toBe(false);
    expect(canMove('active', 'refunding')).toBe(true);
    expect(canMove('refunding', 'active')).toBe(false);
    expect(canMove('gifting', 'refunding')).toBe(false);
  });

  test('should put every state in exactly one wallet group', () => {
    const groups = CARD_STATES.map((s: CardState) => walletGroup(s));
    expect(groups).toEqual(['usable', 'usable', 'gifting', 'used', 'expired', 'refunded', 'refunded']);
  });

  const refundable = {
    state: 'active' as CardState,
    redeemed: fen(0),
    transfers: 0,
    refundableUntil: 1_000,
    origin: 'purchase' as const,
    balance: fen(5_000),
    initialValue: fen(5_000),
  };

  test.each([
    [{}, null],
    [{ redeemed: 1 }, 'CARD_USED'],
    [{ transfers: 1 }, 'CARD_GIFTED'],
    [{ balance: 3_000 }, 'CARD_GIFTED'],
    [{ origin: 'gift', refundableUntil: null }, 'NOT_REFUNDABLE'],
    [{ state: 'gifting' }, 'CARD_NOT_ACTIVE'],
    [{ state: 'used' }, 'CARD_USED'],
    [{ origin: 'batch', refundableUntil: null }, 'NOT_REFUNDABLE'],
  ])('should decide a refund of %j as %s', (change, expected) => {
    expect(refundRefusal({ ...refundable, ...change } as typeof refundable, 999)).toBe(expected);
  });

  test('should close the refund window after its last moment', () => {
    expect(refundRefusal(refundable, 1_000)).toBeNull();
    expect(refundRefusal(refundable, 1_001)).toBe('REFUND_WINDOW_PASSED');
  });
});

describe('ledger replay', () => {
  const entry = (i: number, type: LedgerType, amount: number, balanceAfter: number) => ({
    _id: `e${i}`,
    type,
    amount,
    balanceAfter: balanceAfter as Fen,
    at: i,
  });

  test('should accept a history whose balances follow from its amounts', () => {
    const r = replayLedger([
      entry(1, 'ACTIVATE', 500, 500),
      entry(2, 'REDEEM', -200, 300),
      entry(3, 'REFUND', 50, 350),
    ]);
    expect(r).toEqual({ balance: 350, problems: [] });
  });

  test('should report a wrong balance-after, a negative balance and a wrong sign', () => {
    expect(replayLedger([entry(1, 'ACTIVATE', 500, 400)]).problems).toHaveLength(1);
    expect(replayLedger([entry(1, 'ACTIVATE', 100, 100), entry(2, 'REDEEM', -200, -100)]).problems.join()).toMatch(
      /below zero/,
    );
    expect(replayLedger([entry(1, 'REDEEM', 100, 100)]).problems.join()).toMatch(/REDEEM amount/);
  });

  test('should replay any valid sequence of changes to the running sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 30 }), (amounts) => {
        let balance = 0;
        const entries = amounts.map((a, i) => {
          // Spend when there is enough, otherwise load: the balance never goes below zero.
          const type: LedgerType = i > 0 && balance >= a ? 'REDEEM' : 'ACTIVATE';
          const signed = LEDGER_SIGN[type] * a;
          balance += signed;
          return entry(i, type, signed, balance);
        });
        const r = replayLedger([...entries].reverse());
        return r.problems.length === 0 && r.balance === balance;
      }),
    );
  });
});

describe('card codes', () => {
  test('should make 16-character codes from the unambiguous alphabet only, without bias bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const code = codeFromBytes(bytes);
        return code === null || (isWellFormedCode(code) && [...code].every((c) => CODE_ALPHABET.includes(c)));
      }),
    );
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    // Bytes past the last full cycle of the alphabet are skipped, so all characters are equally likely.
    expect(codeFromBytes(new Uint8Array(32).fill(255))).toBeNull();
  });

  test('should normalise what a person types and group it by four', () => {
    expect(normalizeCode(' abcd-efgh jkmn pqrs ')).toBe('ABCDEFGHJKMNPQRS');
    expect(groupCode('ABCDEFGHJKMNPQRS')).toBe('ABCD EFGH JKMN PQRS');
    expect(isWellFormedCode('ABCDEFGHJKMNPQR0')).toBe(false);
  });

  test('should make 8-digit PINs', () => {
    expect(pinFromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toBe('12345678');
    expect(pinFromBytes(new Uint8Array([250, 1, 2, 3, 4, 5, 6, 7, 8]))).toBe('12345678');
  });
});

describe('purchase rules', () => {
  const product = {
    onSale: true,
    kind: 'bearer' as const,
    denominations: [fen(10_000)],
    customAmount: { min: fen(5_000), max: fen(200_000) },
    stock: 3,
    faces: [{ id: 'f1', name: '', theme: 'birthday' as const, image: '', blessing: '' }],
  };
  const choose = (amount: number, quantity = 1, faceId = 'f1') =>
    purchaseRefusal(product, { faceId, amount: fen(amount), quantity }, PURCHASE_RULES);

  test('should sell denominations and whole-yuan custom amounts up to the kind cap', () => {
    expect(choose(10_000)).toBeNull();
    expect(choose(5_000)).toBeNull();
    expect(choose(100_000)).toBeNull();
    expect(choose(100_100)).toBe('AMOUNT_NOT_ALLOWED');
    expect(choose(4_900)).toBe('AMOUNT_NOT_ALLOWED');
    expect(choose(5_050)).toBe('AMOUNT_NOT_ALLOWED');
  });

  test('should refuse unknown faces, quantities out of range, sold-out and off-sale products', () => {
    expect(choose(10_000, 1, 'nope')).toBe('INVALID_ARGUMENT');
    expect(choose(10_000, 0)).toBe('INVALID_ARGUMENT');
    expect(choose(10_000, PURCHASE_RULES.maxQuantity + 1)).toBe('INVALID_ARGUMENT');
    expect(choose(10_000, 4)).toBe('SOLD_OUT');
    expect(
      purchaseRefusal(
        { ...product, onSale: false },
        { faceId: 'f1', amount: fen(10_000), quantity: 1 },
        PURCHASE_RULES,
      ),
    ).toBe('OFF_SALE');
  });

  test('should need real name from ¥10,000 a day and record from ¥50,000', () => {
    expect(dailyCompliance(0, fen(999_999), PURCHASE_RULES)).toMatchObject({
      realNameRequired: false,
      largeAmount: false,
    });
    expect(dailyCompliance(999_999, fen(1), PURCHASE_RULES)).toMatchObject({
      realNameRequired: true,
      largeAmount: false,
    });
    expect(dailyCompliance(4_000_000, fen(1_000_000), PURCHASE_RULES)).toMatchObject({
      dayTotal: 5_000_000,
      largeAmount: true,
    });
    expect(orderTotal(fen(12_300), 3)).toBe(36_900);
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  test('should count days and expiry in China time', () => {
    // 2026-11-22 16:30 UTC is already the 23rd in Shanghai.
    expect(chinaDay(Date.UTC(2026, 10, 22, 16, 30))).toBe('20261123');
    expect(chinaDay(Date.UTC(2026, 10, 22, 15, 59))).toBe('20261122');
    const end = expiryOf({ type: 'fixedDate', until: '2027-12-31' }, 0)!;
    expect(new Date(end).toISOString()).toBe('2027-12-31T15:59:59.999Z');
    const activated = Date.UTC(2026, 10, 22, 16, 30); // Nov 23 in Shanghai
    expect(new Date(expiryOf({ type: 'afterActivation', months: 36 }, activated)!).toISOString()).toBe(
      '2029-11-23T15:59:59.999Z',
    );
    expect(expiryOf({ type: 'never' }, activated)).toBeNull();
  });
});
