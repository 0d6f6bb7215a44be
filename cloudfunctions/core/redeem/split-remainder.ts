/**
 * The remainder of a split payment (split.ts): the holder pays it with WeChat Pay from their own
 * phone (the payment must be made in the holder's invocation: cloudPay's payer is the caller), and
 * the redemption completes when WeChat Pay says paid — its notification, the holder's confirm (which
 * asks WeChat Pay), or the poller. Declined, or past its window unpaid, every card debit is given
 * back with a REFUND entry per REDEEM entry, and a payment that arrives afterwards is refunded whole.
 * A reversal's refund of the WeChat Pay part is submitted and completed here.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { payCodeStatus } from '../../../src/domain/redemption';
import { remainderRefundNo, type RemainderPayment } from '../../../src/domain/split-pay';
import type { PaymentRequest } from '../../../src/contracts/orders';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { PAY_CALLBACK_FUNCTION, PaymentError, payments } from '../payments';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';
import { isSplit, type SplitRedemption } from './split';

// ——— the holder's side: pay the remainder, confirm, decline ———

async function mine(owner: string, code: string): Promise<SplitRedemption> {
  const r = rows<SplitRedemption>(
    await getDatabase().collection(C.redemptions).where({ _id: code, owner }).limit(1).get(),
  )[0];
  if (!r) throw new DomainError(ErrorCode.NOT_FOUND, 'pay code not found');
  return r;
}

/** WeChat Pay's request for the remainder of my pending split redemption (asking again is the same payment). */
export async function startRemainderPayment(
  owner: string,
  code: string,
  clientIp: string,
  clock: number,
): Promise<{ redemption: SplitRedemption; payment: PaymentRequest }> {
  const r = await mine(owner, code);
  if (!r.remainder || r.remainder.state !== 'unpaid' || payCodeStatus(r, clock) !== 'pending')
    throw new DomainError(ErrorCode.PAY_CODE_USED, 'nothing is waiting to be paid');
  try {
    const payment = await payments().createPayment({
      outTradeNo: r.remainder.outTradeNo,
      totalFee: r.remainder.amount,
      description: `${r.brandName ?? ''} ${r.storeName ?? ''}`.trim(),
      callbackFunction: PAY_CALLBACK_FUNCTION,
      // Unpaid by the end of the window, WeChat Pay takes no payment: the debits can go back safely.
      expireAt: r.confirmBy!,
      clientIp,
    });
    return { redemption: r, payment };
  } catch (e) {
    if (e instanceof PaymentError) throw new DomainError(ErrorCode.PAYMENT_FAILED, 'payment could not be started');
    throw e;
  }
}

type PaidStatus = { transactionId: string; paidAt: number | null; totalFee: number };

/** What WeChat Pay says of a remainder: paid (with its details), or not (yet). */
async function remainderPaid(rem: RemainderPayment): Promise<PaidStatus | null> {
  const status = await payments().queryPayment(rem.outTradeNo);
  if ((status.state === 'SUCCESS' || status.state === 'REFUND') && status.totalFee === rem.amount) return status;
  return null;
}

/**
 * The remainder was paid: a pending redemption completes; one whose debits were already given back
 * (declined, lapsed) gets the payment refunded whole, so no money is held for nothing.
 */
export async function settleRemainder(code: string, paid: PaidStatus, clock: number): Promise<SplitRedemption | null> {
  const result = await transaction(async (tx) => {
    const r = await txGet<SplitRedemption>(tx, C.redemptions, code);
    if (!r?.remainder || r.remainder.state !== 'unpaid') return { r, refund: false };
    const remainder: RemainderPayment = {
      ...r.remainder,
      transactionId: paid.transactionId,
      paidAt: paid.paidAt ?? clock,
      state: 'paid',
    };
    if (r.state === 'pending') {
      const patch = { remainder, state: 'completed' as const, at: clock, updatedAt: clock };
      await txUpdate(tx, C.redemptions, code, patch);
      return { r: { ...r, ...patch }, refund: false };
    }
    const refunding = {
      ...remainder,
      state: 'refunding' as const,
      refundNo: remainderRefundNo(code),
      refundRequestedAt: clock,
    };
    await txUpdate(tx, C.redemptions, code, { remainder: refunding, updatedAt: clock });
    return { r: { ...r, remainder: refunding }, refund: true };
  });
  if (result.refund && result.r) await submitRemainderRefund(result.r);
  return result.r;
}

