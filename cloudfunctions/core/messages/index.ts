/**
 * The messages adapter — WeChat subscribe messages through `cloud.openapi.subscribeMessage`, the
 * only one: the local cloud answers the same API through the same SDK — and `notify`, which never
 * lets a notification failure undo or fail the money movement it reports: it runs after the commit
 * and only logs.
 */
import { openApi } from '../cloud';
import { MESSAGE_KINDS, TEMPLATE_SETTINGS, type MessageKind } from '../../../src/contracts/subscribe-templates';
import type { Message, MessagesPort } from './port';
import { WechatMessages, type SubscribeMessageApi } from './wechat-messages';

let port: MessagesPort | undefined;

/** Each kind's template id from the function's settings; a kind without one is not sent. */
function configuredTemplates(): Partial<Record<MessageKind, string>> {
  const ids: Partial<Record<MessageKind, string>> = {};
  for (const kind of MESSAGE_KINDS) {
    const id = process.env[TEMPLATE_SETTINGS[kind]];
    if (id) ids[kind] = id;
  }
  return ids;
}

export function messages(): MessagesPort {
  port ??= new WechatMessages(openApi<SubscribeMessageApi>('subscribeMessage'), configuredTemplates());
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
