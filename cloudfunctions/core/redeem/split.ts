/**
 * Split payment at the till (issue 22). A pay code minted with the holder's choice of cards carries
 * that choice in the cloud (`split.cardIds`); the clerk's bill is taken from those cards in order in
 * the redemption's one transaction, and what they don't cover — the remainder — is asked of the
 * holder, who pays it with WeChat Pay from their own phone (the payment must be made in the holder's
 * invocation: cloudPay's payer is the caller). The redemption completes when WeChat Pay says paid (its
 * notification, the holder's sync, or the poller); declined or past its window, every card debit is
 * given back with a REFUND entry per REDEEM entry, and a payment that arrives afterwards is refunded
 * whole. A reversal gives back every card's part and refunds the WeChat Pay part.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { addFen, fen, sumFen, type Fen } from '../../../src/domain/money';
import {
  mintRefusal,
  needsConfirmation,
  payCodeStatus,
  redeemRefusal,
  reverseRefusal,
  type PayCodeStatus,
  type RedeemRules,
  type Redemption,
} from '../../../src/domain/redemption';
import {
  allocateBill,
  remainderRefundNo,
  remainderTradeNo,
  splitRefusal,
  SPLIT_RULES,
  type RemainderPayment,
  type SplitFields,
  type SplitPart,
  type SplitRules,
} from '../../../src/domain/split-pay';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import type { StaffMember, StaffStore } from '../merchant/staff';
import { PAY_CALLBACK_FUNCTION, PaymentError, payments } from '../payments';
import type { PaymentRequest } from '../../../src/contracts/orders';
import type { ScannedCardView } from '../../../src/contracts/merchant';
import type { SplitReceiptView } from '../../../src/contracts/split-pay';
import { intSetting as setting } from '../settings';
import { refuse, transaction, txAdd, txGet, txUpdate, type Refusal, type Tx } from '../tx';
import { DomainError } from '../../../src/domain/errors';

export type SplitRedemption = Redemption & SplitFields;

let rules: SplitRules | undefined;

/** This deployment's split rules: SPLIT_MAX_CARDS, SPLIT_MAX_REMAINDER_FEN, SPLIT_REMAINDER_TIMEOUT_MS. */
export function splitRules(): SplitRules {
  rules ??= {
    maxCards: setting('SPLIT_MAX_CARDS', SPLIT_RULES.maxCards, 1, 10),
    maxRemainderFen: fen(setting('SPLIT_MAX_REMAINDER_FEN', SPLIT_RULES.maxRemainderFen, 0, 1_000_000)),
    // WeChat Pay wants a payment to stay open at least a minute (time_expire).
    remainderTimeoutMs: setting('SPLIT_REMAINDER_TIMEOUT_MS', SPLIT_RULES.remainderTimeoutMs, 60_000, 15 * 60_000),
  };
  return rules;
}

export const isSplit = (r: Redemption): r is SplitRedemption & { split: { cardIds: string[] } } =>
  (r as SplitRedemption).split !== undefined;

// ——— minting: the holder's choice, checked and kept with the code ———

/**
 * The cards a new code may spend: the opened card, then `payWith` in the holder's order — each the
 * holder's own, of the same brand, usable now, and at most the rule's number. Read in the mint's
 * transaction, so the choice the code carries was true when it was made.
 */
export async function txSplitChoice(
  tx: Tx,
  owner: string,
  opened: Card,
  payWith: readonly string[],
  clock: number,
): Promise<{ cardIds: string[] } | Refusal> {
  const cardIds = [opened._id, ...payWith];
  if (cardIds.length > splitRules().maxCards)
    return refuse(ErrorCode.SPLIT_TOO_MANY_CARDS, `at most ${splitRules().maxCards} cards pay one bill`);
  if (new Set(cardIds).size !== cardIds.length) return refuse(ErrorCode.INVALID_ARGUMENT, 'payWith: a card twice');
  for (const id of payWith) {
    const card = await txGet<Card>(tx, C.cards, id);
    if (!card || card.owner !== owner || card.brandId !== opened.brandId || mintRefusal(card, clock) !== null)
      return refuse(ErrorCode.SPLIT_CARD_INVALID, 'a chosen card cannot pay here');
  }
  return { cardIds };
}

