/**
 * The one way a card's balance changes. Given the card as it is and what happens to it, this pure
 * step answers the card as it will be — balance, state (moved only as the card state table allows),
 * the time of the change — and the ledger entry that records it with the balance after it and an id
 * no other change can take. A use case writes both in one transaction; it never does the arithmetic
 * or picks the next state itself.
 */
import { canMove, type Card, type CardState } from './card';
import { LEDGER_SIGN, entryTime, type LedgerEntry, type LedgerType } from './ledger';
import { fen, MoneyError, type Fen } from './money';

export interface BalanceChange {
  type: LedgerType;
  /** Signed change in fen; its sign must be the type's (ACTIVATE +, REDEEM −, TRANSFER 0…). */
  amount: number;
  /**
   * What the change belongs to (an order, a redemption, a gift, a refund, an expiry time): with the
   * card and the type it makes the entry's id, so a retried step writes the same entry, never a second.
   */
  ref: string;
  /**
   * The state after the change. Unsaid, it follows the balance: a card spent or split to 0 (usable,
   * or locked in a gift) is `used`, a used-up card given value is `active` again, any other keeps its
   * state.
   */
  state?: CardState;
  /** The holder the entry names, when not the card's (a TRANSFER names the new holder). */
  owner?: string;
  /** Where and by whom, for changes made at a till. */
  store?: { storeId: string; storeName: string; clerk: string };
}

/** The fields of a card a balance change reads and writes. */
export type BalanceFields = Pick<Card, '_id' | 'owner' | 'brandId' | 'balance' | 'state' | 'updatedAt'>;

export const WRONG_SIGN_MESSAGE = 'the amount has the wrong sign for its ledger type';
export const FORBIDDEN_MOVE_MESSAGE = 'the card state table forbids this move';

/** The id of the entry a change of `type` for `ref` makes on card `cardId`: one per cause. */
export function ledgerEntryId(cardId: string, type: LedgerType, ref: string): string {
  return `${cardId}-${type}-${ref}`;
}

function nextState(from: CardState, balance: Fen, asked: CardState | undefined): CardState {
  if (asked !== undefined) return asked;
  if (balance === 0 && (from === 'active' || from === 'gifting')) return 'used';
  if (balance > 0 && from === 'used') return 'active';
  return from;
}

/**
 * The card after `change` at `now`, and its ledger entry. Throws MoneyError when the amount's sign is
 * not its type's, when the balance would go below 0 or past the largest amount, or when the state
 * table forbids the move.
 */
export function changeBalance<C extends BalanceFields>(
  card: C,
  change: BalanceChange,
  now: number,
): { card: C; entry: LedgerEntry } {
  if (Math.sign(change.amount) !== LEDGER_SIGN[change.type] && change.amount !== 0) {
    throw new MoneyError(WRONG_SIGN_MESSAGE);
  }
  if (LEDGER_SIGN[change.type] !== 0 && change.amount === 0) throw new MoneyError(WRONG_SIGN_MESSAGE);
  // fen() refuses a negative result or an overflow.
  const balance = fen(card.balance + change.amount);
  const state = nextState(card.state, balance, change.state);
  if (state !== card.state && !canMove(card.state, state)) throw new MoneyError(FORBIDDEN_MOVE_MESSAGE);
  const at = entryTime(now, card.updatedAt);
  const entry: LedgerEntry = {
    _id: ledgerEntryId(card._id, change.type, change.ref),
    cardId: card._id,
    owner: change.owner ?? card.owner,
    brandId: card.brandId,
    type: change.type,
    amount: change.amount,
    balanceAfter: balance,
    at,
    ref: change.ref,
    ...(change.store ?? {}),
  };
  return { card: { ...card, balance, state, updatedAt: at }, entry };
}

/** What to write on the card document for a change: only what it changed. */
export function balancePatch(next: BalanceFields): Pick<Card, 'balance' | 'state' | 'updatedAt'> {
  return { balance: next.balance, state: next.state, updatedAt: next.updatedAt };
}

/** How a card is born holding value: issued (ACTIVATE), or split off another card for a gift (GIFT_IN). */
export type BirthChange = BalanceChange & { type: 'ACTIVATE' | 'GIFT_IN' };

const NOT_BLANK_MESSAGE = 'a card is born with a balance of 0';

/**
 * A new card's first change, at the card's own time: its first entry records the balance it starts
 * with. `blank` is the card as made (balance 0, in the state it is made in); the change may ask for
 * the state it is born into (a card split off into a gift is born `gifting`), a move the card state
 * table must allow from the blank's state.
 */
export function bornWith<C extends BalanceFields>(blank: C, change: BirthChange): { card: C; entry: LedgerEntry } {
  if (blank.balance !== 0) throw new MoneyError(NOT_BLANK_MESSAGE);
  // The entry takes the card's own time (entryTime would step past the card's last change).
  return changeBalance({ ...blank, updatedAt: blank.updatedAt - 1 }, change, blank.updatedAt);
}

/** A new card's value issued onto it (ACTIVATE): an order's card, a batch's card. */
export function activate<C extends BalanceFields>(blank: C, amount: Fen, ref: string): { card: C; entry: LedgerEntry } {
  return bornWith(blank, { type: 'ACTIVATE', amount, ref });
}

/**
 * A move of state alone, no value changing hands and so no entry (a whole card locked in a gift):
 * refused, as a balance change is, when the card state table forbids it.
 */
export function moveState<C extends BalanceFields>(card: C, state: CardState, now: number): C {
  if (state !== card.state && !canMove(card.state, state)) throw new MoneyError(FORBIDDEN_MOVE_MESSAGE);
  return { ...card, state, updatedAt: entryTime(now, card.updatedAt) };
}
