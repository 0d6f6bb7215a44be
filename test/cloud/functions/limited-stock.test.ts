/**
 * Limited stock in shards (issue 18: no single hot counter) through the real SDK against the local
 * cloud: a product the operator makes with stock 50, 150 buyers at once — exactly 50 orders, nobody
 * told "busy", nothing oversold; closing unpaid orders gives the stock back to the shards it came
 * from; the catalog and the operator see the sum of the shards. Money invariants after each test.
 */
import type { CatalogActions } from '../../../src/contracts/catalog';
import type { MerchantActions } from '../../../src/contracts/merchant';
import type { OrdersActions } from '../../../src/contracts/orders';
import type { SaveProductInput } from '../../../src/contracts/operator';
import type { Order } from '../../../src/domain/order';
import { STOCK_SHARDS, type StockShard } from '../../../src/domain/stock';
import { calls, requestId } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';
import { allDocs } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';
import { connectSdk } from '../support/sdk';

/** An open transaction as wx-server-sdk's startTransaction gives it (its typings leave it `any`). */
interface HeldTransaction {
  collection(name: string): { doc(id: string): { update(o: { data: object }): Promise<unknown> } };
  rollback(): Promise<unknown>;
}

jest.setTimeout(180_000);

const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡
let cloud: TestCloud;
const { as, ok } = calls(() => cloud);

cloudPerFile((c) => (cloud = c));

const newProduct = (stock: number): SaveProductInput => ({
  brandId: 'brand-lanshan-coffee',
  name: `限量卡${stock}`,
  kind: 'bearer',
  denominations: [fen(5_000)],
  customAmount: null,
  faces: [{ name: '限量', theme: 'thanks', colors: ['#6b3e26', '#d69e2e'], blessing: '限量发售' }],
  validity: { type: 'afterActivation', months: 36 },
  usageRules: ['全国蓝山咖啡门店可用'],
  transferLimit: 1,
  refundWindowDays: 7,
  bonus: null,
  stock,
  onSale: true,
  featured: false,
});

async function limited(stock: number): Promise<{ productId: string; faceId: string }> {
  const { product } = await ok<MerchantActions['saveProduct']['output']>(DAVE, 'merchant', {
    action: 'saveProduct',
    ...newProduct(stock),
  });
  return { productId: product._id, faceId: product.faces[0]!.id };
}

const order = (buyer: string, p: { productId: string; faceId: string }, quantity = 1) =>
  as<OrdersActions['create']['output']>(buyer, 'orders', {
    action: 'create',
    productId: p.productId,
    faceId: p.faceId,
    amount: 5_000,
    quantity,
    purpose: 'self',
    requestId: requestId(),
  });

async function shards(productId: string): Promise<StockShard[]> {
  return (await allDocs<StockShard>(cloud, 'productStock')).filter((s) => s.productId === productId);
}

const shardTotal = async (productId: string) => (await shards(productId)).reduce((s, x) => s + x.stock, 0);

async function catalogStock(productId: string): Promise<number | null> {
  const page = await ok<CatalogActions['brand']['output']>('r-anyone', 'catalog', {
    action: 'brand',
    brandId: 'brand-lanshan-coffee',
  });
  return page.products.find((p) => p._id === productId)!.stock;
}

test('should keep a new product’s limited stock in shards that sum to it, shown as the sum', async () => {
  const p = await limited(50);
  const docs = await shards(p.productId);
  expect(docs).toHaveLength(STOCK_SHARDS);
  expect(docs.reduce((s, x) => s + x.stock, 0)).toBe(50);
  expect(await catalogStock(p.productId)).toBe(50);
});

test('should sell exactly 50 to 150 concurrent buyers, with no busy answers and nothing oversold', async () => {
  const p = await limited(50);
  const results = await Promise.all(Array.from({ length: 150 }, (_, i) => order(`u-rush-${i}`, p)));
  const codes = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
  expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(0);
  expect(results.filter((r) => r.ok)).toHaveLength(50);
  expect(new Set(codes)).toEqual(new Set(['SOLD_OUT']));
  expect((await shards(p.productId)).every((s) => s.stock === 0)).toBe(true);
  expect(await catalogStock(p.productId)).toBe(0);
  // Every order says where its stock came from, and together they took exactly what the shards had.
  const orders = (await allDocs<Order>(cloud, 'orders')).filter((o) => o.productId === p.productId);
  expect(orders).toHaveLength(50);
  const taken = new Map<string, number>();
  for (const o of orders)
    for (const t of o.stockTakes ?? []) taken.set(t.shardId, (taken.get(t.shardId) ?? 0) + t.quantity);
  expect([...taken.values()].reduce((s, q) => s + q, 0)).toBe(50);
});