// ——— the clerk's bill ———

/**
 * The bill on a split code, inside the redemption's transaction (redeem.ts has found the code, checked
 * the clerk's retry and the first card): each chosen card still usable gives what it holds, in
 * order; the cards are debited now. No remainder and no large amount: completed at once; otherwise
 * pending until the holder pays (or confirms) within the window.
 */
export async function txRedeemSplit(
  tx: Tx,
  r: SplitRedemption & { split: { cardIds: string[] } },
  opened: Card,
  staff: StaffMember,
  store: StaffStore,
  req: { amount: Fen; requestId: string },
  clock: number,
  redeem: RedeemRules,
): Promise<Redemption | Refusal> {
  const first = redeemRefusal(r, opened, store.brandId, 0, clock);
  // The opened card spent to nothing since (another bill on the same cards) pays nothing; the rest may.
  const spentUp = first === 'CARD_NOT_ACTIVE' && opened.state === 'used';
  if (first && !spentUp) return refuse(ErrorCode[first], `cannot redeem: ${first.toLowerCase()}`);
  const cards: Card[] = spentUp ? [] : [opened];
  for (const id of r.split.cardIds.slice(1)) {
    const c = await txGet<Card>(tx, C.cards, id);
    // A chosen card gifted away, spent, locked or expired since the code was made simply pays nothing.
    if (c && c.owner === r.owner && c.brandId === store.brandId && mintRefusal(c, clock) === null) cards.push(c);
  }
  const { parts, remainder } = allocateBill(cards, req.amount);
  const refusal = splitRefusal(remainder, splitRules());
  if (refusal) return refuse(ErrorCode[refusal], 'the cards and WeChat Pay together cannot cover this bill');
  const storeRef = { storeId: store.id, storeName: store.name, clerk: staff._id };
  const done: SplitPart[] = [];
  let at = clock;
  for (const part of parts) {
    const card = cards.find((c) => c._id === part.cardId)!;
    const { card: next, entry } = changeBalance(
      card,
      { type: 'REDEEM', amount: -part.amount, ref: r._id, store: storeRef },
      clock,
    );
    await txUpdate(tx, C.cards, card._id, { ...balancePatch(next), redeemed: card.redeemed + part.amount });
    await txAdd(tx, C.ledger, entry);
    done.push({ cardId: card._id, last4: card.last4, amount: part.amount, balanceAfter: next.balance });
    at = Math.max(at, next.updatedAt);
  }
  const waits = remainder > 0 || needsConfirmation(req.amount, redeem);
  const used: Partial<SplitRedemption> = {
    amount: req.amount,
    storeId: store.id,
    storeName: store.name,
    clerk: staff._id,
    clerkName: staff.name,
    requestId: req.requestId,
    usedAt: clock,
    parts: done,
    // The opened card's balance after: what the single-card views show.
    balanceAfter: done.find((p) => p.cardId === opened._id)?.balanceAfter ?? opened.balance,
    updatedAt: at,
    ...(remainder > 0 && {
      remainder: { outTradeNo: remainderTradeNo(r._id), amount: remainder, state: 'unpaid' as const },
    }),
    ...(waits
      ? { state: 'pending' as const, confirmBy: clock + splitRules().remainderTimeoutMs }
      : { state: 'completed' as const, at }),
  };
  await txUpdate(tx, C.redemptions, r._id, used);
  return { ...r, ...used };
}

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

// ——— reversal and refunds ———

/**
 * Reverses a completed split redemption inside reverse.ts's transaction: every card part back with
 * a REFUND entry, and the WeChat Pay part marked for refund (submitted once the transaction is over).
 */
