/** What the holder is told about expiry: a reminder before it, and the operator's decision on an extension. */
import type { Card } from '../../../src/domain/card';
import type { ExtensionRequest, ReminderWindow } from '../../../src/domain/expiry';
import { isoChinaDay } from '../../../src/domain/report-days';
import { cardStrings } from '../../../src/strings/zh-CN.card';
import type { Message } from '../messages';

const cardPage = (cardId: string): string => `pages/card/index?id=${encodeURIComponent(cardId)}`;

export function expiringMessage(card: Card, days: ReminderWindow): Message {
  return {
    to: card.owner,
    kind: 'cardExpiring',
    page: cardPage(card._id),
    fields: {
      card: `${card.brandName} ${card.productName}`,
      amount: card.balance,
      who: card.brandName,
      at: card.expiresAt ?? 0,
      note: cardStrings.expiry.reminderNote(days),
    },
  };
}

export function decidedMessage(request: ExtensionRequest, now: number): Message {
  const approved = request.state === 'approved';
  return {
    to: request.owner,
    kind: 'extensionDecided',
    page: cardPage(request.cardId),
    fields: {
      card: `${request.brandName} ${request.productName}`,
      amount: request.amount,
      who: request.brandName,
      at: now,
      note: approved
        ? cardStrings.expiry.approvedNote(isoChinaDay(request.newExpiresAt ?? now))
        : cardStrings.expiry.declinedNote,
    },
  };
}
