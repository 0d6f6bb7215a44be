/** Sharded stock rules: splitting, where a reservation looks, what it takes, and operator deltas. */
import fc from 'fast-check';
import { planTakes, shardWalk, splitStock, spreadDelta, stockShardId } from '../../src/domain/stock';

const shard = (i: number, stock: number) => ({ _id: stockShardId('p', i), stock });

describe('splitStock', () => {
  test('should split stock over the shards, summing to it and differing by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 32 }), (total, n) => {
        const parts = splitStock(total, n);
        expect(parts).toHaveLength(n);
        expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('should refuse negative or fractional stock', () => {
    expect(() => splitStock(-1)).toThrow(RangeError);
    expect(() => splitStock(1.5)).toThrow(RangeError);
  });
});

describe('reserving', () => {
  test('should walk every shard once from a random start', () => {
    expect(shardWalk(4, () => 0.5)).toEqual([2, 3, 0, 1]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (n, r) => {
        expect([...shardWalk(n, () => r)].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });

  test('should take from the first shard that has enough, spill into the next, or answer sold out', () => {
    expect(planTakes([shard(0, 0), shard(1, 3)], 2)).toEqual([{ shardId: 'p-k01', quantity: 2 }]);
    expect(planTakes([shard(0, 1), shard(1, 3)], 3)).toEqual([
      { shardId: 'p-k00', quantity: 1 },
      { shardId: 'p-k01', quantity: 2 },
    ]);
    expect(planTakes([shard(0, 1), shard(1, 1)], 3)).toBeNull();
  });
});

describe('operator deltas', () => {
  test('should spread an increase evenly and take a decrease from the fullest shards, never below zero', () => {
    expect(spreadDelta([shard(0, 0), shard(1, 0)], 3)).toEqual(
      new Map([
        ['p-k00', 2],
        ['p-k01', 1],
      ]),
    );
    expect(spreadDelta([shard(0, 1), shard(1, 5)], -4)).toEqual(new Map([['p-k01', -4]]));
    expect(spreadDelta([shard(0, 1), shard(1, 5)], -7)).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 16 }),
        fc.integer({ min: -500, max: 500 }),
        (stocks, delta) => {
          const shards = stocks.map((s, i) => shard(i, s));
          const total = stocks.reduce((s, x) => s + x, 0);
          const out = spreadDelta(shards, delta);
          if (total + delta < 0) return expect(out).toBeNull();
          const after = shards.map((s) => s.stock + (out!.get(s._id) ?? 0));
          expect(after.every((x) => x >= 0)).toBe(true);
          expect(after.reduce((s, x) => s + x, 0)).toBe(total + delta);
        },
      ),
    );
  });
});
