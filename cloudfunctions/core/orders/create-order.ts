/**
 * Creating an order: the product is read first, on its own (a read of committed state: its terms
 * aren't written by orders, and a product whose limited stock is in shards keeps that stock on the
 * shards, stock-shards.ts). A sold-out sharded product is answered from there — one query says no
 * shard holds stock — without a transaction: in a rush for a limited card most buyers arrive after
 * the last one sold, and they cost 3 calls (the product, the shards, the replay check) instead of 6.
 * Otherwise one transaction reserves stock (a random shard, recorded on the order), counts the
 * buyer's total for the day (real-name threshold, large-amount record) and writes the order under
 * an id derived from the buyer and their request id — so a retry of the same request can't make a
 * second order: its insert fails and the first order is answered. An unlimited product costs six
 * calls in all (the product, start, the day, the order, the day again, commit); only a product that
 * keeps its stock on itself (made before shards) is read again inside the transaction, where its
 * counter is written.
 */
import { createHash } from 'node:crypto';
import { bonusFor, type CardProduct } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { dailyCompliance, maskIdNumber, orderTotal, purchaseRefusal, type Order } from '../../../src/domain/order';
import { chinaDay, type PurchaseRules } from '../../../src/domain/rules';
import type { CreateOrderInput } from '../../../src/contracts/orders';
import { C } from '../collections';
import { getDatabase, rows } from '../cloud';
import { refuse, transaction, txAdd, txGet, txSet, txUpdate, type Refusal, type Tx } from '../tx';
import { isSharded, stockedShards, txReserve } from './stock-shards';

/** The buyer's purchases of one China day (real-name threshold and large-amount record). */
export interface PurchaseDay {
  _id: string;
  owner: string;
  day: string;
  total: number;
}

/**
 * How long an order rides out conflicts on the stock shards before answering CONFLICT. The last
 * cards of a rush are fought over by everyone still buying, and on a busy cloud a buyer can lose
 * more than CONFLICT_ROUNDS rounds in a row while stock remains (the bench's 1,500 buyers for 500
 * cards saw it); they should get a card or hear it is sold out, not "busy". Well inside the orders
 * function's 20 s timeout.
 */
export const ORDER_CONFLICT_PATIENCE_MS = 8_000;

export function orderIdFor(owner: string, requestId: string): string {
  return `o${createHash('sha256').update(`${owner}\n${requestId}`).digest('hex').slice(0, 24)}`;
}

export function purchaseDayId(owner: string, day: string): string {
  return `${day}-${createHash('sha256').update(owner).digest('hex').slice(0, 24)}`;
}

/** The same request again: same order when the choices match, a refusal when they don't. */
function sameRequest(o: Order, input: CreateOrderInput): boolean {
  return (
    o.productId === input.productId &&
    o.face.id === input.faceId &&
    o.amount === input.amount &&
    o.quantity === input.quantity &&
    o.purpose === input.purpose &&
    JSON.stringify(o.giftPlan ?? null) === JSON.stringify(input.giftPlan ?? null)
  );
}

export async function createOrder(
  owner: string,
  input: CreateOrderInput,
  now: number,
  rules: PurchaseRules,
): Promise<{ order: Order; created: boolean }> {
  const id = orderIdFor(owner, input.requestId);
  const day = chinaDay(now);
  try {
    const product = rows<CardProduct>(
      await getDatabase().collection(C.products).where({ _id: input.productId }).limit(1).get(),
    )[0];
    if (!product) throw new DomainError(ErrorCode.NOT_FOUND, 'product not found');
    const sharded = isSharded(product);
    const refusal = termsRefusal(product, sharded, input, rules);
    if (refusal) throw new DomainError(refusal, `cannot buy: ${refusal.toLowerCase()}`);
    let stocked = sharded ? await stockedShards(product._id) : null;
    if (stocked?.length === 0) throw new DomainError(ErrorCode.SOLD_OUT, 'cannot buy: sold_out');
    return await transaction(
      async (tx) => {
        // A rerun after a conflict on a shard asks afresh which shards still hold stock.
        const shards = stocked ?? (sharded ? await stockedShards(product._id) : null);
        stocked = null;
        return writeOrder(tx, id, owner, input, product, shards, now, day, rules);
      },
      { patienceMs: ORDER_CONFLICT_PATIENCE_MS },
    );
  } catch (e) {
    // The request was made before: the order's id is taken (the insert failed), or a rule now
    // refuses what was accepted then (the last card sold was this buyer's). Answer with that order.
    const existing = await findOrder(id);
    if (!existing) throw e;
    if (existing.owner !== owner || !sameRequest(existing, input)) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_MISMATCH, 'this request id was used for a different order');
    }
    return { order: existing, created: false };
  }
}