/** The holder confirms: with a remainder, only once WeChat Pay says it is paid; without, at once. */
export async function confirmSplit(owner: string, code: string, clock: number): Promise<SplitRedemption> {
  const r = await mine(owner, code);
  if (r.state !== 'pending') return r;
  if (r.remainder) {
    const paid = await remainderPaid(r.remainder);
    if (!paid) throw new DomainError(ErrorCode.REMAINDER_UNPAID, 'the remainder is not paid yet');
    return (await settleRemainder(code, paid, clock)) ?? r;
  }
  const done = await transaction(async (tx) => {
    const cur = await txGet<SplitRedemption>(tx, C.redemptions, code);
    if (!cur || cur.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'pay code not found');
    if (cur.state !== 'pending') return cur;
    if (payCodeStatus(cur, clock) === 'expired') return refuse(ErrorCode.PAY_CODE_EXPIRED, 'the window has passed');
    const patch = { state: 'completed' as const, at: clock, updatedAt: clock };
    await txUpdate(tx, C.redemptions, code, patch);
    return { ...cur, ...patch };
  });
  return done;
}

/**
 * Every card debit of a pending split redemption given back (a REFUND entry each), in one
 * transaction; `lapsed` when the window passed rather than the holder declining.
 */
async function giveBack(code: string, lapsed: boolean, clock: number): Promise<SplitRedemption | null> {
  return transaction(async (tx) => {
    const r = await txGet<SplitRedemption>(tx, C.redemptions, code);
    if (!r || r.state !== 'pending') return r;
    for (const part of r.parts ?? []) {
      const card = await txGet<Card>(tx, C.cards, part.cardId);
      if (!card) continue;
      const { card: next, entry } = changeBalance(
        card,
        {
          type: 'REFUND',
          amount: part.amount,
          ref: r._id,
          store: { storeId: r.storeId!, storeName: r.storeName!, clerk: r.clerk! },
        },
        clock,
      );
      await txUpdate(tx, C.cards, card._id, { ...balancePatch(next), redeemed: card.redeemed - part.amount });
      await txAdd(tx, C.ledger, entry);
    }
    const patch = { state: 'declined' as const, lapsed, givenBackAt: clock, updatedAt: clock };
    await txUpdate(tx, C.redemptions, code, patch);
    return { ...r, ...patch };
  });
}

/**
 * Settles a pending split redemption past its window: paid meanwhile, it completes; else the card
 * debits go back. WeChat Pay takes no payment after the window (time_expire), so "not paid" is final.
 */
export async function settleLapsed(r: SplitRedemption, clock: number): Promise<SplitRedemption> {
  // A one-card code debits nothing before its confirmation: past its window there is nothing to give back.
  if (!isSplit(r) || r.state !== 'pending' || payCodeStatus(r, clock) !== 'expired') return r;
  if (r.remainder) {
    const paid = await remainderPaid(r.remainder);
    if (paid) return (await settleRemainder(r._id, paid, clock)) ?? r;
  }
  return (await giveBack(r._id, true, clock)) ?? r;
}

