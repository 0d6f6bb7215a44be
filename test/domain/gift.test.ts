/** Gift rules: share splitting (properties), states and when a card may be gifted. */
import fc from 'fast-check';
import {
  canMoveGift,
  bestShare,
  claimRefusal,
  GIFT_STATES,
  giftRefusal,
  heldCard,
  nextShare,
  shareCard,
  shareTryOrder,
  splitShares,
  withShares,
  type Gift,
  type GiftShareDoc,
  type GiftState,
} from '../../src/domain/gift';
import { fen } from '../../src/domain/money';

const seq = (values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('splitShares', () => {
  const input = fc
    .record({ shares: fc.integer({ min: 1, max: 100 }), extra: fc.integer({ min: 0, max: 1_000_000 }) })
    .map(({ shares, extra }) => ({ shares, total: fen(shares + extra) }));

  test('should give every share at least 1 fen and sum exactly to the gift, in both modes', () => {
    fc.assert(
      fc.property(
        input,
        fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1 }),
        ({ shares, total }, draws) => {
          for (const mode of ['equal', 'random'] as const) {
            const out = splitShares(total, shares, mode, seq(draws));
            if (out.length !== shares) return false;
            if (out.some((a) => !Number.isInteger(a) || a < 1)) return false;
            if (out.reduce((s, a) => s + a, 0) !== total) return false;
          }
          return true;
        },
      ),
    );
  });

  test('should keep equal shares within 1 fen of each other', () => {
    fc.assert(
      fc.property(input, ({ shares, total }) => {
        const out = splitShares(total, shares, 'equal', Math.random);
        return Math.max(...out) - Math.min(...out) <= 1;
      }),
    );
  });

  test('should leave room for every later share even on the largest draws', () => {
    // 20 shares of a ¥0.20 gift: the greediest draws still leave 1 fen each.
    expect(splitShares(fen(20), 20, 'random', () => 0.999999)).toEqual(Array(20).fill(1));
    const out = splitShares(fen(10_000), 3, 'random', () => 0.999999);
    expect(out.reduce((s, a) => s + a, 0)).toBe(10_000);
    expect(out[0]).toBeLessThanOrEqual(Math.floor((10_000 / 3) * 2));
  });

  test('should refuse a gift smaller than one fen per share', () => {
    expect(() => splitShares(fen(9), 10, 'random', Math.random)).toThrow(RangeError);
    expect(() => splitShares(fen(10), 0, 'equal', Math.random)).toThrow(RangeError);
  });
});

describe('gift states and refusals', () => {
  test('should end in claimed, returned or cancelled and never leave them', () => {
    for (const end of ['claimed', 'returned', 'cancelled'] as const) {
      for (const s of GIFT_STATES) expect(canMoveGift(end, s)).toBe(false);
    }
    expect(canMoveGift('partlyClaimed', 'cancelled')).toBe(false);
    expect(canMoveGift('open', 'returning')).toBe(true);
    expect(canMoveGift('open', 'returned')).toBe(false);
    expect(canMoveGift('returning', 'returned')).toBe(true);
  });

  const card = { state: 'active' as const, expiresAt: 1_000, transfers: 0, transferLimit: 1, balance: fen(500) };

  test.each([
    [{}, 500, null],
    [{ state: 'gifting' }, 100, 'CARD_NOT_ACTIVE'],
    [{ transfers: 1 }, 100, 'TRANSFER_LIMIT'],
    [{}, 501, 'AMOUNT_NOT_ALLOWED'],
    [{}, 0, 'AMOUNT_NOT_ALLOWED'],
  ])('should decide gifting %j of %i fen as %s', (change, amount, expected) => {
    expect(giftRefusal({ ...card, ...change } as typeof card, fen(amount), 999)).toBe(expected);
  });

  test('should refuse an expired card', () => {
    expect(giftRefusal(card, fen(100), 1_001)).toBe('CARD_EXPIRED');
    expect(giftRefusal({ ...card, expiresAt: null }, fen(100), 1e15)).toBeNull();
  });
});

describe('claim refusals', () => {
  const gift = {
    sender: 's',
    state: 'open' as GiftState,
    expiresAt: 1_000,
    mode: 'single' as const,
    shares: [{ amount: fen(100) }],
  };

  test.each([
    ['s', {}, 999, 'OWN_GIFT'],
    ['c', {}, 1_000, null],
    ['c', {}, 1_001, 'GIFT_EXPIRED'],
    ['c', { state: 'returning' }, 999, 'GIFT_EXPIRED'],
    ['c', { state: 'returned' }, 999, 'GIFT_EXPIRED'],
    ['c', { state: 'cancelled' }, 999, 'GIFT_CANCELLED'],
    ['c', { state: 'claimed' }, 999, 'GIFT_CLAIMED'],
    ['c', { state: 'claimed', mode: 'group' }, 999, 'GIFT_ALL_CLAIMED'],
    ['c', { shares: [{ amount: 100, claimedBy: 'c' }] }, 999, 'GIFT_ALREADY_CLAIMED'],
  ])('should answer %s claiming %j at %i with %s', (claimer, change, at, expected) => {
    expect(claimRefusal({ ...gift, ...change } as typeof gift, claimer, at)).toBe(expected);
  });

  test('should hand out shares in the order they were cut', () => {
    expect(nextShare({ shares: [{ amount: fen(1), claimedBy: 'a' }, { amount: fen(2) }] })).toBe(1);
    expect(nextShare({ shares: [{ amount: fen(1), claimedBy: 'a' }] })).toBe(-1);
  });
});

