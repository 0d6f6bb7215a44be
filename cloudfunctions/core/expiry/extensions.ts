/**
 * Extension requests: a holder asks the card's merchant for an expired card's balance back; the
 * brand's operator approves (in one transaction the request is approved and the card is usable
 * again with the expired amount back — a REINSTATE entry — and a new expiry) or declines. One
 * request per expiry of a card (a derived id), decided once; the holder is told of the decision.
 */
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import { canMove, type Card } from '../../../src/domain/card';
import { ErrorCode } from '../../../src/domain/errors';
import {
  canMoveExtension,
  expireEntryId,
  extendedExpiry,
  extensionId,
  type ExtensionRequest,
  type ExtensionState,
} from '../../../src/domain/expiry';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { fen, type Fen } from '../../../src/domain/money';
import { txAudit } from '../audit/audit-log';
import type { CallerContext } from '../cloud';
import { C } from '../collections';
import { notify } from '../messages';
import { refuse, transaction, txAdd, txGet, txUpdate } from '../tx';
import { dueToExpire, expireInTx } from './expire-card';
import { decidedMessage } from './expiry-messages';

/**
 * The caller's request for their card: a card past its expiry that the sweep has not reached yet
 * is expired here first (the same derived EXPIRE entry the sweep would write). Asking again while
 * the request is pending returns it.
 */
export async function requestExtension(
  caller: CallerContext,
  cardId: string,
  note: string,
  now: number,
): Promise<ExtensionRequest> {
  return transaction(async (tx) => {
    let card = await txGet<Card>(tx, C.cards, cardId);
    if (!card || card.owner !== caller.openId) return refuse(ErrorCode.NOT_FOUND, 'card not found');
    let expiredAmount: Fen | null = null;
    if (dueToExpire(card, now)) {
      // Nothing on it, nothing to give back: refused before anything is written.
      if (card.balance <= 0) return refuse(ErrorCode.NOT_EXPIRED, 'nothing expired on this card');
      expiredAmount = card.balance;
      card = await expireInTx(tx, card, now);
    }
    if (card.state !== 'expired' || card.expiresAt === null)
      return refuse(ErrorCode.NOT_EXPIRED, 'this card has not expired');
    const id = extensionId(card._id, card.expiresAt);
    const existing = await txGet<ExtensionRequest>(tx, C.extensions, id);
    if (existing)
      return existing.state === 'pending'
        ? existing
        : refuse(ErrorCode.EXTENSION_DECIDED, `the request was ${existing.state}`);
    if (expiredAmount === null) {
      const entry = await txGet<LedgerEntry>(tx, C.ledger, expireEntryId(card._id, card.expiresAt));
      expiredAmount = fen(entry ? -entry.amount : 0);
    }
    if (expiredAmount <= 0) return refuse(ErrorCode.NOT_EXPIRED, 'nothing expired on this card');
    const request: ExtensionRequest = {
      _id: id,
      cardId: card._id,
      owner: card.owner,
      brandId: card.brandId,
      brandName: card.brandName,
      productName: card.productName,
      face: card.face,
      last4: card.last4,
      amount: expiredAmount,
      expiredAt: card.expiresAt,
      note,
      state: 'pending',
      requestedAt: now,
      updatedAt: now,
    };
    await txAdd(tx, C.extensions, request);
    await txAudit(
      tx,
      caller,
      {
        role: 'holder',
        action: 'extension.request',
        target: { kind: 'card', id: card._id },
        brandId: card.brandId,
        details: { request: id, amount: expiredAmount },
      },
      now,
    );
    return request;
  });
}

export interface Decision {
  approve: boolean;
  months: number;
  note: string;
}

/** The operator's decision on a request of `brandId` (the caller's role is checked before this). */
export async function decideExtension(
  caller: CallerContext,
  brandId: string,
  id: string,
  decision: Decision,
  now: number,
): Promise<ExtensionRequest> {
  const decided = await transaction(async (tx) => {
    const request = await txGet<ExtensionRequest>(tx, C.extensions, id);
    // Another brand's requests are none of this operator's business.
    if (!request || request.brandId !== brandId) return refuse(ErrorCode.NOT_FOUND, 'request not found');
    const to: ExtensionState = decision.approve ? 'approved' : 'declined';
    if (!canMoveExtension(request.state, to))
      return refuse(ErrorCode.EXTENSION_DECIDED, `the request was already ${request.state}`);
    const base = { state: to, decidedAt: now, decidedBy: caller.openId, decisionNote: decision.note, updatedAt: now };
    if (!decision.approve) {
      await txUpdate(tx, C.extensions, id, base);
      await txAudit(tx, caller, auditFacts('extension.decline', request, {}), now);
      return { ...request, ...base };
    }
    const card = await txGet<Card>(tx, C.cards, request.cardId);
    if (!card || card.state !== 'expired' || !canMove(card.state, 'active') || card.expiresAt !== request.expiredAt)
      return refuse(ErrorCode.CARD_NOT_ACTIVE, 'the card is no longer waiting for this extension');
    const newExpiresAt = extendedExpiry(now, decision.months);
    const { card: reinstated, entry } = changeBalance(
      card,
      { type: 'REINSTATE', amount: request.amount, ref: id, state: 'active' },
      now,
    );
    const patch = { ...base, months: decision.months, newExpiresAt };
    await txUpdate(tx, C.cards, card._id, { ...balancePatch(reinstated), expiresAt: newExpiresAt });
    await txAdd(tx, C.ledger, entry);
    await txUpdate(tx, C.extensions, id, patch);
    await txAudit(tx, caller, auditFacts('extension.approve', request, { months: decision.months, newExpiresAt }), now);
    return { ...request, ...patch };
  });
  await notify([decidedMessage(decided, now)]);
  return decided;
}

function auditFacts(
  action: 'extension.approve' | 'extension.decline',
  r: ExtensionRequest,
  extra: Record<string, number>,
) {
  return {
    role: 'operator' as const,
    action,
    target: { kind: 'extension', id: r._id },
    brandId: r.brandId,
    details: { cardId: r.cardId, amount: r.amount, ...extra },
  };
}
