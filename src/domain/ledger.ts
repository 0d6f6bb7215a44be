/**
 * The card ledger: every balance change is one entry carrying the signed amount and the balance
 * after it, written in the same atomic step as the change. A card's balance is the replay of its
 * entries; the totals by type prove conservation.
 */
import type { Fen } from './money';

export const LEDGER_TYPES = [
  /** Value issued onto a new card (+). */
  'ACTIVATE',
  /** Spent in a store (−). */
  'REDEEM',
  /** A redemption reversed by the store (+). */
  'REFUND',
  /** Balance voided for a refund of the purchase (−). */
  'VOID',
  /** Balance lost at expiry (−). */
  'EXPIRE',
  /** Expired balance given back by an approved extension (+). */
  'REINSTATE',
  /** Value split off this card into a gift's own card (−). */
  'GIFT_OUT',
  /** Value a card was born with when split off for a gift (+). */
  'GIFT_IN',
  /** The card changed hands: a gift was claimed (0; the entry's owner is the new holder). */
  'TRANSFER',
  /** An unclaimed gift came back: the card is usable by its sender again (0). */
  'GIFT_RETURN',
  /** A batch card bound to its holder (0). */
  'BIND',
] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

export interface LedgerEntry {
  _id: string;
  cardId: string;
  /** Holder at the time of the entry. */
  owner: string;
  brandId: string;
  type: LedgerType;
  /** Signed change in fen. */
  amount: number;
  balanceAfter: Fen;
  at: number;
  /** Where it happened: a store id, or the online channel. */
  storeId?: string;
  storeName?: string;
  /** The clerk (OPENID) who redeemed or reversed it in store. */
  clerk?: string;
  /** The order, refund, gift or redemption this entry belongs to. */
  ref?: string;
}

/**
 * The time for a new entry on a card last changed at `last`: entries of one card must have
 * strictly increasing times, since replay orders by time, and two changes can land in the same
 * millisecond (claims racing on a group gift's pool card).
 */
export function entryTime(now: number, last: number): number {
  return Math.max(now, last + 1);
}

/** The sign each type's amount must have. */
export const LEDGER_SIGN: Readonly<Record<LedgerType, 1 | -1 | 0>> = {
  ACTIVATE: 1,
  REDEEM: -1,
  REFUND: 1,
  VOID: -1,
  EXPIRE: -1,
  REINSTATE: 1,
  GIFT_OUT: -1,
  GIFT_IN: 1,
  TRANSFER: 0,
  GIFT_RETURN: 0,
  BIND: 0,
};

export interface ReplayResult {
  balance: number;
  /** Problems found: an entry whose balance-after disagrees, a negative balance, a wrong sign. */
  problems: string[];
}

/** Replays entries in time order from zero and checks each one's balance-after and sign. */
export function replayLedger(
  entries: readonly Pick<LedgerEntry, '_id' | 'type' | 'amount' | 'balanceAfter' | 'at'>[],
): ReplayResult {
  const ordered = [...entries].sort((a, b) => a.at - b.at || a._id.localeCompare(b._id));
  const problems: string[] = [];
  let balance = 0;
  for (const e of ordered) {
    const sign = LEDGER_SIGN[e.type];
    if (!Number.isInteger(e.amount) || Math.sign(e.amount) !== sign)
      problems.push(`${e._id}: ${e.type} amount ${e.amount}`);
    balance += e.amount;
    if (balance < 0) problems.push(`${e._id}: balance ${balance} below zero`);
    if (balance !== e.balanceAfter) problems.push(`${e._id}: balance after ${e.balanceAfter}, replay gives ${balance}`);
  }
  return { balance, problems };
}
