/**
 * Limited stock kept in shards: a product's remaining stock split over several documents, so that
 * concurrent orders reserve from different documents instead of all writing one counter. These are
 * the pure rules — how stock is split, which shards an order takes from, where a change goes; the
 * documents and transactions are in cloudfunctions/core/orders/stock-shards.ts. No I/O; randomness
 * is a parameter.
 */

/**
 * Shards per product. With orders spread at random over 16 documents, two concurrent orders meet
 * on one about 1 time in 16 instead of always; more shards would cost a sold-out check more reads.
 */
export const STOCK_SHARDS = 16;

export interface StockShard {
  _id: string;
  productId: string;
  /** 0-based shard number. */
  n: number;
  stock: number;
}

/** One shard's part of an order (recorded on the order, so a release goes back where it came from). */
export interface StockTake {
  shardId: string;
  quantity: number;
}

export function stockShardId(productId: string, n: number): string {
  return `${productId}-k${String(n).padStart(2, '0')}`;
}

/** `total` over `shards` shards, differing by at most one. */
export function splitStock(total: number, shards: number = STOCK_SHARDS): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('stock must be a non-negative integer');
  const base = Math.floor(total / shards);
  const extra = total % shards;
  return Array.from({ length: shards }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Shard numbers from a random one onwards, wrapping round: where a reservation looks first. */
export function shardWalk(shards: number, random: () => number): number[] {
  const start = Math.floor(random() * shards) % shards;
  return Array.from({ length: shards }, (_, i) => (start + i) % shards);
}

/**
 * What to take from shards met in walk order to reserve `quantity`, or null when together they
 * hold less (sold out). Mostly one shard; an order bigger than what one shard has left takes from
 * the next ones too.
 */
export function planTakes(shards: readonly Pick<StockShard, '_id' | 'stock'>[], quantity: number): StockTake[] | null {
  const takes: StockTake[] = [];
  let left = quantity;
  for (const s of shards) {
    if (left === 0) break;
    const q = Math.min(left, s.stock);
    if (q > 0) takes.push({ shardId: s._id, quantity: q });
    left -= q;
  }
  return left === 0 ? takes : null;
}

/**
 * The operator's signed stock change spread over the shards: an increase evenly, a decrease taken
 * from the fullest shards first; null when it would take the total below zero.
 */
export function spreadDelta(
  shards: readonly Pick<StockShard, '_id' | 'stock'>[],
  delta: number,
): Map<string, number> | null {
  const out = new Map<string, number>();
  if (delta >= 0) {
    splitStock(delta, shards.length).forEach((d, i) => {
      if (d > 0) out.set(shards[i]!._id, d);
    });
    return out;
  }
  const takes = planTakes(
    [...shards].sort((a, b) => b.stock - a.stock),
    -delta,
  );
  if (!takes) return null;
  for (const t of takes) out.set(t.shardId, -t.quantity);
  return out;
}
