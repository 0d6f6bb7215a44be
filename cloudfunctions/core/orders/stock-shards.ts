/**
 * Limited stock in shard documents (productStock, `${productId}-kNN`): an order reserves from a
 * shard picked at random and walks on to the next when it is empty, so concurrent buyers write
 * different documents instead of one hot counter; it is sold out only when every shard is. What an
 * order took is recorded on it (`stockTakes`) and a close gives it back to those same shards. The
 * operator's signed changes and the views' figure (the sum) work on all shards. Products made before
 * shards (no `stockShards`) keep their single counter.
 */
import type { CardProduct } from '../../../src/domain/catalog';
import {
  planTakes,
  shardWalk,
  splitStock,
  spreadDelta,
  STOCK_SHARDS,
  stockShardId,
  type StockShard,
  type StockTake,
} from '../../../src/domain/stock';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { transaction, txGet, txUpdate, type Tx } from '../tx';

export function isSharded(p: Pick<CardProduct, 'stock' | 'stockShards'>): boolean {
  return p.stock !== null && p.stockShards !== undefined;
}

/** The shard documents of a product made with `stock` (written with the product). */
export function newShards(productId: string, stock: number, shards = STOCK_SHARDS): StockShard[] {
  return splitStock(stock, shards).map((s, n) => ({ _id: stockShardId(productId, n), productId, n, stock: s }));
}

/**
 * Reserves `quantity` inside an order's transaction. `stocked` is which shards held stock when the
 * caller asked, before the transaction (stockedShards: one query of committed state — when it
 * answers none, the product is sold out and no transaction is needed). Those shards are read in
 * random order, then the others (the answer may be stale: a closed order gives stock back), until
 * enough is found, and only those are written. Null: sold out — the whole walk, in the
 * transaction's snapshot, held less. A conflict on a shard reruns the transaction, which starts
 * somewhere else.
 */
export async function txReserve(
  tx: Tx,
  product: Pick<CardProduct, '_id' | 'stockShards'>,
  stocked: readonly number[],
  quantity: number,
  random: () => number = Math.random,
): Promise<StockTake[] | null> {
  const walk = shardWalk(product.stockShards ?? STOCK_SHARDS, random);
  const first = new Set(stocked);
  const order = [...walk.filter((n) => first.has(n)), ...walk.filter((n) => !first.has(n))];
  const seen: StockShard[] = [];
  let found = 0;
  for (const n of order) {
    const shard = await txGet<StockShard>(tx, C.productStock, stockShardId(product._id, n));
    if (!shard || shard.stock <= 0) continue;
    seen.push(shard);
    found += shard.stock;
    if (found >= quantity) break;
  }
  const takes = planTakes(seen, quantity);
  if (!takes) return null;
  for (const t of takes) {
    const shard = seen.find((s) => s._id === t.shardId)!;
    await txUpdate(tx, C.productStock, t.shardId, { stock: shard.stock - t.quantity });
  }
  return takes;
}

/** The numbers of a product's shards holding stock now (one query, not in any transaction). */
export async function stockedShards(productId: string): Promise<number[]> {
  const _ = getDatabase().command;
  const res = await getDatabase()
    .collection(C.productStock)
    .where({ productId, stock: _.gt(0) })
    .field({ n: true })
    .limit(1000)
    .get();
  return rows<Pick<StockShard, 'n'>>(res).map((s) => s.n);
}

/** Gives an order's reservation back to the shards it came from, inside the closing transaction. */
export async function txRelease(tx: Tx, takes: readonly StockTake[]): Promise<void> {
  for (const t of takes) {
    const shard = await txGet<StockShard>(tx, C.productStock, t.shardId);
    if (shard) await txUpdate(tx, C.productStock, t.shardId, { stock: shard.stock + t.quantity });
  }
}

async function shardsOf(productIds: readonly string[]): Promise<StockShard[]> {
  if (productIds.length === 0) return [];
  const _ = getDatabase().command;
  return rows<StockShard>(
    await getDatabase()
      .collection(C.productStock)
      .where({ productId: _.in([...productIds]) })
      .limit(1000)
      .get(),
  );
}

/** Products with their live stock: a sharded product's is the sum of its shards (one query for all). */
export async function withLiveStock<P extends CardProduct>(products: P[]): Promise<P[]> {
  const sharded = products.filter(isSharded).map((p) => p._id);
  if (sharded.length === 0) return products;
  const sums = new Map<string, number>();
  // At most 1000 shard rows a query: pages of products whose shards fit.
  const perQuery = Math.max(1, Math.floor(1000 / STOCK_SHARDS));
  for (let i = 0; i < sharded.length; i += perQuery) {
    for (const s of await shardsOf(sharded.slice(i, i + perQuery))) {
      sums.set(s.productId, (sums.get(s.productId) ?? 0) + s.stock);
    }
  }
  return products.map((p) => (isSharded(p) ? { ...p, stock: sums.get(p._id) ?? 0 } : p));
}

/**
 * The operator's signed change on a sharded product, in one transaction over its shards (16 reads
 * and at most 16 writes): the total never goes below zero, and a purchase racing it conflicts and
 * reruns. Null: it would go below zero. Answers the stock after.
 */
export async function adjustShardedStock(product: CardProduct, delta: number): Promise<number | null> {
  return transaction(async (tx) => {
    const shards: StockShard[] = [];
    for (let n = 0; n < (product.stockShards ?? STOCK_SHARDS); n++) {
      const id = stockShardId(product._id, n);
      shards.push(
        (await txGet<StockShard>(tx, C.productStock, id)) ?? { _id: id, productId: product._id, n, stock: 0 },
      );
    }
    const changes = spreadDelta(shards, delta);
    if (!changes) return null;
    for (const s of shards) {
      const d = changes.get(s._id);
      if (d === undefined) continue;
      await tx
        .collection(C.productStock)
        .doc(s._id)
        .set({ data: { productId: s.productId, n: s.n, stock: s.stock + d } });
    }
    return shards.reduce((sum, s) => sum + s.stock, 0) + delta;
  });
}
