/**
 * Expiring one card inside a transaction: a card past its expiry loses its balance (an EXPIRE entry
 * of −balance, balance after 0) and becomes `expired`; one with nothing on it is used up instead,
 * with no entry since no balance changes. The entry's id is derived from the card and the expiry
 * that passed, so the sweep, a rerun of it and a holder's request can never expire a card twice.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { expiredState, isExpired } from '../../../src/domain/expiry';
import { entryTime } from '../../../src/domain/ledger';
import { C } from '../collections';
import { transaction, txAdd, txGet, txUpdate, type Tx } from '../tx';

export type ExpireOutcome = 'expired' | 'used' | 'skipped';

/** Whether `card` is one expiry should act on now: usable and past its expiry (gifting ones wait for their gift). */
export function dueToExpire(card: Card, now: number): boolean {
  return card.state === 'active' && isExpired(card, now);
}

/** Expires `card` (read in this transaction and found due) and returns it as it now is. */
export async function expireInTx(tx: Tx, card: Card, now: number): Promise<Card> {
  const at = entryTime(now, card.updatedAt);
  const state = expiredState(card);
  if (state === 'used') {
    await txUpdate(tx, C.cards, card._id, { state, updatedAt: at });
    return { ...card, state, updatedAt: at };
  }
  const { card: expired, entry } = changeBalance(
    card,
    { type: 'EXPIRE', amount: -card.balance, ref: String(card.expiresAt ?? 0), state },
    now,
  );
  await txUpdate(tx, C.cards, card._id, balancePatch(expired));
  await txAdd(tx, C.ledger, entry);
  return expired;
}

/** Expires the card with this id when it is still due: its own transaction, re-checked inside. */
export async function expireCard(cardId: string, now: number): Promise<ExpireOutcome> {
  return transaction(async (tx) => {
    const card = await txGet<Card>(tx, C.cards, cardId);
    if (!card || !dueToExpire(card, now)) return 'skipped' as const;
    return (await expireInTx(tx, card, now)).state === 'expired' ? ('expired' as const) : ('used' as const);
  });
}
