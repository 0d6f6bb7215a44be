/**
 * The subscribe-message templates of the local cloud's app, as the admin console would list them:
 * one per kind of message, with the ids the functions are configured with (the shared defaults in
 * src/contracts/subscribe-templates.ts, or FUNCTION_SETTINGS' TEMPLATE_* where a test changes one).
 */
import {
  MESSAGE_KINDS,
  TEMPLATE_KEYS,
  TEMPLATE_SETTINGS,
  templateIdsFrom,
} from '../../../src/contracts/subscribe-templates';
import type { SubscribeTemplate } from './subscribe-message';

/** The TEMPLATE_* settings a deployment would give the functions, with the local ids. */
export function templateSettings(): Record<string, string> {
  const ids = templateIdsFrom({});
  return Object.fromEntries(MESSAGE_KINDS.map((kind) => [TEMPLATE_SETTINGS[kind], ids[kind]]));
}

/** The templates by id, for the ids in `functionEnv` (a kind configured empty has none). */
export function localTemplates(functionEnv: Readonly<Record<string, string>>): ReadonlyMap<string, SubscribeTemplate> {
  const ids = templateIdsFrom(functionEnv);
  const keys = Object.values(TEMPLATE_KEYS);
  return new Map(
    MESSAGE_KINDS.filter((kind) => ids[kind] !== '').map((kind) => [ids[kind], { id: ids[kind], kind, keys }]),
  );
}
