/**
 * A verified payment settles its order in one transaction: the order becomes paid and its cards are
 * issued (active, each with a fresh code stored only as a keyed hash and its last 4, and an
 * ACTIVATE ledger entry carrying the balance after). Settling a paid order again changes nothing,
 * so repeated, late or concurrent notifications and the poller all end in one set of cards.
 */
import { activate } from '../../../src/domain/balance-change';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { Card } from '../../../src/domain/card';
import { DAY_MS, expiryOf, type Order } from '../../../src/domain/order';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { addFen, fen } from '../../../src/domain/money';
import { C } from '../collections';
import { keyedHash, randomCode } from '../secrets';
import { getDatabase, rows } from '../cloud';
import { transaction, txAdd, txGet, txUpdate } from '../tx';
import { payments } from '../payments';
import { findOrder } from './create-order';

export type SettleOutcome = 'settled' | 'already-paid' | 'not-found' | 'amount-mismatch' | 'closed';

/** How settling went, and the order as the transaction left it (so the buyer's sync needn't read it again). */
export interface Settlement {
  outcome: SettleOutcome;
  order: Order | null;
}

export interface VerifiedPayment {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  paidAt: number;
}

export function newCard(order: Order, index: number, now: number): { card: Card; entry: LedgerEntry } {
  const code = randomCode();
  const value = addFen(order.amount, order.bonusPerCard);
  const card: Card = {
    _id: `${order._id}-${index + 1}`,
    owner: order.owner,
    brandId: order.brandId,
    brandName: order.brandName,
    productId: order.productId,
    productName: order.productName,
    kind: order.terms.kind,
    face: order.face,
    blessing: order.blessing,
    state: 'active',
    balance: fen(0),
    initialValue: value,
    paidValue: order.amount,
    bonusValue: order.bonusPerCard,
    codeHash: keyedHash('code', code),
    last4: code.slice(-4),
    origin: 'purchase',
    orderId: order._id,
    redeemed: fen(0),
    transfers: 0,
    transferLimit: order.terms.transferLimit,
    activatedAt: now,
    expiresAt: expiryOf(order.terms.validity, now),
    refundableUntil: now + order.terms.refundWindowDays * DAY_MS,
    updatedAt: now,
  };
  return activate(card, value, order._id);
}

/**
 * The notification and the buyer's sync usually arrive together, and both settle: the second to
 * write the order conflicts. Its next look is a plain read of the order — settled by the other, as
 * it nearly always is, that is the answer (one call, not a transaction's three); still pending, the
 * settling transaction runs again with the usual backoff.
 */
export async function settleOrder(payment: VerifiedPayment, now: number): Promise<Settlement> {
  try {
    return await settleOnce(payment, now, 1);
  } catch (e) {
    if (!(e instanceof DomainError && e.code === ErrorCode.CONFLICT)) throw e;
    const order = await findOrder(payment.outTradeNo);
    if (order?.status === 'paid') return { outcome: 'already-paid', order };
    return settleOnce(payment, now);
  }
}

async function settleOnce(payment: VerifiedPayment, now: number, rounds?: number): Promise<Settlement> {
  return transaction(
    async (tx): Promise<Settlement> => {
      const order = await txGet<Order>(tx, C.orders, payment.outTradeNo);
      if (!order) return { outcome: 'not-found', order: null };
      if (order.status === 'paid') return { outcome: 'already-paid', order };
      if (order.total !== payment.totalFee) return { outcome: 'amount-mismatch', order };
      // The closer closes the payment before the order, so a paid payment never meets a closed order.
      if (order.status === 'closed') return { outcome: 'closed', order };
      // The one other transaction whose calls grow with its input: 2 a card, but an order holds at
      // most PURCHASE_RULES.maxQuantity (10) cards, within a batch-issue chunk (issue-batch.ts) and
      // far inside a transaction's 30 s. A larger cap would need settling in chunks too.
      const issued = Array.from({ length: order.quantity }, (_, i) => newCard(order, i, now));
      const paid = {
        status: 'paid' as const,
        paidAt: payment.paidAt,
        transactionId: payment.transactionId,
        cardIds: issued.map((x) => x.card._id),
      };
      await txUpdate(tx, C.orders, order._id, paid);
      for (const { card, entry } of issued) {
        await txAdd(tx, C.cards, card);
        await txAdd(tx, C.ledger, entry);
      }
      return { outcome: 'settled', order: { ...order, ...paid } };
    },
    { rounds },
  );
}

/**
 * Asks WeChat Pay about the order's payment and, when it is paid, settles the order with what
 * WeChat Pay says (its amount, its transaction, its time): the poller's and the buyer's sync path.
 */
export async function settleFromPayment(
  outTradeNo: string,
  now: number,
): Promise<Settlement | { outcome: 'unpaid'; order: null }> {
  const status = await payments().queryPayment(outTradeNo);
  if (status.state !== 'SUCCESS') return { outcome: 'unpaid', order: null };
  return settleOrder(
    { outTradeNo, transactionId: status.transactionId, totalFee: status.totalFee, paidAt: status.paidAt ?? now },
    now,
  );
}

/** Whether the order was settled (its status went from pending to paid, never back). */
export async function isOrderPaid(orderId: string): Promise<boolean> {
  const found = rows<Pick<Order, 'status'>>(
    await getDatabase().collection(C.orders).where({ _id: orderId }).field({ status: true }).limit(1).get(),
  );
  return found[0]?.status === 'paid';
}
