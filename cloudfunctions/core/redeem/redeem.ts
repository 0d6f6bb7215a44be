/**
 * Redeeming a pay code, in one transaction on the code and its card: the code is used, the balance
 * debited, and the REDEEM entry (with the balance after, the store and the clerk) written together.
 * A clerk's retry with the same request id returns the first answer. Amounts above the confirmation
 * threshold only mark the code pending; the holder's confirmation then debits in the same way.
 * A scanned redemption takes 8 database calls, start and commit included.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import type { Fen } from '../../../src/domain/money';
import {
  needsConfirmation,
  payCodeStatus,
  redeemRefusal,
  type RedeemRules,
  type Redemption,
} from '../../../src/domain/redemption';
import { C } from '../collections';
import type { StaffMember, StaffStore } from '../merchant/staff';
import { keyedHash } from '../secrets';
import { usedBy } from './used-by';
import { failureGuard } from '../throttle';
import { isRefusal, refuse, transaction, txAdd, txGet, txUpdate, type Refusal, type Tx } from '../tx';
import { findPayCode } from './pay-codes';
import { isSplit, txRedeemSplit } from './split';
import { confirmSplit, declineSplit } from './split-remainder';

const INVALID = 'not a valid pay code';

/** My split code of this number, if it is one (split codes are confirmed and declined by split.ts). */
async function splitCode(owner: string, code: string): Promise<Redemption | undefined> {
  const r = await findPayCode(code);
  return r && r.owner === owner && isSplit(r) ? r : undefined;
}

/**
 * The code's document inside a transaction. A typed code (no MAC) is looked up only while the
 * clerk has misses left, and a miss is counted in the same transaction.
 */
async function lookup(
  tx: Tx,
  clerk: string,
  code: string,
  typed: boolean,
  clock: number,
  rules: RedeemRules,
): Promise<Redemption | Refusal> {
  if (!typed) return (await txGet<Redemption>(tx, C.redemptions, code)) ?? refuse(ErrorCode.PAY_CODE_INVALID, INVALID);
  const guard = await failureGuard(tx, `typed-${keyedHash('clerk', clerk).slice(0, 32)}`, clock, {
    tries: rules.typedMisses,
    windowMs: rules.typedWindowMs,
  });
  if (!guard.open) return refuse(ErrorCode.RATE_LIMITED, 'too many unknown codes typed, please wait');
  const found = await txGet<Redemption>(tx, C.redemptions, code);
  if (found) return found;
  await guard.fail();
  return refuse(ErrorCode.PAY_CODE_INVALID, INVALID);
}

function refusalOf(code: ReturnType<typeof redeemRefusal>): Refusal | null {
  return code ? refuse(ErrorCode[code], `cannot redeem: ${code.toLowerCase()}`) : null;
}

/** What the clerk sees before entering an amount: the code must still be usable at this store. */
export async function inspectCode(
  staff: StaffMember,
  store: StaffStore,
  code: string,
  typed: boolean,
  clock: number,
  rules: RedeemRules,
): Promise<{ code: Redemption; card: Card }> {
  return transaction(async (tx) => {
    const r = await lookup(tx, staff._id, code, typed, clock, rules);
    if (isRefusal(r)) return r;
    const card = await txGet<Card>(tx, C.cards, r.cardId);
    if (!card) return refuse(ErrorCode.PAY_CODE_INVALID, INVALID);
    return refusalOf(redeemRefusal(r, card, store.brandId, 0, clock)) ?? { code: r, card };
  });
}

export interface RedeemRequest {
  code: string;
  typed: boolean;
  amount: Fen;
  requestId: string;
}

