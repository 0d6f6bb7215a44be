/**
 * The local cloud's message outbox: the subscribe messages `subscribeMessage.send` accepted — what
 * WeChat would have delivered — kept (the newest first, bounded) so the dev panel can show each
 * user theirs and tests can read them.
 */
import { randomBytes } from 'node:crypto';
import { TEMPLATE_KEYS } from '../../src/contracts/subscribe-templates';

export interface OutboxMessage {
  id: string;
  at: number;
  to: string;
  /** The kind of message its template is for (giftClaimed…). */
  kind: string;
  templateId: string;
  page: string;
  /** The template's values as sent, by key (thing1, amount2…). */
  data: Record<string, string>;
  /** The same values by what they mean (our templates' keys: README, Deploying), for people reading them. */
  fields: { card: string; amount: string; who: string; time: string; note: string };
}

export type NewMessage = Pick<OutboxMessage, 'to' | 'kind' | 'templateId' | 'page' | 'data'>;

const KEEP = 2_000;

export class Outbox {
  private readonly items: OutboxMessage[] = [];

  constructor(private readonly now: () => number) {}

  add(m: NewMessage): OutboxMessage {
    const v = (key: string): string => m.data[key] ?? '';
    const message: OutboxMessage = {
      id: randomBytes(8).toString('hex'),
      at: this.now(),
      ...m,
      fields: {
        card: v(TEMPLATE_KEYS.card),
        amount: v(TEMPLATE_KEYS.amount),
        who: v(TEMPLATE_KEYS.who),
        time: v(TEMPLATE_KEYS.at),
        note: v(TEMPLATE_KEYS.note),
      },
    };
    this.items.unshift(message);
    if (this.items.length > KEEP) this.items.length = KEEP;
    return message;
  }

  /** Messages to one user (or everyone's when `to` is undefined), newest first. */
  list(to?: string, limit = 100): OutboxMessage[] {
    return (to === undefined ? this.items : this.items.filter((m) => m.to === to)).slice(0, limit);
  }
}
