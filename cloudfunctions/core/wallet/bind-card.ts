/**
 * Binding a card sold offline by its card number + PIN. Every failure is one generic BIND_FAILED,
 * so an answer never tells whether a number exists; failed tries are counted per user and per card
 * number (a fixed window) in the same transaction as the check — a card bound is no guess, and
 * doesn't count — and binding happens once.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import type { Card } from '../../../src/domain/card';
import { isWellFormedCode, normalizeCode } from '../../../src/domain/codes';
import { ErrorCode } from '../../../src/domain/errors';
import type { PurchaseRules } from '../../../src/domain/rules';
import { C } from '../collections';
import { keyedHash, sameHash } from '../secrets';
import { failureGuard } from '../throttle';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';

/** Batch cards are stored under an id derived from their code, so binding finds one by id. */
export function batchCardId(codeHash: string): string {
  return `b${codeHash.slice(0, 30)}`;
}

export function pinHashFor(cardId: string, pin: string): string {
  return keyedHash('pin', `${cardId}:${pin}`);
}

const GENERIC = 'card number or PIN is incorrect, or the card cannot be bound';

export async function bindCard(
  caller: CallerContext,
  cardNumber: string,
  pin: string,
  now: number,
  rules: PurchaseRules,
): Promise<Card> {
  const owner = caller.openId;
  const code = normalizeCode(cardNumber);
  const codeHash = keyedHash('code', code);
  const cardId = batchCardId(codeHash);
  const rule = { tries: rules.bindTries, windowMs: rules.bindWindowMs };
  return transaction(async (tx) => {
    const user = await failureGuard(tx, `bind-u-${keyedHash('user', owner).slice(0, 32)}`, now, rule);
    const number = await failureGuard(tx, `bind-c-${codeHash.slice(0, 32)}`, now, rule);
    if (!user.open || !number.open) {
      return refuse(ErrorCode.RATE_LIMITED, `too many failed tries: wait up to ${rule.windowMs / 60_000} minutes`);
    }
    // Written with the refusal: a refusal commits, so the failure is counted.
    const failed = async () => {
      await user.fail();
      await number.fail();
      return refuse(ErrorCode.BIND_FAILED, GENERIC);
    };
    if (!isWellFormedCode(code) || !/^\d{8}$/.test(pin)) return failed();
    const card = await txGet<Card>(tx, C.cards, cardId);
    const pinOk = !!card?.pinHash && sameHash(card.pinHash, pinHashFor(cardId, pin));
    if (!card || !pinOk || card.state !== 'unbound' || card.owner !== '') return failed();
    // Bound once (unbound → active, as the state table allows): the card itself is the entry's cause.
    const { card: bound, entry } = changeBalance(
      { ...card, owner },
      { type: 'BIND', amount: 0, ref: cardId, state: 'active' },
      now,
    );
    await txUpdate(tx, C.cards, cardId, { ...balancePatch(bound), owner, activatedAt: now });
    await txAdd(tx, C.ledger, entry);
    const target = { kind: 'card', id: cardId };
    await txAudit(tx, caller, { role: 'holder', action: 'card.bind', target, brandId: card.brandId }, now);
    return { ...bound, activatedAt: now };
  });
}
