/**
 * Reversing a redemption: within the window, a staff member of the card's merchant gives the
 * amount back to the card with a REFUND entry linked to the redemption, in one transaction on the
 * redemption and its card. A second reversal finds the redemption reversed and answers the same.
 * A split redemption gives back every card's part, and its WeChat Pay part is refunded (split.ts); an
 * offline one gives its amount back to the day's offline cap too.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { reverseRefusal, type RedeemRules, type Redemption } from '../../../src/domain/redemption';
import { C } from '../collections';
import type { StaffMember } from '../merchant/staff';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';
import { isOffline, txGiveBackOffline } from './offline-keys';
import { isSplit, txReverseSplit } from './split';
import { submitRemainderRefund } from './split-remainder';

export async function reverseRedemption(
  staff: StaffMember,
  caller: CallerContext,
  id: string,
  clock: number,
  rules: RedeemRules,
): Promise<Redemption> {
  const reversed = await transaction(async (tx) => {
    const r = await txGet<Redemption>(tx, C.redemptions, id);
    // Another merchant's redemptions, and codes never used, are none of this caller's business.
    if (!r || r.state === 'issued' || !staff.brandIds.includes(r.brandId))
      return refuse(ErrorCode.NOT_FOUND, 'redemption not found');
    if (r.state === 'reversed') return r;
    if (isSplit(r)) return txReverseSplit(tx, staff, caller, r, clock, rules);
    const card = await txGet<Card>(tx, C.cards, r.cardId);
    if (!card) return refuse(ErrorCode.NOT_FOUND, 'redemption not found');
    const refusal = reverseRefusal(r, card, staff.brandIds, clock, rules);
    if (refusal) return refuse(ErrorCode[refusal], `cannot reverse: ${refusal.toLowerCase()}`);
    const amount = r.amount!;
    const { card: next, entry } = changeBalance(
      card,
      {
        type: 'REFUND',
        amount,
        ref: r._id,
        store: { storeId: r.storeId!, storeName: r.storeName!, clerk: staff._id },
      },
      clock,
    );
    const at = next.updatedAt;
    await txUpdate(tx, C.cards, card._id, { ...balancePatch(next), redeemed: card.redeemed - amount });
    await txAdd(tx, C.ledger, entry);
    if (isOffline(r)) await txGiveBackOffline(tx, r, at);
    const patch = { state: 'reversed' as const, reversedAt: at, reversedBy: staff._id, updatedAt: at };
    await txUpdate(tx, C.redemptions, r._id, patch);
    await txAudit(
      tx,
      caller,
      {
        role: staff.role,
        action: 'redemption.reverse',
        target: { kind: 'redemption', id: r._id },
        brandId: r.brandId,
        details: { cardId: card._id, amount, storeId: r.storeId ?? null },
      },
      at,
    );
    return { ...r, ...patch };
  });
  // A split redemption's WeChat Pay part goes back as a refund (asking again is the same refund).
  if (isSplit(reversed)) await submitRemainderRefund(reversed);
  return reversed;
}
