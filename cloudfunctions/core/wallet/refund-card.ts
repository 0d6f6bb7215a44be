/**
 * Refunding an unused card: in one transaction the card is voided (VOID ledger entry taking its
 * balance to zero, bonus included) and a refund is recorded under a number derived from the card,
 * so asking twice — or twice at once — is one refund. Then the payment refund is requested; if that
 * call fails the refund stays `requested` and the payment poller asks again (same refund number).
 * The refund notification (or the poller) completes it.
 */
import { balancePatch, changeBalance, moveState } from '../../../src/domain/balance-change';
import { refundRefusal, type Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import type { Order } from '../../../src/domain/order';
import { C } from '../collections';
import { PAY_CALLBACK_FUNCTION, payments } from '../payments';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';
import type { RefundRecord } from './views';

export function refundNoFor(cardId: string): string {
  return `R${cardId}`;
}

const REFUSALS: Record<NonNullable<ReturnType<typeof refundRefusal>>, ErrorCode> = {
  NOT_REFUNDABLE: ErrorCode.NOT_REFUNDABLE,
  CARD_USED: ErrorCode.CARD_USED,
  CARD_GIFTED: ErrorCode.CARD_GIFTED,
  REFUND_WINDOW_PASSED: ErrorCode.REFUND_WINDOW_PASSED,
  CARD_NOT_ACTIVE: ErrorCode.CARD_NOT_ACTIVE,
  CARD_EXPIRED: ErrorCode.CARD_EXPIRED,
};

export async function requestRefund(
  caller: CallerContext,
  cardId: string,
  now: number,
): Promise<{ card: Card; refund: RefundRecord }> {
  const owner = caller.openId;
  const refundNo = refundNoFor(cardId);
  const result = await transaction(async (tx) => {
    const card = await txGet<Card>(tx, C.cards, cardId);
    if (!card || card.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'card not found');
    if (card.state === 'refunding' || card.state === 'refunded') {
      const existing = await txGet<RefundRecord>(tx, C.refunds, refundNo);
      if (existing) return { card, refund: existing, fresh: false };
    }
    const refusal = refundRefusal(card, now);
    if (refusal) return refuse(REFUSALS[refusal], `this card cannot be refunded: ${refusal.toLowerCase()}`);
    const order = await txGet<Order>(tx, C.orders, card.orderId ?? '');
    if (!order) return refuse(ErrorCode.NOT_REFUNDABLE, 'the purchase of this card is not on record');
    const { card: voided, entry } = changeBalance(
      card,
      { type: 'VOID', amount: -card.balance, ref: refundNo, state: 'refunding' },
      now,
    );
    const refund: RefundRecord = {
      _id: refundNo,
      refundNo,
      owner,
      brandId: card.brandId,
      cardId: card._id,
      orderId: order._id,
      outTradeNo: order._id,
      totalFee: order.total,
      amount: card.paidValue,
      status: 'requested',
      requestedAt: now,
    };
    await txUpdate(tx, C.cards, card._id, balancePatch(voided));
    await txAdd(tx, C.ledger, entry);
    await txAdd(tx, C.refunds, refund);
    await txAudit(
      tx,
      caller,
      {
        role: 'holder',
        action: 'card.refund',
        target: { kind: 'card', id: card._id },
        brandId: card.brandId,
        details: { refundNo, amount: refund.amount, voided: card.balance },
      },
      now,
    );
    return { card: voided, refund, fresh: true };
  });
  if (result.fresh) await submitRefund(result.refund);
  return { card: result.card, refund: result.refund };
}

/** Asks the payment system for the refund; a failure leaves it for the poller. */
export async function submitRefund(refund: RefundRecord): Promise<void> {
  try {
    await payments().refund({
      outTradeNo: refund.outTradeNo,
      outRefundNo: refund.refundNo,
      totalFee: refund.totalFee,
      refundFee: refund.amount,
      callbackFunction: PAY_CALLBACK_FUNCTION,
    });
  } catch (e) {
    console.error(
      `refund ${refund.refundNo} not submitted, the poller will retry:`,
      e instanceof Error ? e.message : e,
    );
  }
}

/** The payment system confirmed the refund: the refund and its card reach their final states. */
export async function completeRefund(
  refundNo: string,
  succeeded: boolean,
  now: number,
): Promise<'completed' | 'already' | 'not-found'> {
  return transaction(async (tx) => {
    const refund = await txGet<RefundRecord>(tx, C.refunds, refundNo);
    if (!refund) return 'not-found' as const;
    if (refund.status !== 'requested') return 'already' as const;
    await txUpdate(tx, C.refunds, refundNo, { status: succeeded ? 'succeeded' : 'failed', completedAt: now });
    // A failed payment refund leaves the card voided and the case with an operator: money is never
    // put back on a card the buyer asked to refund.
    if (succeeded) {
      const card = await txGet<Card>(tx, C.cards, refund.cardId);
      if (card) await txUpdate(tx, C.cards, card._id, balancePatch(moveState(card, 'refunded', now)));
    }
    return 'completed' as const;
  });
}