test('should answer a buyer of a sold-out card without a transaction, and a replay of the last sale with its order', async () => {
  const p = await limited(1);
  const input = { productId: p.productId, faceId: p.faceId, amount: 5_000, quantity: 1, purpose: 'self' };
  const last = await ok<OrdersActions['create']['output']>('u-last', 'orders', {
    action: 'create',
    ...input,
    requestId: 'req-last-card',
  });
  // Most of a rush arrives after the last card sold: the shards' one query says so, nothing opens.
  cloud.db.resetStats();
  const late = await order('u-late', p);
  expect(late.ok ? 'OK' : late.error.code).toBe('SOLD_OUT');
  const { calls: made, byAction } = cloud.db.stats();
  expect(byAction['database.startTransaction'] ?? 0).toBe(0);
  expect(made).toBe(3); // the product, the shards holding stock, and whether this request made an order
  expect((await allDocs<Order>(cloud, 'orders')).filter((o) => o.owner === 'u-late')).toHaveLength(0);
  // The buyer of the last card retrying their request gets their order, not "sold out".
  const again = await ok<OrdersActions['create']['output']>('u-last', 'orders', {
    action: 'create',
    ...input,
    requestId: 'req-last-card',
  });
  expect(again.order._id).toBe(last.order._id);
});

test('should keep the buyer of the last card waiting through a long run of conflicts, not answer busy', async () => {
  const p = await limited(1);
  const [stocked] = (await shards(p.productId)).filter((s) => s.stock > 0);
  // Another writer holds the one shard with stock for longer than CONFLICT_ROUNDS rounds of backoff
  // can last (at most 1.8 s): each round of the order conflicts at its write.
  const { db } = connectSdk(cloud);
  const holder = (await db.startTransaction()) as unknown as HeldTransaction;
  await holder
    .collection('productStock')
    .doc(stocked!._id)
    .update({ data: { stock: 1 } });
  const heldMs = 2_500;
  const started = Date.now();
  const buying = order('u-rush', p);
  await new Promise((r) => setTimeout(r, heldMs));
  await holder.rollback();
  const answer = await buying;
  expect(answer.ok ? 'OK' : answer.error.code).toBe('OK');
  expect(Date.now() - started).toBeGreaterThanOrEqual(heldMs);
  expect(await shardTotal(p.productId)).toBe(0);
});

test('should take an order bigger than one shard from several, and refuse one bigger than all', async () => {
  const p = await limited(15);
  const big = await order('u-big', p, 10);
  expect(big.ok).toBe(true);
  const o = (await allDocs<Order>(cloud, 'orders')).find((x) => big.ok && x._id === big.data.order._id)!;
  expect(o.stockTakes!.length).toBeGreaterThan(1);
  expect(await shardTotal(p.productId)).toBe(5);
  const tooBig = await order('u-big2', p, 6);
  expect(tooBig.ok ? 'OK' : tooBig.error.code).toBe('SOLD_OUT');
  expect(await shardTotal(p.productId)).toBe(5);
});

test('should give closed unpaid orders’ stock back to the shards it came from', async () => {
  const p = await limited(12);
  const placed = await Promise.all(Array.from({ length: 12 }, (_, i) => order(`u-unpaid-${i}`, p)));
  expect(placed.every((r) => r.ok)).toBe(true);
  expect(await shardTotal(p.productId)).toBe(0);
  const before = new Map((await shards(p.productId)).map((s) => [s._id, s.stock]));
  cloud.clock.advance(16 * 60_000);
  await cloud.runtime.invoke(
    'orders',
    { Type: 'Timer', TriggerName: 'paymentPoller', Time: '', Message: '' },
    { openId: '', appId: 'wx-test', source: 'wx_trigger' },
    cloud.clock.offsetMs,
  );
  const orders = (await allDocs<Order>(cloud, 'orders')).filter((o) => o.productId === p.productId);
  expect(orders.every((o) => o.status === 'closed')).toBe(true);
  const expected = new Map(before);
  for (const o of orders)
    for (const t of o.stockTakes ?? []) expected.set(t.shardId, (expected.get(t.shardId) ?? 0) + t.quantity);
  expect(new Map((await shards(p.productId)).map((s) => [s._id, s.stock]))).toEqual(expected);
  expect(await catalogStock(p.productId)).toBe(12);
  // Sold again after the release.
  expect((await order('u-after', p)).ok).toBe(true);
});

test('should apply the operator’s signed deltas across the shards, never below zero', async () => {
  const p = await limited(5);
  const adjust = (delta: number) =>
    as<MerchantActions['adjustStock']['output']>(DAVE, 'merchant', {
      action: 'adjustStock',
      productId: p.productId,
      delta,
    });
  const up = await adjust(30);
  expect(up.ok && up.data.product.stock).toBe(35);
  const down = await adjust(-34);
  expect(down.ok && down.data.product.stock).toBe(1);
  const tooMuch = await adjust(-2);
  expect(tooMuch.ok ? 'OK' : tooMuch.error.code).toBe('STOCK_TOO_LOW');
  expect(await shardTotal(p.productId)).toBe(1);
  expect((await shards(p.productId)).every((s) => s.stock >= 0)).toBe(true);
  // Taking it off sale and back answers the live figure, not the stored one.
  const off = await as<MerchantActions['setOnSale']['output']>(DAVE, 'merchant', {
    action: 'setOnSale',
    productId: p.productId,
    onSale: false,
  });
  expect(off.ok && off.data.product.stock).toBe(1);
});
