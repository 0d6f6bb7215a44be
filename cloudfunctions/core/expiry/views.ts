/** Extension requests and a card's expiry as the clients see them. */
import type { ExtensionView } from '../../../src/contracts/expiry';
import type { CardExpiryView, CardExtensionView } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import {
  daysLeft,
  expiresSoon,
  expireEntryId,
  extensionId,
  isExpired,
  type ExtensionRequest,
} from '../../../src/domain/expiry';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { maskOpenId } from '../../../src/domain/codes';
import { fen } from '../../../src/domain/money';

export function toExtensionView(r: ExtensionRequest): ExtensionView {
  return {
    id: r._id,
    brandId: r.brandId,
    brandName: r.brandName,
    productName: r.productName,
    face: r.face,
    last4: r.last4,
    holder: maskOpenId(r.owner),
    amount: r.amount,
    expiredAt: r.expiredAt,
    note: r.note,
    state: r.state,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt ?? null,
    months: r.months ?? null,
    newExpiresAt: r.newExpiresAt ?? null,
    decisionNote: r.decisionNote ?? '',
  };
}

export function toCardExtensionView(r: ExtensionRequest): CardExtensionView {
  return {
    id: r._id,
    state: r.state,
    amount: r.amount,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt ?? null,
    newExpiresAt: r.newExpiresAt ?? null,
  };
}

/**
 * A card's expiry for its page. `history` is the card's ledger (it holds the EXPIRE entry of the
 * expiry that passed); `latest` is its newest extension request, shown while it concerns the
 * current expiry or once it has given the card a new one.
 */
export function toCardExpiryView(
  card: Card,
  history: readonly LedgerEntry[],
  latest: ExtensionRequest | undefined,
  now: number,
): CardExpiryView {
  const pastDue = card.state === 'active' && isExpired(card, now);
  const expired = card.state === 'expired' || pastDue;
  let expiredAmount = fen(0);
  if (pastDue) expiredAmount = card.balance;
  else if (card.state === 'expired' && card.expiresAt !== null) {
    const entry = history.find((e) => e._id === expireEntryId(card._id, card.expiresAt!));
    expiredAmount = fen(entry ? -entry.amount : 0);
  }
  const current = card.expiresAt === null ? '' : extensionId(card._id, card.expiresAt);
  const relevant = latest && (latest._id === current || (!expired && latest.state === 'approved')) ? latest : undefined;
  return {
    expired,
    expiredAmount,
    daysLeft: card.state === 'active' && expiresSoon(card, now) ? daysLeft(card, now) : null,
    extendable: expired && expiredAmount > 0 && relevant?._id !== current,
    extension: relevant ? toCardExtensionView(relevant) : null,
  };
}
