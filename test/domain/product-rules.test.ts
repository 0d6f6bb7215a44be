/** The product rules an operator's product must meet, each refusal named by its rule. */
import { MoneyError } from '../../src/domain/money';
import {
  productIssues,
  productRefusalMessage,
  stockAfter,
  withFenAmounts,
  type ProductDraft,
} from '../../src/domain/product-rules';

// 2026-12-01 12:00 China time.
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);

const draft = (over: Partial<ProductDraft> = {}): ProductDraft => ({
  name: '测试卡',
  kind: 'registered',
  denominations: [10_000, 20_000],
  customAmount: { min: 5_000, max: 100_000 },
  faces: [{ name: '生日快乐', theme: 'birthday', colors: ['#112233', '#445566'], blessing: '生日快乐' }],
  validity: { type: 'never' },
  usageRules: ['全国门店可用'],
  transferLimit: 1,
  refundWindowDays: 7,
  bonus: null,
  stock: null,
  ...over,
});

const rules = (d: ProductDraft): string[] => productIssues(d, NOW).map((i) => i.rule);

describe('product rules', () => {
  test('should accept a well-formed product', () => {
    expect(productIssues(draft(), NOW)).toEqual([]);
  });

  test('should refuse denominations that are not positive integers, not ascending, repeated or above the cap', () => {
    expect(rules(draft({ denominations: [0] }))).toContain('denominationInteger');
    expect(rules(draft({ denominations: [100.5] }))).toContain('denominationInteger');
    expect(rules(draft({ denominations: [20_000, 10_000] }))).toContain('denominationOrder');
    expect(rules(draft({ denominations: [10_000, 10_000] }))).toContain('denominationOrder');
    expect(rules(draft({ denominations: [500_000] }))).toEqual([]);
    expect(rules(draft({ denominations: [500_100] }))).toContain('denominationCap');
    // A bearer card's cap is ¥1,000.
    expect(rules(draft({ kind: 'bearer', denominations: [100_100], customAmount: null }))).toContain('denominationCap');
  });

  test('should refuse a custom range below ¥50, above the cap, reversed or not in whole yuan', () => {
    expect(rules(draft({ customAmount: { min: 4_900, max: 10_000 } }))).toContain('customMin');
    expect(rules(draft({ customAmount: { min: 5_000, max: 500_100 } }))).toContain('customMax');
    expect(rules(draft({ customAmount: { min: 20_000, max: 10_000 } }))).toContain('customOrder');
    expect(rules(draft({ customAmount: { min: 5_050, max: 10_000 } }))).toContain('customWholeYuan');
    expect(rules(draft({ customAmount: { min: 5_000, max: 500_000 } }))).toEqual([]);
  });

  test('should need at least one denomination or a custom range', () => {
    expect(rules(draft({ denominations: [], customAmount: null }))).toEqual(['amountsRequired']);
    expect(rules(draft({ denominations: [] }))).toEqual([]);
    expect(rules(draft({ customAmount: null }))).toEqual([]);
  });

  test('should need 1 to 6 faces with names, themes, #rrggbb colours and blessings', () => {
    const f = draft().faces[0]!;
    expect(rules(draft({ faces: [] }))).toContain('faceCount');
    expect(rules(draft({ faces: Array.from({ length: 6 }, () => f) }))).toEqual([]);
    expect(rules(draft({ faces: Array.from({ length: 7 }, () => f) }))).toContain('faceCount');
    expect(rules(draft({ faces: [{ ...f, name: ' ' }] }))).toEqual(['faceName']);
    expect(rules(draft({ faces: [{ ...f, colors: ['#112233', 'red'] }] }))).toEqual(['faceColor']);
    expect(rules(draft({ faces: [{ ...f, blessing: 'x'.repeat(61) }] }))).toEqual(['blessing']);
    expect(productIssues(draft({ faces: [f, { ...f, name: '' }] }), NOW)).toEqual([
      { rule: 'faceName', field: 'faces.1' },
    ]);
  });

  test('should keep a bearer card valid at least three years', () => {
    const bearer = (validity: ProductDraft['validity']) =>
      rules(draft({ kind: 'bearer', denominations: [10_000], customAmount: null, validity }));
    expect(bearer({ type: 'never' })).toEqual([]);
    expect(bearer({ type: 'afterActivation', months: 36 })).toEqual([]);
    expect(bearer({ type: 'afterActivation', months: 35 })).toEqual(['bearerValidity']);
    expect(bearer({ type: 'fixedDate', until: '2029-12-01' })).toEqual([]);
    expect(bearer({ type: 'fixedDate', until: '2029-11-30' })).toEqual(['bearerValidity']);
    // A registered card may be shorter, but a date must exist and not be past.
    expect(rules(draft({ validity: { type: 'afterActivation', months: 12 } }))).toEqual([]);
    expect(rules(draft({ validity: { type: 'fixedDate', until: '2026-11-30' } }))).toEqual(['validity']);
    expect(rules(draft({ validity: { type: 'fixedDate', until: '2027-02-30' } }))).toEqual(['validity']);
  });

  test('should bound the transfer limit, refund window, bonus, texts and stock', () => {
    expect(rules(draft({ transferLimit: 10 }))).toEqual([]);
    expect(rules(draft({ transferLimit: 11 }))).toEqual(['transferLimit']);
    expect(rules(draft({ transferLimit: -1 }))).toEqual(['transferLimit']);
    expect(rules(draft({ refundWindowDays: 0 }))).toEqual([]);
    expect(rules(draft({ refundWindowDays: 8 }))).toEqual(['refundWindow']);
    expect(rules(draft({ bonus: { minAmount: 100_000, amount: 10_000 } }))).toEqual([]);
    expect(rules(draft({ bonus: { minAmount: 10_000, amount: 10_000 } }))).toEqual(['bonus']);
    expect(rules(draft({ name: 'x'.repeat(31) }))).toEqual(['name']);
    expect(rules(draft({ name: '' }))).toEqual(['name']);
    expect(rules(draft({ usageRules: ['y'.repeat(81)] }))).toEqual(['usageRules']);
    expect(rules(draft({ usageRules: Array.from({ length: 11 }, () => 'a') }))).toEqual(['usageRules']);
    expect(rules(draft({ stock: -1 }))).toEqual(['stock']);
    expect(rules(draft({ stock: 0 }))).toEqual([]);
  });

  test('should name the broken rule in the refusal message', () => {
    const [issue] = productIssues(draft({ transferLimit: 20 }), NOW);
    expect(productRefusalMessage(issue!)).toBe('rule transferLimit (transferLimit)');
  });

  test('should never let stock go below zero', () => {
    expect(stockAfter(10, -10)).toBe(0);
    expect(stockAfter(10, -11)).toBeNull();
    expect(stockAfter(0, 5)).toBe(5);
  });
});

describe('withFenAmounts()', () => {
  test('should keep a draft that passed the rules as it is, its amounts checked', () => {
    const d = draft({ bonus: { minAmount: 10_000, amount: 1_000 } });
    expect(productIssues(d, NOW)).toEqual([]);
    expect(withFenAmounts(d)).toEqual(d);
  });

  test('should refuse an amount that is not a whole number of fen', () => {
    expect(() => withFenAmounts(draft({ denominations: [100.5] }))).toThrow(MoneyError);
    expect(() => withFenAmounts(draft({ customAmount: { min: -1, max: 10_000 } }))).toThrow(MoneyError);
  });
});