export async function redeemCode(
  staff: StaffMember,
  store: StaffStore,
  req: RedeemRequest,
  clock: number,
  rules: RedeemRules,
): Promise<Redemption> {
  return transaction(async (tx) => {
    const r = await lookup(tx, staff._id, req.code, req.typed, clock, rules);
    if (isRefusal(r)) return r;
    if (r.requestId === req.requestId && r.clerk === staff._id) {
      const same = r.amount === req.amount && r.storeId === store.id;
      return same ? r : refuse(ErrorCode.IDEMPOTENCY_MISMATCH, 'this request id was used for another redemption');
    }
    const card = await txGet<Card>(tx, C.cards, r.cardId);
    if (!card) return refuse(ErrorCode.PAY_CODE_INVALID, INVALID);
    if (isSplit(r)) return txRedeemSplit(tx, r, card, staff, store, req, clock, rules);
    const refusal = refusalOf(redeemRefusal(r, card, store.brandId, req.amount, clock));
    if (refusal) return refusal;
    const used = usedBy(staff, store, req, clock);
    if (needsConfirmation(req.amount, rules)) {
      const pending = { ...used, state: 'pending' as const, confirmBy: clock + rules.confirmWindowMs };
      await txUpdate(tx, C.redemptions, r._id, pending);
      return { ...r, ...pending };
    }
    return debit(tx, r, card, clock, used);
  });
}

/**
 * Takes the redemption's amount off the card and completes the code. `used` is what the clerk's
 * request sets on the code (nothing when the holder confirms a pending one: it is already there).
 * An offline code's redemption (offline-redeem.ts) is completed here too.
 */
export async function debit(
  tx: Tx,
  code: Redemption,
  card: Card,
  clock: number,
  used: Partial<Redemption> = {},
): Promise<Redemption> {
  const r = { ...code, ...used };
  const amount = r.amount!;
  const { card: next, entry } = changeBalance(
    card,
    {
      type: 'REDEEM',
      amount: -amount,
      ref: r._id,
      store: { storeId: r.storeId!, storeName: r.storeName!, clerk: r.clerk! },
    },
    clock,
  );
  const { balance, updatedAt: at } = next;
  await txUpdate(tx, C.cards, card._id, { ...balancePatch(next), redeemed: card.redeemed + amount });
  await txAdd(tx, C.ledger, entry);
  const done = { ...used, state: 'completed' as const, balanceAfter: balance, at, updatedAt: at };
  await txUpdate(tx, C.redemptions, r._id, done);
  return { ...r, ...done };
}

/** The holder accepts a pending amount: the same checks as the clerk's, then the debit. */
export async function confirmPay(owner: string, code: string, clock: number): Promise<Redemption> {
  if ((await splitCode(owner, code)) !== undefined) return confirmSplit(owner, code, clock);
  return transaction(async (tx) => {
    const r = await txGet<Redemption>(tx, C.redemptions, code);
    if (!r || r.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'pay code not found');
    if (r.state === 'completed' || r.state === 'reversed') return r;
    const card = await txGet<Card>(tx, C.cards, r.cardId);
    if (!card) return refuse(ErrorCode.NOT_FOUND, 'pay code not found');
    return refusalOf(redeemRefusal(r, card, r.brandId, r.amount ?? 0, clock, true)) ?? debit(tx, r, card, clock);
  });
}

export async function declinePay(owner: string, code: string, clock: number): Promise<Redemption> {
  if ((await splitCode(owner, code)) !== undefined) return declineSplit(owner, code, clock);
  return transaction(async (tx) => {
    const r = await txGet<Redemption>(tx, C.redemptions, code);
    if (!r || r.owner !== owner) return refuse(ErrorCode.NOT_FOUND, 'pay code not found');
    if (r.state === 'declined') return r;
    const status = payCodeStatus(r, clock);
    if (status === 'expired') return refuse(ErrorCode.PAY_CODE_EXPIRED, 'the confirmation window has passed');
    if (status !== 'pending') return refuse(ErrorCode.PAY_CODE_USED, 'nothing is waiting for confirmation');
    await txUpdate(tx, C.redemptions, code, { state: 'declined', updatedAt: clock });
    return { ...r, state: 'declined' as const, updatedAt: clock };
  });
}