export async function txReverseSplit(
  tx: Tx,
  staff: StaffMember,
  caller: CallerContext,
  r: SplitRedemption,
  clock: number,
  redeem: RedeemRules,
): Promise<SplitRedemption | Refusal> {
  const cards: Card[] = [];
  for (const part of r.parts ?? []) {
    const card = await txGet<Card>(tx, C.cards, part.cardId);
    if (!card) return refuse(ErrorCode.NOT_FOUND, 'redemption not found');
    const refusal = reverseRefusal(r, card, staff.brandIds, clock, redeem);
    if (refusal) return refuse(ErrorCode[refusal], `cannot reverse: ${refusal.toLowerCase()}`);
    cards.push(card);
  }
  if (cards.length === 0) {
    const refusal = reverseRefusal(r, { state: 'active' }, staff.brandIds, clock, redeem);
    if (refusal) return refuse(ErrorCode[refusal], `cannot reverse: ${refusal.toLowerCase()}`);
  }
  let at = clock;
  for (const [i, part] of (r.parts ?? []).entries()) {
    const card = cards[i]!;
    const { card: next, entry } = changeBalance(
      card,
      {
        type: 'REFUND',
        amount: part.amount,
        ref: r._id,
        store: { storeId: r.storeId!, storeName: r.storeName!, clerk: staff._id },
      },
      clock,
    );
    await txUpdate(tx, C.cards, card._id, { ...balancePatch(next), redeemed: card.redeemed - part.amount });
    await txAdd(tx, C.ledger, entry);
    at = Math.max(at, next.updatedAt);
  }
  const remainder: RemainderPayment | undefined =
    r.remainder?.state === 'paid'
      ? { ...r.remainder, state: 'refunding', refundNo: remainderRefundNo(r._id), refundRequestedAt: at }
      : r.remainder;
  const patch = {
    state: 'reversed' as const,
    reversedAt: at,
    reversedBy: staff._id,
    updatedAt: at,
    ...(remainder && { remainder }),
  };
  await txUpdate(tx, C.redemptions, r._id, patch);
  await txAudit(
    tx,
    caller,
    {
      role: staff.role,
      action: 'redemption.reverse',
      target: { kind: 'redemption', id: r._id },
      brandId: r.brandId,
      details: {
        cardIds: (r.parts ?? []).map((p) => p.cardId).join(','),
        amount: r.amount ?? 0,
        wechatPay: remainder?.amount ?? 0,
        storeId: r.storeId ?? null,
      },
    },
    at,
  );
  return { ...r, ...patch };
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

// ——— what the clerk and the holder see ———

/** A given-back redemption whose window passed shows as expired; any other as its code's status. */
export function splitStatus(r: SplitRedemption, now: number): PayCodeStatus {
  return r.state === 'declined' && r.lapsed ? 'expired' : payCodeStatus(r, now);
}

/** The one receipt both sides see, for a split code that was used. */
export function toSplitReceipt(r: SplitRedemption): SplitReceiptView | undefined {
  if (!isSplit(r) || r.parts === undefined) return undefined;
  const wechatPay = r.remainder?.amount ?? fen(0);
  return {
    cards: r.parts.map((p) => ({ last4: p.last4, amount: p.amount, balanceAfter: p.balanceAfter })),
    wechatPay,
    wechatPayState: r.remainder?.state ?? null,
    total: r.amount ?? addFen(sumFen(r.parts.map((p) => p.amount)), wechatPay),
    givenBack: r.givenBackAt !== undefined,
  };
}

/** What the clerk's till shows of a split code before the bill: the cards' total and WeChat Pay's limit. */
export async function splitReach(r: SplitRedemption, clock: number): Promise<ScannedCardView['split']> {
  if (!isSplit(r)) return undefined;
  const db = getDatabase();
  const cards = rows<Card>(
    await db
      .collection(C.cards)
      .where({ _id: db.command.in(r.split.cardIds), owner: r.owner })
      .get(),
  ).filter((c) => c.brandId === r.brandId && mintRefusal(c, clock) === null);
  return {
    cards: cards.length,
    balance: sumFen(cards.map((c) => c.balance)),
    maxWechatPay: splitRules().maxRemainderFen,
  };
}
