/** Money in integer fen: examples and fast-check properties. */
import fc from 'fast-check';
import {
  addFen,
  compareFen,
  fen,
  formatPrice,
  formatSignedPrice,
  formatYuan,
  isFen,
  maxFen,
  MAX_FEN,
  minFen,
  MoneyError,
  multiplyFen,
  NEGATIVE_RESULT_MESSAGE,
  NOT_INTEGER_FEN_MESSAGE,
  parseYuanText,
  splitEvenly,
  subtractFen,
  sumFen,
  yuanText,
  yuanToFen,
  type Fen,
} from '../../src/domain/money';

const anyFen = fc.integer({ min: 0, max: 1_000_000_00 }).map((n) => fen(n));

describe('fen()', () => {
  test('should refuse floats, negatives, NaN and values past the maximum', () => {
    expect(() => fen(1.5)).toThrow(NOT_INTEGER_FEN_MESSAGE);
    expect(() => fen(0.1 + 0.2)).toThrow(MoneyError);
    expect(() => fen(-1)).toThrow(MoneyError);
    expect(() => fen(Number.NaN)).toThrow(MoneyError);
    expect(() => fen(MAX_FEN + 1)).toThrow(MoneyError);
    expect(fen(0)).toBe(0);
  });

  test('should accept exactly the non-negative integers up to the maximum', () => {
    fc.assert(fc.property(fc.double(), (x) => isFen(x) === (Number.isInteger(x) && x >= 0 && x <= MAX_FEN)));
  });

  test('should convert whole yuan and refuse fractional yuan', () => {
    expect(yuanToFen(100)).toBe(10000);
    expect(() => yuanToFen(99.99)).toThrow(MoneyError);
  });
});

describe('arithmetic', () => {
  test('should undo an addition with a subtraction', () => {
    fc.assert(fc.property(anyFen, anyFen, (a, b) => subtractFen(addFen(a, b), b) === a));
  });

  test('should never produce a negative amount', () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        if (b > a) {
          expect(() => subtractFen(a, b)).toThrow(NEGATIVE_RESULT_MESSAGE);
        } else {
          expect(subtractFen(a, b)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  test('should add commutatively and sum like repeated addition', () => {
    fc.assert(fc.property(anyFen, anyFen, (a, b) => addFen(a, b) === addFen(b, a)));
    fc.assert(
      fc.property(
        fc.array(anyFen, { maxLength: 20 }),
        (xs) => sumFen(xs) === xs.reduce<Fen>((s, x) => addFen(s, x), fen(0)),
      ),
    );
  });

  test('should multiply by a quantity like repeated addition', () => {
    fc.assert(
      fc.property(
        anyFen,
        fc.integer({ min: 0, max: 10 }),
        (a, n) => multiplyFen(a, n) === sumFen(Array.from({ length: n }, () => a)),
      ),
    );
    expect(() => multiplyFen(fen(100), 1.5)).toThrow(MoneyError);
  });

  test('should order amounts consistently', () => {
    fc.assert(fc.property(anyFen, anyFen, (a, b) => compareFen(a, b) === -compareFen(b, a)));
  });
});

describe('splitEvenly()', () => {
  test('should split into shares that sum exactly to the total and differ by at most one fen', () => {
    fc.assert(
      fc.property(anyFen, fc.integer({ min: 1, max: 20 }), (total, parts) => {
        const shares = splitEvenly(total, parts);
        expect(shares).toHaveLength(parts);
        expect(sumFen(shares)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('should refuse zero or fractional parts', () => {
    expect(() => splitEvenly(fen(100), 0)).toThrow(MoneyError);
    expect(() => splitEvenly(fen(100), 2.5)).toThrow(MoneyError);
  });
});

describe('formatting', () => {
  test('should show yuan with thousands separators and two-digit cents only when there are cents', () => {
    expect(formatYuan(fen(10000))).toBe('100');
    expect(formatYuan(fen(12345))).toBe('123.45');
    expect(formatYuan(fen(12340))).toBe('123.40');
    expect(formatYuan(fen(5))).toBe('0.05');
    expect(formatPrice(fen(50000000))).toBe('¥500,000');
  });

  test('should format every amount so that it parses back to the same fen', () => {
    fc.assert(
      fc.property(anyFen, (a) => {
        const [yuan, cents = '00'] = formatYuan(a).replace(/,/g, '').split('.');
        return Number(yuan) * 100 + Number(cents) === a;
      }),
    );
  });

  test('should give amounts as a person types them, which parseYuanText reads back', () => {
    expect(yuanText(fen(3750))).toBe('37.50');
    expect(yuanText(fen(123456700))).toBe('1234567');
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_99 }), (n) => parseYuanText(yuanText(fen(n))) === n));
  });

  test('should show a figure below zero with a minus', () => {
    expect(formatSignedPrice(-5)).toBe('−¥0.05');
    expect(formatSignedPrice(12_345)).toBe('¥123.45');
    expect(formatSignedPrice(0)).toBe('¥0');
    expect(() => formatSignedPrice(-0.5)).toThrow(NOT_INTEGER_FEN_MESSAGE);
  });
});

describe('minFen() / maxFen()', () => {
  test('should pick the smallest and the largest amount', () => {
    expect(minFen(fen(300), fen(100), fen(200))).toBe(100);
    expect(maxFen(fen(300), fen(100), fen(200))).toBe(300);
    expect(minFen(fen(7))).toBe(7);
  });
});
