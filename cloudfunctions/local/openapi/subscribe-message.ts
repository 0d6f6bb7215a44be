/**
 * `subscribeMessage.send` as WeChat answers it: the template must exist (40037), every field of the
 * template must be present and in its type's format (47003), the page must be one of the app's
 * (41030, stricter than documented) and the recipient must hold an unused acceptance of the template
 * (43101 otherwise; the send uses it up). A sent message lands in the local cloud's outbox.
 * Whether WeChat checks formats before or after consent is not documented: formats go first here,
 * so a badly formatted message does not use up the acceptance it could not use.
 */
import type { Outbox } from '../outbox';
import { wxError, wxOk } from './answers';
import type { OpenApiAnswer } from './codec';
import type { Subscriptions } from './subscriptions';
import { validValue } from './template-fields';

export interface SubscribeTemplate {
  id: string;
  /** What the message is about, for the dev panel and the tests (the outbox's `kind`). */
  kind: string;
  /** The template's keys, e.g. thing1, amount2. */
  keys: readonly string[];
}

export interface SubscribeMessageDeps {
  templates: ReadonlyMap<string, SubscribeTemplate>;
  subscriptions: Subscriptions;
  outbox: Outbox;
  pages: () => ReadonlySet<string>;
}

const STATES = new Set(['developer', 'trial', 'formal']);

export function sendSubscribeMessage(deps: SubscribeMessageDeps, params: Record<string, unknown>): OpenApiAnswer {
  const { touser, template_id: templateId, page, data, miniprogram_state: state } = params;
  if (typeof touser !== 'string' || touser === '' || touser.length > 128) return wxError(40003, 'invalid openid');
  const template = typeof templateId === 'string' ? deps.templates.get(templateId) : undefined;
  if (!template) return wxError(40037, 'invalid template_id');
  if (state !== undefined && !(typeof state === 'string' && STATES.has(state)))
    return wxError(47003, 'argument invalid! miniprogram_state invalid');
  if (page !== undefined) {
    if (typeof page !== 'string' || !deps.pages().has(page.split('?')[0]!)) return wxError(41030, 'invalid page');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return wxError(47003, 'argument invalid! data invalid');
  const values: Record<string, string> = {};
  for (const key of template.keys) {
    const entry = (data as Record<string, unknown>)[key];
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (!validValue(key, value)) return wxError(47003, `argument invalid! data.${key}.value invalid`);
    values[key] = value as string;
  }
  for (const key of Object.keys(data)) {
    if (!template.keys.includes(key)) return wxError(47003, `argument invalid! data.${key} is not in the template`);
  }
  if (!deps.subscriptions.consume(touser, template.id)) return wxError(43101, 'user refuse to accept the msg');
  const message = deps.outbox.add({
    to: touser,
    kind: template.kind,
    templateId: template.id,
    page: typeof page === 'string' ? page : '',
    data: values,
  });
  return wxOk({ msgid: message.id });
}
