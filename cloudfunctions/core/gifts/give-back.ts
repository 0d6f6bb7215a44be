/**
 * A gift going back to its sender — cancelled, or unclaimed when its window ends: its locked card
 * becomes usable again with what nobody claimed, recorded by a GIFT_RETURN entry (no balance
 * change: the value never left the sender's card). Cancelling is one transaction; the return sweep
 * moves many gifts at once (return-sweep.ts). Both send the sender a message. A group gift kept in
 * share documents goes back share by share instead (group-give-back.ts).
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { balancePatch, changeBalance, type BalanceFields } from '../../../src/domain/balance-change';
import { hasShareDocs, heldCard, unclaimedAmount, type Gift } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import type { Message } from '../messages';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';
import { finishGroupReturn } from './group-give-back';
import { loadShares } from './group-shares';

/**
 * The gift's locked card back with its sender, usable again, and its GIFT_RETURN entry. The entry's
 * id comes from the card and the gift, so the sweep can tell one a crashed run already wrote.
 */
export function giveBack(gift: Gift, now: number): { card: BalanceFields; entry: LedgerEntry } {
  return changeBalance(heldCard(gift), { type: 'GIFT_RETURN', amount: 0, ref: gift._id, state: 'active' }, now);
}

export function returnedMessage(gift: Gift, now: number): Message {
  return {
    to: gift.sender,
    kind: 'giftReturned',
    page: `pages/gifts/index?tab=sent`,
    fields: {
      card: `${gift.brandName} ${gift.productName}`,
      amount: unclaimedAmount(gift),
      who: gift.senderName,
      at: now,
      note: gift.state === 'cancelled' ? '礼品已撤回，卡已回到卡包' : '好友未在时限内领取，已退回卡包',
    },
  };
}

export async function cancelGift(sender: string, giftId: string, now: number): Promise<Gift> {
  const stored = rows<Gift>(await getDatabase().collection(C.gifts).where({ _id: giftId, sender }).limit(1).get())[0];
  if (stored && hasShareDocs(stored)) return cancelGroupGift(stored, now);
  return transaction(async (tx) => {
    const gift = await txGet<Gift>(tx, C.gifts, giftId);
    if (!gift || gift.sender !== sender) return refuse(ErrorCode.NOT_FOUND, 'gift not found');
    if (gift.state !== 'open') return refuse(ErrorCode.GIFT_NOT_CANCELLABLE, `the gift is ${gift.state}`);
    const patch: Partial<Gift> = { state: 'cancelled', endedAt: now, updatedAt: now };
    const back = giveBack(gift, now);
    await txUpdate(tx, C.cards, back.card._id, balancePatch(back.card));
    await txAdd(tx, C.ledger, back.entry);
    await txUpdate(tx, C.gifts, gift._id, patch);
    return { ...gift, ...patch };
  });
}

/**
 * Cancelling a group gift: refused once a share is claimed; otherwise the gift is taken out of reach
 * of new claims (`returning`, asked to end cancelled) and its shares are given back. A claim already
 * in flight when the cancel lands keeps the share it wins (the give-back skips it) and the gift then
 * ends `returned` rather than `cancelled`: each share is still claimed or returned, never both.
 */
async function cancelGroupGift(stored: Gift, now: number): Promise<Gift> {
  if ((await loadShares(stored._id)).some((s) => s.state === 'claimed')) {
    throw new DomainError(ErrorCode.GIFT_NOT_CANCELLABLE, 'the gift is partlyClaimed');
  }
  const taken = await transaction(async (tx) => {
    const gift = await txGet<Gift>(tx, C.gifts, stored._id);
    if (!gift || gift.sender !== stored.sender) return refuse(ErrorCode.NOT_FOUND, 'gift not found');
    if (gift.state !== 'open') return refuse(ErrorCode.GIFT_NOT_CANCELLABLE, `the gift is ${gift.state}`);
    const patch: Partial<Gift> = { state: 'returning', cancelRequested: true, updatedAt: now };
    await txUpdate(tx, C.gifts, gift._id, patch);
    return { ...gift, ...patch };
  });
  return finishGroupReturn(taken, now);
}
