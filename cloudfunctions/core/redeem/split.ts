/**
 * Split payment at the till (issue 22). A pay code minted with the holder's choice of cards carries
 * that choice in the cloud (`split.cardIds`); the clerk's bill is taken from those cards in order in
 * the redemption's one transaction, and what they don't cover — the remainder — is asked of the
 * holder (split-remainder.ts: paid with WeChat Pay, or every card debit given back). A reversal gives
 * back every card's part here and refunds the WeChat Pay part there. What both sides see is here too.
 */
import { usedBy } from './used-by';
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
import type { ScannedCardView } from '../../../src/contracts/merchant';
import type { SplitReceiptView } from '../../../src/contracts/split-pay';
import { txAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import type { StaffMember, StaffStore } from '../merchant/staff';
import { intSetting as setting } from '../settings';
import { refuse, txAdd, txGet, txUpdate, type Refusal, type Tx } from '../tx';

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
    ...usedBy(staff, store, req, clock),
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
