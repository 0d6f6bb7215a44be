/** Catalog rules: which amounts a product sells. */
import { acceptsAmount, KIND_CAP, productThemes, type CardProduct } from '../../src/domain/catalog';
import { fen } from '../../src/domain/money';

const product = (over: Partial<CardProduct>): Pick<CardProduct, 'kind' | 'denominations' | 'customAmount'> => ({
  kind: 'bearer',
  denominations: [fen(10000), fen(20000)],
  customAmount: { min: fen(5000), max: fen(100000) },
  ...over,
});

test('should accept a listed denomination and a whole-yuan custom amount inside the range', () => {
  expect(acceptsAmount(product({}), fen(20000))).toBe(true);
  expect(acceptsAmount(product({}), fen(5000))).toBe(true);
  expect(acceptsAmount(product({}), fen(88800))).toBe(true);
});

test('should refuse amounts under the minimum, over the cap, with cents, or zero', () => {
  expect(acceptsAmount(product({}), fen(4900))).toBe(false);
  expect(acceptsAmount(product({}), fen(5050))).toBe(false);
  expect(acceptsAmount(product({}), fen(0))).toBe(false);
  // The kind's cap wins over a wider range: bearer cards stop at ¥1,000.
  expect(acceptsAmount(product({ customAmount: { min: fen(5000), max: fen(500000) } }), fen(200000))).toBe(false);
  expect(
    acceptsAmount(product({ kind: 'registered', customAmount: { min: fen(5000), max: fen(500000) } }), fen(200000)),
  ).toBe(true);
  expect(KIND_CAP.registered).toBe(500_000);
});

test('should accept only denominations when there is no custom range', () => {
  const fixed = product({ customAmount: null });
  expect(acceptsAmount(fixed, fen(10000))).toBe(true);
  expect(acceptsAmount(fixed, fen(15000))).toBe(false);
});

test('should list the themes a product covers once each, in the standard order', () => {
  const faces = [
    { id: 'a', name: '', theme: 'love' as const, image: '', blessing: '' },
    { id: 'b', name: '', theme: 'birthday' as const, image: '', blessing: '' },
    { id: 'c', name: '', theme: 'love' as const, image: '', blessing: '' },
  ];
  expect(productThemes({ faces })).toEqual(['birthday', 'love']);
});
