/**
 * The messages adapter for where the function runs (the local cloud's outbox when LOCAL_OUTBOX_URL
 * is set, otherwise WeChat subscribe messages), and `notify`, which never lets a notification
 * failure undo or fail the money movement it reports: it runs after the commit and only logs.
 */
import { cloud } from '../cloud';
import { LocalMessages } from './local-messages';
import type { Message, MessagesPort } from './port';
import { WechatMessages, type SubscribeMessageApi } from './wechat-messages';

let port: MessagesPort | undefined;

export function messages(): MessagesPort {
  if (port) return port;
  const local = process.env.LOCAL_OUTBOX_URL;
  if (local) {
    port = new LocalMessages(local, process.env.LOCAL_PAY_KEY ?? '');
  } else {
    const api = (cloud as unknown as { openapi: { subscribeMessage: SubscribeMessageApi } }).openapi.subscribeMessage;
    port = new WechatMessages(api, {
      giftReceived: process.env.TEMPLATE_GIFT_RECEIVED,
      giftClaimed: process.env.TEMPLATE_GIFT_CLAIMED,
      giftReturned: process.env.TEMPLATE_GIFT_RETURNED,
      cardExpiring: process.env.TEMPLATE_CARD_EXPIRING,
      extensionDecided: process.env.TEMPLATE_EXTENSION_DECIDED,
    });
  }
  return port;
}

export async function notify(list: Message[]): Promise<void> {
  try {
    await messages().send(list);
  } catch (e) {
    console.error('notifications not sent:', e instanceof Error ? e.message : e);
  }
}

export * from './port';