/** What the product's terms say to this purchase; a sharded product's stored `stock` is not its stock. */
function termsRefusal(product: CardProduct, sharded: boolean, input: CreateOrderInput, rules: PurchaseRules) {
  const terms = sharded ? { ...product, stock: null } : product;
  return purchaseRefusal(terms, { faceId: input.faceId, amount: input.amount, quantity: input.quantity }, rules);
}

/** An order by its id, as committed (outside any transaction). */
export async function findOrder(id: string): Promise<Order | undefined> {
  return rows<Order>(await getDatabase().collection(C.orders).where({ _id: id }).limit(1).get())[0];
}

async function writeOrder(
  tx: Tx,
  id: string,
  owner: string,
  input: CreateOrderInput,
  read: CardProduct,
  stocked: number[] | null,
  now: number,
  day: string,
  rules: PurchaseRules,
): Promise<{ order: Order; created: boolean } | Refusal> {
  const sharded = stocked !== null;
  // A stock counter on the product is written below: read it where the write will conflict.
  const product = read.stock !== null && !sharded ? await txGet<CardProduct>(tx, C.products, read._id) : read;
  if (!product) return refuse(ErrorCode.NOT_FOUND, 'product not found');
  const amount = input.amount;
  // Asked again of a product read here (its stock counter may have moved since).
  const refusal = product === read ? null : termsRefusal(product, sharded, input, rules);
  if (refusal) return refuse(refusal, `cannot buy: ${refusal.toLowerCase()}`);
  const face = product.faces.find((f) => f.id === input.faceId)!;
  const total = orderTotal(amount, input.quantity);

  const dayId = purchaseDayId(owner, day);
  const before = (await txGet<PurchaseDay>(tx, C.purchaseDays, dayId))?.total ?? 0;
  const compliance = dailyCompliance(before, total, rules);
  if (compliance.realNameRequired && !input.realName) {
    return refuse(ErrorCode.REAL_NAME_REQUIRED, 'purchases of ¥10,000 or more a day need real-name details');
  }

  const order: Order = {
    _id: id,
    owner,
    requestId: input.requestId,
    productId: product._id,
    productName: product.name,
    brandId: product.brandId,
    brandName: product.brandName,
    face: { id: face.id, name: face.name, image: face.image },
    amount,
    quantity: input.quantity,
    total,
    bonusPerCard: bonusFor(product, amount),
    blessing: input.blessing ?? face.blessing,
    purpose: input.purpose,
    ...(input.giftPlan ? { giftPlan: input.giftPlan } : {}),
    status: 'pending',
    createdAt: now,
    payBy: now + rules.payTimeoutMs,
    day,
    cardIds: [],
    terms: {
      kind: product.kind,
      validity: product.validity,
      transferLimit: product.transferLimit,
      refundWindowDays: product.refundWindowDays,
    },
  };
  if (input.realName) {
    order.realName = { name: input.realName.name, idNumberMasked: maskIdNumber(input.realName.idNumber) };
  }
  if (compliance.largeAmount) order.largeAmount = true;
  if (sharded) {
    const takes = await txReserve(tx, product, stocked, input.quantity);
    if (!takes) return refuse(ErrorCode.SOLD_OUT, 'cannot buy: sold_out');
    order.stockTakes = takes;
  }
  await txAdd(tx, C.orders, order);
  if (product.stock !== null && !sharded) {
    await txUpdate(tx, C.products, product._id, { stock: product.stock - input.quantity });
  }
  await txSet(tx, C.purchaseDays, { _id: dayId, owner, day, total: compliance.dayTotal });
  // Compliance reviews for the brand's operator (core/reports/reviews.ts): one document each,
  // written only for the orders that need one.
  const review = { brandId: product.brandId, owner, orderId: id, day, dayTotal: compliance.dayTotal, total, at: now };
  if (compliance.largeAmount) {
    await txAdd(tx, C.reviews, { _id: `large-${id}`, kind: 'largeAmount', ...review, status: 'open' });
  }
  if (order.realName) {
    await txAdd(tx, C.reviews, {
      _id: `realname-${id}`,
      kind: 'realName',
      ...review,
      realName: order.realName,
      status: 'open',
    });
  }
  return { order, created: true };
}