/** The holder declines: the debits go back at once; a payment already made completes it instead. */
export async function declineSplit(owner: string, code: string, clock: number): Promise<SplitRedemption> {
  const r = await mine(owner, code);
  if (r.state === 'declined') return r;
  if (r.state !== 'pending') throw new DomainError(ErrorCode.PAY_CODE_USED, 'nothing is waiting for confirmation');
  if (payCodeStatus(r, clock) === 'expired') return settleLapsed(r, clock);
  if (r.remainder) {
    const paid = await remainderPaid(r.remainder);
    if (paid) return (await settleRemainder(code, paid, clock)) ?? r;
  }
  const back = (await giveBack(code, false, clock)) ?? r;
  // Best effort: WeChat Pay refuses a close in a payment's first minutes; one paid anyway is refunded.
  if (r.remainder)
    await payments()
      .closePayment(r.remainder.outTradeNo)
      .catch(() => 'open');
  return back;
}

/** Asks WeChat Pay for the remainder's refund (the same refund number is one refund); failures wait for the poller. */
export async function submitRemainderRefund(r: SplitRedemption): Promise<void> {
  const rem = r.remainder;
  if (!rem?.refundNo || rem.state !== 'refunding') return;
  try {
    await payments().refund({
      outTradeNo: rem.outTradeNo,
      outRefundNo: rem.refundNo,
      totalFee: rem.amount,
      refundFee: rem.amount,
      callbackFunction: PAY_CALLBACK_FUNCTION,
    });
  } catch (e) {
    console.error(`refund ${rem.refundNo} not submitted, the poller will retry:`, e instanceof Error ? e.message : e);
  }
}

/** WeChat Pay finished the remainder's refund: recorded once. */
export async function completeRemainderRefund(
  code: string,
  succeeded: boolean,
  clock: number,
): Promise<'completed' | 'already' | 'not-found'> {
  return transaction(async (tx) => {
    const r = await txGet<SplitRedemption>(tx, C.redemptions, code);
    if (!r?.remainder?.refundNo) return 'not-found' as const;
    if (r.remainder.state !== 'refunding') return 'already' as const;
    const remainder = { ...r.remainder, state: succeeded ? ('refunded' as const) : ('refundFailed' as const) };
    await txUpdate(tx, C.redemptions, code, { remainder, updatedAt: clock });
    return 'completed' as const;
  });
}

// ——— the poller: windows that passed with nobody looking, refunds that haven't completed ———

const SWEEP_BATCH = 100;

export interface SplitSweepReport {
  givenBack: number;
  completed: number;
  refundsCompleted: number;
  failed: number;
}

export async function sweepSplitPayments(clock: number): Promise<SplitSweepReport> {
  const db = getDatabase();
  const _ = db.command;
  const report: SplitSweepReport = { givenBack: 0, completed: 0, refundsCompleted: 0, failed: 0 };
  const lapsed = rows<SplitRedemption>(
    await db
      .collection(C.redemptions)
      .where({ kind: 'split', state: 'pending', confirmBy: _.lt(clock) })
      .limit(SWEEP_BATCH)
      .get(),
  );
  for (const r of lapsed) {
    try {
      const after = await settleLapsed(r, clock);
      if (after.state === 'declined') report.givenBack++;
      if (after.state === 'completed') report.completed++;
    } catch (e) {
      report.failed++;
      console.error('split sweep:', e instanceof Error ? e.message : e);
    }
  }
  const refunding = rows<SplitRedemption>(
    await db.collection(C.redemptions).where({ 'remainder.state': 'refunding' }).limit(SWEEP_BATCH).get(),
  );
  for (const r of refunding) {
    try {
      const status = await payments().queryRefund(r.remainder!.refundNo!);
      if (status.state === 'SUCCESS' || status.state === 'FAILED') {
        if ((await completeRemainderRefund(r._id, status.state === 'SUCCESS', clock)) === 'completed')
          report.refundsCompleted++;
      } else if (status.state === 'NOTFOUND') {
        await submitRemainderRefund(r);
      }
    } catch (e) {
      report.failed++;
      console.error('split refund poll:', e instanceof Error ? e.message : e);
    }
  }
  return report;
}
