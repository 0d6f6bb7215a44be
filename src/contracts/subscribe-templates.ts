/**
 * The subscribe-message templates, in one place for the three parties that must agree on them: the
 * functions (which template each kind of message is sent with, from `TEMPLATE_*` settings), the app
 * (which ids it asks the user to accept, a build-time constant from the same variables) and the
 * local cloud (which templates exist and what their fields are). Production ids come from the
 * mini-program's admin console; the local cloud's ids are the defaults. The ids and setting names
 * live in subscribe-templates.json, which the Taro build config (config/index.ts) reads too.
 */
import templates from './subscribe-templates.json';

/** Every kind of message the functions send. */
export const MESSAGE_KINDS = [
  'giftReceived',
  'giftClaimed',
  'giftReturned',
  'cardExpiring',
  'extensionDecided',
  'giftThanked',
  'giftOpened',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The setting (function environment variable, and build variable of the app) holding each kind's template id. */
export const TEMPLATE_SETTINGS: Readonly<Record<MessageKind, string>> = templates.settings;

/** The local cloud's template ids: what a deployment's settings would hold. */
export const LOCAL_TEMPLATE_IDS: Readonly<Record<MessageKind, string>> = templates.localIds;

/**
 * The keys of every template (chosen in the console with these fields: README, Deploying): the card
 * (thing, ≤ 20 characters), the amount, the other person (thing), the time and a note (thing).
 */
export const TEMPLATE_KEYS = { card: 'thing1', amount: 'amount2', who: 'thing3', at: 'time4', note: 'thing5' } as const;

export type TemplateIds = Record<MessageKind, string>;

/**
 * Each kind's template id from settings (`env`), the local cloud's id where a setting is absent
 * (the app's build and the local cloud; deployed functions read their settings alone). An empty
 * setting means "not sent", so it is kept empty. config/index.ts does the same over the JSON.
 */
export function templateIdsFrom(env: Readonly<Record<string, string | undefined>>): TemplateIds {
  const ids = { ...LOCAL_TEMPLATE_IDS };
  for (const kind of MESSAGE_KINDS) {
    const v = env[TEMPLATE_SETTINGS[kind]];
    if (v !== undefined) ids[kind] = v;
  }
  return ids;
}

/**
 * The messages a tap leads to, asked for on that tap: sending a gift (told when it is claimed or
 * comes back), claiming one (told it arrived), buying a card (told before it expires), asking for
 * an expired card's extension (told the operator's decision).
 */
export const CONSENT_FOR = {
  // WeChat's dialog takes at most 3 templates at once.
  sendGift: ['giftClaimed', 'giftReturned', 'giftThanked'],
  /** A sealed gift: told at its opening rather than thanked (three at most). */
  sendSealedGift: ['giftOpened', 'giftClaimed', 'giftReturned'],
  /** A friend on a sealed card: told when it opens. */
  remindOpening: ['giftOpened'],
  claimGift: ['giftReceived'],
  buy: ['cardExpiring'],
  requestExtension: ['extensionDecided'],
} as const satisfies Record<string, readonly MessageKind[]>;
export type ConsentMoment = keyof typeof CONSENT_FOR;
