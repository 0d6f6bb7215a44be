/**
 * The messages port: notifications to a user outside the app. In production they are WeChat
 * subscribe messages; the local cloud keeps them in an outbox its dev panel shows.
 */
import type { Fen } from '../../../src/domain/money';
import type { MessageKind } from '../../../src/contracts/subscribe-templates';

/**
 * giftReceived, giftClaimed, giftReturned; cardExpiring (a card's expiry is 30, 7 or 1 days away:
 * the daily expiry sweep); extensionDecided (the operator approved or declined an extension request);
 * giftThanked (a claimer sent the gift's sender a thank-you); giftOpened (a sealed gift opened: its
 * sender and the friends who asked to be reminded).
 */
export type { MessageKind };

export interface Message {
  /** OPENID of the recipient. */
  to: string;
  kind: MessageKind;
  /** The mini-program page the message opens, with its query. */
  page: string;
  /** What the message says, by field; the adapter maps these to its template's keys. */
  fields: MessageFields;
}

export interface MessageFields {
  /** The card's brand and product. */
  card: string;
  /** The adapter writes it in the template's format. */
  amount: Fen;
  /** The other person: sender or claimer. */
  who: string;
  at: number;
  note: string;
}

export interface MessagesPort {
  send(messages: Message[]): Promise<void>;
}
