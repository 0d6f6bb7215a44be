/**
 * A verified payment settles its order in one transaction: the order becomes paid and its cards are
 * issued (active, each with a fresh code stored only as a keyed hash and its last 4, and an
 * ACTIVATE ledger entry carrying the balance after). Settling a paid order again changes nothing,
 * so repeated, late or concurrent notifications and the poller all end in one set of cards.
 */
import { activate } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { DAY_MS, expiryOf, type Order } from '../../../src/domain/order';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { addFen, fen } from '../../../src/domain/money';
import { C } from '../collections';
import { keyedHash, randomCode } from '../secrets';
import { getDatabase, rows } from '../cloud';
import { transaction, txAdd, txGet, txUpdate } from '../tx';
import { payments } from '../payments';

export type SettleOutcome = 'settled' | 'already-paid' | 'not-found' | 'amount-mismatch' | 'closed';

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

export async function settleOrder(payment: VerifiedPayment, now: number): Promise<SettleOutcome> {
  return transaction(async (tx) => {
    const order = await txGet<Order>(tx, C.orders, payment.outTradeNo);
    if (!order) return 'not-found' as const;
    if (order.status === 'paid') return 'already-paid' as const;
    if (order.total !== payment.totalFee) return 'amount-mismatch' as const;
    // The closer closes the payment before the order, so a paid payment never meets a closed order.
    if (order.status === 'closed') return 'closed' as const;
    // The one other transaction whose calls grow with its input: 2 a card, but an order holds at
    // most PURCHASE_RULES.maxQuantity (10) cards, within a batch-issue chunk (issue-batch.ts) and
    // far inside a transaction's 30 s. A larger cap would need settling in chunks too.
    const issued = Array.from({ length: order.quantity }, (_, i) => newCard(order, i, now));
    await txUpdate(tx, C.orders, order._id, {
      status: 'paid',
      paidAt: payment.paidAt,
      transactionId: payment.transactionId,
      cardIds: issued.map((x) => x.card._id),
    });
    for (const { card, entry } of issued) {
      await txAdd(tx, C.cards, card);
      await txAdd(tx, C.ledger, entry);
    }
    return 'settled' as const;
  });
}

/**
 * Asks WeChat Pay about the order's payment and, when it is paid, settles the order with what
 * WeChat Pay says (its amount, its transaction, its time): the poller's and the buyer's sync path.
 */
export async function settleFromPayment(outTradeNo: string, now: number): Promise<SettleOutcome | 'unpaid'> {
  const status = await payments().queryPayment(outTradeNo);
  if (status.state !== 'SUCCESS') return 'unpaid';
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
