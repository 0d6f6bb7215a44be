/** Typed calls to the `gifts` function, and the local cloud's outbox (its dev panel). */
import { GIFTS_FUNCTION, type GiftsActions, type SendGiftInput, type SentGiftView } from '../contracts/gifts';
import { chatShare } from './chat-share';
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

async function proof(): Promise<{ cloudId?: string }> {
  const cloudId = await chatShare.chatProof();
  return cloudId === undefined ? {} : { cloudId };
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
  /** The landing, with the chat proof when the page was opened from a WeChat chat card. */
  view = async (token: string) => this.call('view', { token, ...(await proof()) });
  claim = async (token: string, name: string) => this.call('claim', { token, name, ...(await proof()) });

  /**
   * In WeChat: the gift's share card (made by the cloud once), declared updatable — and private for a
   * single gift — before the sender shares it. Elsewhere nothing: the gift goes by link and QR code.
   */
  async prepareChatCard(gift: SentGiftView): Promise<void> {
    if (!chatShare.available) return;
    const card = await this.call('shareCard', { giftId: gift._id });
    await chatShare.declareCard({
      activityId: card.activityId,
      isPrivate: card.private,
      claimed: gift.claimedCount,
      shares: gift.sharesTotal,
    });
  }
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