describe('group gifts kept in share documents', () => {
  const gift = { _id: 'g', mode: 'group', shareCount: 3, amount: 600, state: 'open' } as unknown as Gift;
  const doc = (index: number, over: Partial<GiftShareDoc> = {}): GiftShareDoc => ({
    _id: `g-s00${index + 1}`,
    giftId: 'g',
    index,
    amount: fen((index + 1) * 100),
    state: 'free',
    updatedAt: 0,
    ...over,
  });
  const claimed = (index: number, by: string) => doc(index, { state: 'claimed', claimedBy: by, claimedAt: 5 });

  test("should count claims from the shares and follow them in an open gift's state", () => {
    expect(withShares(gift, [doc(0), doc(1), doc(2)])).toMatchObject({ state: 'open', claimedCount: 0 });
    const partly = withShares(gift, [doc(2), claimed(1, 'b'), doc(0)]);
    expect(partly).toMatchObject({ state: 'partlyClaimed', claimedCount: 1, claimedAmount: 200, claimers: ['b'] });
    expect(partly.shares.map((s) => s.amount)).toEqual([100, 200, 300]);
    expect(partly.shares[1]).toMatchObject({ claimedBy: 'b', cardId: 'g-s002' });
    expect(withShares(gift, [claimed(0, 'a'), claimed(1, 'b'), claimed(2, 'c')]).state).toBe('claimed');
  });

  test("should keep an ended gift's own state, and count a returned share as nobody's", () => {
    const ended = withShares({ ...gift, state: 'returned' }, [claimed(0, 'a'), doc(1, { state: 'returned' })]);
    expect(ended).toMatchObject({ state: 'returned', claimedCount: 1, claimedAmount: 100 });
  });

  test('should start claimers at a random share and wrap round the rest', () => {
    expect(shareTryOrder(['a', 'b', 'c', 'd'], () => 0.5)).toEqual(['c', 'd', 'a', 'b']);
    expect(shareTryOrder(['a', 'b'], () => 0)).toEqual(['a', 'b']);
    expect(shareTryOrder([], () => 0.3)).toEqual([]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (n, r) => {
        const free = Array.from({ length: n }, (_, i) => i);
        expect([...shareTryOrder(free, () => r)].sort((x, y) => x - y)).toEqual(free);
      }),
    );
  });
});

describe('a gift’s locked cards as the gift knows them', () => {
  const gift = {
    _id: 'g1',
    sender: 'u1',
    brandId: 'b1',
    cardId: 'g1-pool',
    amount: 3_000,
    claimedAmount: 1_000,
    updatedAt: 5_000,
  } as unknown as Gift;

  test('should hold what nobody claimed, locked, the sender’s, changed no later than the gift', () => {
    expect(heldCard(gift)).toEqual({
      _id: 'g1-pool',
      owner: 'u1',
      brandId: 'b1',
      balance: 2_000,
      state: 'gifting',
      updatedAt: 5_000,
    });
    expect(() => heldCard({ ...gift, claimedAmount: fen(3_001) })).toThrow();
  });

  test('should hold a share on its own card, as its document says', () => {
    const share: GiftShareDoc = {
      _id: 'g1-s002',
      giftId: 'g1',
      index: 1,
      amount: fen(700),
      state: 'free',
      updatedAt: 6_000,
    };
    expect(shareCard(gift, share)).toEqual({
      _id: 'g1-s002',
      owner: 'u1',
      brandId: 'b1',
      balance: 700,
      state: 'gifting',
      updatedAt: 6_000,
    });
  });
});

test('should name as 手气最佳 the largest 拼手气 share, the earliest on a tie, and only once all are claimed', () => {
  const share = (amount: number, claimedAt?: number) =>
    claimedAt === undefined ? { amount } : { amount, claimedBy: `u${claimedAt}`, claimedAt };
  const g = (shares: ReturnType<typeof share>[], shareMode: 'random' | 'equal' = 'random') =>
    ({ mode: 'group', shareMode, shares }) as unknown as Parameters<typeof bestShare>[0];
  expect(bestShare(g([share(300, 3), share(500, 2), share(500, 1)]))).toBe(2);
  expect(bestShare(g([share(300, 3), share(700)]))).toBe(-1);
  expect(bestShare(g([share(500, 1), share(500, 2)], 'equal'))).toBe(-1);
});
