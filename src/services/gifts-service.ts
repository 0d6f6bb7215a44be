/** Typed calls to the `gifts` function, and the local cloud's outbox (its dev panel). */
import { GIFTS_FUNCTION, type GiftsActions, type SendGiftInput } from '../contracts/gifts';
import type { MessageKind } from '../contracts/subscribe-templates';
import type { ThanksSticker } from '../domain/thanks';
import { functionClient } from './function-client';
import type { GatewayHttp } from './gateway-http';
import type { Transport } from './transport-types';

/** A subscribe message the local cloud delivered to me, with its template's values by meaning. */
export interface OutboxMessage {
  id: string;
  at: number;
  kind: MessageKind;
  page: string;
  fields: { card: string; amount: string; who: string; time: string; note: string };
}

export class GiftsService {
  private readonly call;

  constructor(
    transport: Transport,
    private readonly http: GatewayHttp,
  ) {
    this.call = functionClient<GiftsActions>(transport, GIFTS_FUNCTION);
  }

  send = (input: SendGiftInput) => this.call('send', input);
  cancel = (giftId: string) => this.call('cancel', { giftId });
  view = (token: string) => this.call('view', { token });
  claim = (token: string, name: string) => this.call('claim', { token, name });
  thank = (token: string, text: string, sticker: ThanksSticker) => this.call('thank', { token, text, sticker });
  remind = (token: string) => this.call('remind', { token });
  sent = () => this.call('sent', {});
  received = () => this.call('received', {});
  wxacode = (giftId: string) => this.call('wxacode', { giftId });
  resolveScene = (scene: string) => this.call('resolveScene', { scene });

  /** Messages the local cloud would have sent me as subscribe messages. */
  async outbox(): Promise<OutboxMessage[]> {
    return (await this.http<{ messages: OutboxMessage[] }>('GET', '/api/dev/outbox')).messages;
  }
}
