/**
 * Reversing a redemption: within the window, a staff member of the card's merchant gives the
 * amount back to the card with a REFUND entry linked to the redemption, in one transaction on the
 * redemption and its card. A second reversal finds the redemption reversed and answers the same.
 */
import type { Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import { entryTime, type LedgerEntry } from '../../../src/domain/ledger';
import type { Fen } from '../../../src/domain/money';
import { reverseEntryId, reverseRefusal, type RedeemRules, type Redemption } from '../../../src/domain/redemption';
import { C } from '../collections';
import type { StaffMember } from '../merchant/staff';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';

export async function reverseRedemption(
  staff: StaffMember,
  caller: CallerContext,
  id: string,
  clock: number,
  rules: RedeemRules,
): Promise<Redemption> {
  return transaction(async (tx) => {
    const r = await txGet<Redemption>(tx, C.redemptions, id);
    // Another merchant's redemptions, and codes never used, are none of this caller's business.
    if (!r || r.state === 'issued' || !staff.brandIds.includes(r.brandId))
      return refuse(ErrorCode.NOT_FOUND, 'redemption not found');
    if (r.state === 'reversed') return r;
    const card = await txGet<Card>(tx, C.cards, r.cardId);
    if (!card) return refuse(ErrorCode.NOT_FOUND, 'redemption not found');
    const refusal = reverseRefusal(r, card, staff.brandIds, clock, rules);
    if (refusal) return refuse(ErrorCode[refusal], `cannot reverse: ${refusal.toLowerCase()}`);
    const amount = r.amount!;
    const at = entryTime(clock, card.updatedAt);
    const balance = (card.balance + amount) as Fen;
    const entry: LedgerEntry = {
      _id: reverseEntryId(r._id),
      cardId: card._id,
      owner: card.owner,
      brandId: card.brandId,
      type: 'REFUND',
      amount,
      balanceAfter: balance,
      at,
      storeId: r.storeId!,
      storeName: r.storeName!,
      clerk: staff._id,
      ref: r._id,
    };
    await txUpdate(tx, C.cards, card._id, {
      balance,
      redeemed: card.redeemed - amount,
      state: card.state === 'used' ? 'active' : card.state,
      updatedAt: at,
    });
    await txAdd(tx, C.ledger, entry);
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
}
