/** A transport answering from a queue and recording what was asked: the stores' only door, faked. */
import type { Envelope } from '../../../src/contracts/envelope';
import type { Transport } from '../../../src/services/transport-types';

export type Reply = Envelope<unknown> | Error | (() => Promise<Envelope<unknown>>);

export function fakeTransport(replies: Reply[]) {
  const calls: { name: string; data: Record<string, unknown> }[] = [];
  const transport: Transport = {
    async call(name, data) {
      calls.push({ name, data });
      const next = replies.shift();
      if (!next) throw new Error('no reply queued');
      if (next instanceof Error) throw next;
      return typeof next === 'function' ? next() : next;
    },
  };
  return { transport, calls };
}
