/** Messages into the local cloud's outbox (its dev panel shows them), over HTTP with its key. */
import type { Message, MessagesPort } from './port';

export class LocalMessages implements MessagesPort {
  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  async send(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-key': this.key },
      body: JSON.stringify({ messages }),
    });
    if (!res.ok) throw new Error(`outbox answered ${res.status}`);
  }
}
