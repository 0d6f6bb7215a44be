/**
 * Subscribe messages through cloud.openapi (the function's config.json grants
 * subscribeMessage.send). Each kind has a template chosen in the mini-program's admin console; its id
 * comes from the function's configuration and its keys are mapped here. A user who has not
 * subscribed makes WeChat answer 43101: that message is skipped, the others still go.
 */
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

/** The template fields of each kind (thing: ≤ 20 characters, amount: money, time: date). */
export const TEMPLATE_KEYS: Readonly<
  Record<MessageKind, { card: string; amount: string; who: string; at: string; note: string }>
> = {
  giftReceived: { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' },
  giftClaimed: { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' },
  giftReturned: { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' },
  cardExpiring: { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' },
  extensionDecided: { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' },
};

/** WeChat's `thing` values hold at most 20 characters. */
const thing = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/** A time value as WeChat's `time` key expects it: China time, `YYYY-MM-DD HH:mm`. */
export function chinaTime(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function toSubscribeMessage(m: Message, templateId: string, state: 'developer' | 'trial' | 'formal') {
  const k = TEMPLATE_KEYS[m.kind];
  return {
    touser: m.to,
    templateId,
    page: m.page,
    miniprogramState: state,
    data: {
      [k.card]: { value: thing(m.fields.card) },
      [k.amount]: { value: m.fields.amount },
      [k.who]: { value: thing(m.fields.who) },
      [k.at]: { value: chinaTime(m.fields.at) },
      [k.note]: { value: thing(m.fields.note) },
    },
  };
}

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
        const code = (e as { errCode?: number }).errCode;
        if (code !== 43101) console.error(`subscribe message ${m.kind} not sent:`, e instanceof Error ? e.message : e);
      }
    }
  }
}
