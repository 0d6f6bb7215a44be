/**
 * The local cloud's message outbox: what production would send as WeChat subscribe messages, kept
 * (the newest first, bounded) so the dev panel can show each user theirs and tests can read them.
 */
import { randomBytes } from 'node:crypto';

export interface OutboxMessage {
  id: string;
  at: number;
  to: string;
  kind: string;
  page: string;
  fields: Record<string, unknown>;
}

const KEEP = 2_000;

export class Outbox {
  private readonly items: OutboxMessage[] = [];

  constructor(private readonly now: () => number) {}

  /** Accepts what the functions' messages port sends; malformed messages are refused whole. */
  accept(messages: unknown): number {
    if (!Array.isArray(messages) || messages.length > 1_000) throw new Error('messages must be an array of ≤ 1000');
    const valid = messages.map((m: Record<string, unknown>) => {
      if (typeof m !== 'object' || m === null) throw new Error('message must be an object');
      const { to, kind, page, fields } = m;
      if (typeof to !== 'string' || typeof kind !== 'string' || typeof page !== 'string')
        throw new Error('message needs to, kind and page');
      if (typeof fields !== 'object' || fields === null) throw new Error('message needs fields');
      return { to, kind, page, fields: fields as Record<string, unknown> };
    });
    const at = this.now();
    for (const m of valid) this.items.unshift({ id: randomBytes(8).toString('hex'), at, ...m });
    if (this.items.length > KEEP) this.items.length = KEEP;
    return valid.length;
  }

  /** Messages to one user (or everyone's when `to` is undefined), newest first. */
  list(to?: string, limit = 100): OutboxMessage[] {
    return (to === undefined ? this.items : this.items.filter((m) => m.to === to)).slice(0, limit);
  }
}
