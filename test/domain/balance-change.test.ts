/** The one way a balance changes: arithmetic, the state table, the entry and its id, as properties. */
import fc from 'fast-check';
import { activate, changeBalance, ledgerEntryId } from '../../src/domain/balance-change';
import { CARD_STATES, canMove, type CardState } from '../../src/domain/card';
import { LEDGER_SIGN, LEDGER_TYPES } from '../../src/domain/ledger';
import { MoneyError, type Fen } from '../../src/domain/money';

const card = (balance: number, state: CardState = 'active', updatedAt = 1_000) => ({
  _id: 'card-1',
  owner: 'u1',
  brandId: 'b1',
  balance: balance as Fen,
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
    const { card: issued, entry } = activate(card(0, 'active', 5_000), 10_000 as Fen, 'o1');
    expect(issued).toMatchObject({ balance: 10_000, state: 'active', updatedAt: 5_000 });
    expect(entry).toMatchObject({ type: 'ACTIVATE', amount: 10_000, balanceAfter: 10_000, at: 5_000, ref: 'o1' });
  });
});
