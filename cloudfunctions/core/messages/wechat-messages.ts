/**
 * Subscribe messages through cloud.openapi (the function's config.json grants
 * subscribeMessage.send). Each kind has a template chosen in the mini-program's admin console; its id
 * comes from the function's configuration and its keys are mapped here, every value written in the
 * format WeChat checks (47003 otherwise: shared/platform.md). A user who has not accepted the
 * template (or used up the acceptance) makes WeChat answer 43101: that message is skipped quietly —
 * it is the user's choice — and the others still go; any other failure is logged.
 */
import type { Fen } from '../../../src/domain/money';
import { yuanText } from '../../../src/domain/money';
import { TEMPLATE_KEYS } from '../../../src/contracts/subscribe-templates';
import type { Message, MessageKind, MessagesPort } from './port';

export interface SubscribeMessageApi {
  send(req: {
    touser: string;
    templateId: string;
    page: string;
    data: Record<string, { value: string }>;
    miniprogramState?: 'developer' | 'trial' | 'formal';
  }): Promise<{ errCode?: number; errMsg?: string }>;
}

/** The template keys of each kind (every template is chosen with the same five fields). */
export const TEMPLATE_KEYS_OF: Readonly<Record<MessageKind, typeof TEMPLATE_KEYS>> = {
  giftReceived: TEMPLATE_KEYS,
  giftClaimed: TEMPLATE_KEYS,
  giftReturned: TEMPLATE_KEYS,
  cardExpiring: TEMPLATE_KEYS,
  extensionDecided: TEMPLATE_KEYS,
  giftThanked: TEMPLATE_KEYS,
  giftOpened: TEMPLATE_KEYS,
};

/** WeChat's `thing` values hold 1–20 characters (counted as characters, not UTF-16 units). */
export function thing(s: string): string {
  const chars = [...s.trim()];
  if (chars.length === 0) return '-';
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
}

/** An `amount` value: one currency sign and the yuan with two decimals, no thousands separators (¥1000.00). */
export function amountValue(amount: Fen): string {
  const [yuan, cents = '00'] = yuanText(amount).split('.');
  return `¥${yuan}.${cents}`;
}

/** A time value as WeChat's `time` key expects it: China time, `YYYY-MM-DD HH:mm`. */
export function chinaTime(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function toSubscribeMessage(m: Message, templateId: string, state: 'developer' | 'trial' | 'formal') {
  const k = TEMPLATE_KEYS_OF[m.kind];
  return {
    touser: m.to,
    templateId,
    page: m.page,
    miniprogramState: state,
    data: {
      [k.card]: { value: thing(m.fields.card) },
      [k.amount]: { value: amountValue(m.fields.amount) },
      [k.who]: { value: thing(m.fields.who) },
      [k.at]: { value: chinaTime(m.fields.at) },
      [k.note]: { value: thing(m.fields.note) },
    },
  };
}

/** WeChat's answer when the user has no unused acceptance of the template. */
export const NOT_SUBSCRIBED = 43101;

export class WechatMessages implements MessagesPort {
  constructor(
    private readonly api: SubscribeMessageApi,
    private readonly templates: Partial<Record<MessageKind, string>>,
    private readonly state: 'developer' | 'trial' | 'formal' = 'formal',
  ) {}

  async send(messages: Message[]): Promise<void> {
    for (const m of messages) {
      const templateId = this.templates[m.kind];
      // A kind without a configured template is not sent: the console decides which exist.
      if (!templateId) continue;
      try {
        await this.api.send(toSubscribeMessage(m, templateId, this.state));
      } catch (e) {
        const { errCode, errMsg } = e as { errCode?: number; errMsg?: string };
        if (errCode !== NOT_SUBSCRIBED)
          console.error(
            `subscribe message ${m.kind} not sent (${errCode ?? '?'}):`,
            errMsg ?? (e instanceof Error ? e.message : e),
          );
      }
    }
  }
}
