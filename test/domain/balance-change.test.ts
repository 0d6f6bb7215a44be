/** The one way a balance changes: arithmetic, the state table, the entry and its id, as properties. */
import fc from 'fast-check';
import { activate, bornWith, changeBalance, ledgerEntryId, moveState } from '../../src/domain/balance-change';
import { CARD_STATES, canMove, type CardState } from '../../src/domain/card';
import { LEDGER_SIGN, LEDGER_TYPES } from '../../src/domain/ledger';
import { fen, MoneyError } from '../../src/domain/money';

const card = (balance: number, state: CardState = 'active', updatedAt = 1_000) => ({
  _id: 'card-1',
  owner: 'u1',
  brandId: 'b1',
  balance: fen(balance),
  state,
  updatedAt,
});

describe('changeBalance', () => {
  test('should move the balance by the amount and record the balance after it, at a time after the last change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 2_000 }),
        (start, spend, now) => {
          fc.pre(spend <= start);
          const { card: next, entry } = changeBalance(card(start), { type: 'REDEEM', amount: -spend, ref: 'r1' }, now);
          expect(next.balance).toBe(start - spend);
          expect(entry).toMatchObject({
            cardId: 'card-1',
            type: 'REDEEM',
            amount: -spend,
            balanceAfter: start - spend,
          });
          expect(entry.at).toBe(Math.max(now, 1_001));
          expect(next.updatedAt).toBe(entry.at);
        },
      ),
    );
  });

  test('should refuse to take a balance below zero, or an amount whose sign is not its type’s', () => {
    expect(() => changeBalance(card(500), { type: 'REDEEM', amount: -501, ref: 'r' }, 0)).toThrow(MoneyError);
    for (const type of LEDGER_TYPES) {
      const wrong = LEDGER_SIGN[type] === 0 ? 100 : -LEDGER_SIGN[type] * 100;
      expect(() => changeBalance(card(500), { type, amount: wrong, ref: 'r' }, 0)).toThrow(MoneyError);
    }
  });

  test('should pick the next state by the balance, and refuse any move the state table forbids', () => {
    expect(changeBalance(card(500), { type: 'REDEEM', amount: -500, ref: 'r' }, 0).card.state).toBe('used');
    expect(changeBalance(card(0, 'used'), { type: 'REFUND', amount: 200, ref: 'r' }, 0).card.state).toBe('active');
    expect(changeBalance(card(500), { type: 'REDEEM', amount: -200, ref: 'r' }, 0).card.state).toBe('active');
    // A gift's locked card split to 0 by its last share is used up; split part-way it stays locked.
    expect(changeBalance(card(500, 'gifting'), { type: 'GIFT_OUT', amount: -500, ref: 's' }, 0).card.state).toBe(
      'used',
    );
    expect(changeBalance(card(500, 'gifting'), { type: 'GIFT_OUT', amount: -200, ref: 's' }, 0).card.state).toBe(
      'gifting',
    );
    for (const from of CARD_STATES)
      for (const to of CARD_STATES) {
        if (from === to) continue;
        const move = () => changeBalance(card(500, from), { type: 'TRANSFER', amount: 0, ref: 'r', state: to }, 0);
        if (canMove(from, to)) expect(move().card.state).toBe(to);
        else expect(move).toThrow(MoneyError);
      }
  });

  test('should give each cause on each card its own entry id', () => {
    const ids = new Set<string>();
    for (const cardId of ['o1-1', 'o1-2', 'o1-1-s001'])
      for (const type of LEDGER_TYPES)
        for (const ref of ['o1', 'r1', '1796000000000']) ids.add(ledgerEntryId(cardId, type, ref));
    expect(ids.size).toBe(3 * LEDGER_TYPES.length * 3);
    expect(changeBalance(card(5), { type: 'REDEEM', amount: -5, ref: 'code-1' }, 0).entry._id).toBe(
      ledgerEntryId('card-1', 'REDEEM', 'code-1'),
    );
  });

  test('should issue a new card its value at the card’s own time', () => {
    const { card: issued, entry } = activate(card(0, 'active', 5_000), fen(10_000), 'o1');
    expect(issued).toMatchObject({ balance: 10_000, state: 'active', updatedAt: 5_000 });
    expect(entry).toMatchObject({ type: 'ACTIVATE', amount: 10_000, balanceAfter: 10_000, at: 5_000, ref: 'o1' });
  });
});

describe('bornWith', () => {
  test('should give a card split off for a gift its value by one GIFT_IN entry, born locked, at its own time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 1e12 }), (amount, at) => {
        const { card: born, entry } = bornWith(card(0, 'active', at), {
          type: 'GIFT_IN',
          amount,
          ref: 'g1',
          state: 'gifting',
        });
        expect(born).toMatchObject({ balance: amount, state: 'gifting', updatedAt: at });
        expect(entry).toEqual({
          _id: ledgerEntryId('card-1', 'GIFT_IN', 'g1'),
          cardId: 'card-1',
          owner: 'u1',
          brandId: 'b1',
          type: 'GIFT_IN',
          amount,
          balanceAfter: amount,
          at,
          ref: 'g1',
        });
      }),
    );
  });

  test('should be born usable unless asked otherwise, and only into a state the table allows from the blank', () => {
    expect(bornWith(card(0), { type: 'GIFT_IN', amount: 300, ref: 'g' }).card.state).toBe('active');
    for (const from of CARD_STATES)
      for (const to of CARD_STATES) {
        const birth = () => bornWith(card(0, from), { type: 'GIFT_IN', amount: 300, ref: 'g', state: to });
        if (from === to || canMove(from, to)) expect(birth().card.state).toBe(to);
        else expect(birth).toThrow(MoneyError);
      }
  });

  test('should refuse a card that already holds value, or a birth without value', () => {
    expect(() => bornWith(card(1), { type: 'GIFT_IN', amount: 300, ref: 'g' })).toThrow(MoneyError);
    expect(() => bornWith(card(0), { type: 'GIFT_IN', amount: 0, ref: 'g' })).toThrow(MoneyError);
    expect(() => bornWith(card(0), { type: 'ACTIVATE', amount: -5, ref: 'o' })).toThrow(MoneyError);
  });
});

describe('moveState', () => {
  test('should move a card’s state alone, after its last change, only as the state table allows', () => {
    const locked = moveState(card(500), 'gifting', 900);
    expect(locked).toMatchObject({ balance: 500, state: 'gifting', updatedAt: 1_001 });
    for (const from of CARD_STATES)
      for (const to of CARD_STATES) {
        if (from === to) continue;
        const move = () => moveState(card(500, from), to, 2_000);
        if (canMove(from, to)) expect(move().state).toBe(to);
        else expect(move).toThrow(MoneyError);
      }
  });
});
