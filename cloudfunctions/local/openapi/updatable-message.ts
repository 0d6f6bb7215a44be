/**
 * Updatable (and private) share cards as the local cloud keeps them — `updatableMessage.createActivityId`
 * and `updatableMessage.setUpdatableMsg`, reached through the real SDK's generic `cloud.openapi`
 * (JSON parameters, snake_case) — and the chat side the WeChat client stands for: which chat a card
 * was shared into, and `wx.authPrivateMessage`, whose answer's `cloudID` a function resolves with
 * `cloud.getOpenData` (open-data.ts).
 *
 * WeChat's rules, as documented (updatableMessage.*; the updatable- and private-message guides):
 * an activity id is valid for sharing 24 h after it is made (`expiration_time`); a card has two
 * states — 0 "成员正在加入，当前 {member_count}/{room_limit} 人" (needs member_count and room_limit)
 * and 1 "已开始" (needs path and version_type) — 0 may move to 0 or 1, 1 is final; a private card
 * opened from a chat is valid when that chat is the one it was shared into (for a group: the opener
 * is in it when verifying). Unknown activity ids and bad states are refused with WeChat-style
 * errors (the exact codes are not documented: 40097 invalid args is taken). Each card's history of
 * states is kept in order, which is what tests and the dev panel read.
 */
import { randomBytes } from 'node:crypto';
import { wxError, wxOk } from './answers';
import type { OpenApiAnswer } from './codec';
import type { OpenData } from './open-data';

/** createActivityId's ids are valid for sharing this long (its `expiration_time`). */
const ACTIVITY_TTL_MS = 24 * 3_600_000;

export interface CardState {
  state: 0 | 1;
  /** The template parameters as sent (member_count, room_limit; path, version_type). */
  params: Record<string, string>;
  at: number;
}

interface Activity {
  id: string;
  openId: string;
  expiresAt: number;
  /** Chats the card was shared into (by the WeChat client, when the sender sends it). */
  chats: Set<string>;
  history: CardState[];
}

const VERSION_TYPES = new Set(['develop', 'trial', 'release']);

export class UpdatableMessages {
  private readonly activities = new Map<string, Activity>();

  constructor(private readonly now: () => number) {}

  /** `updatableMessage.createActivityId` ({ openid } or { unionid }). */
  create(params: Record<string, unknown>): OpenApiAnswer {
    const openId = typeof params.openid === 'string' ? params.openid : '';
    if (openId === '' && typeof params.unionid !== 'string') return wxError(40097, 'invalid args: openid or unionid');
    const id = `${randomBytes(18).toString('base64url')}_local`;
    const expiresAt = this.now() + ACTIVITY_TTL_MS;
    this.activities.set(id, { id, openId, expiresAt, chats: new Set(), history: [] });
    return wxOk({ activity_id: id, expiration_time: Math.floor(expiresAt / 1000) });
  }

  /** `updatableMessage.setUpdatableMsg` ({ activity_id, target_state, template_info: { parameter_list } }). */
  set(params: Record<string, unknown>): OpenApiAnswer {
    const activity = typeof params.activity_id === 'string' ? this.activities.get(params.activity_id) : undefined;
    if (!activity) return wxError(40097, 'invalid args: activity_id');
    const state = params.target_state;
    if (state !== 0 && state !== 1) return wxError(40097, 'invalid args: target_state');
    const list = (params.template_info as { parameter_list?: unknown } | undefined)?.parameter_list;
    if (!Array.isArray(list)) return wxError(40097, 'invalid args: template_info.parameter_list');
    const values: Record<string, string> = {};
    for (const p of list as { name?: unknown; value?: unknown }[]) {
      if (typeof p?.name !== 'string' || typeof p.value !== 'string')
        return wxError(40097, 'invalid args: parameter_list');
      values[p.name] = p.value;
    }
    const needs = state === 0 ? ['member_count', 'room_limit'] : ['path', 'version_type'];
    const missing = needs.find((n) => values[n] === undefined);
    if (missing) return wxError(40097, `invalid args: ${missing} is required for target_state ${state}`);
    if (state === 1 && !VERSION_TYPES.has(values.version_type!)) return wxError(40097, 'invalid args: version_type');
    if (activity.history.at(-1)?.state === 1) return wxError(40097, 'invalid args: the message has ended');
    activity.history.push({ state, params: values, at: this.now() });
    return wxOk();
  }

  /** The WeChat client sends the card into `chatId` (sharing; only within the id's 24 h). */
  shareInto(activityId: string, chatId: string): boolean {
    const activity = this.activities.get(activityId);
    if (!activity || this.now() > activity.expiresAt) return false;
    activity.chats.add(chatId);
    return true;
  }

  /** What `wx.authPrivateMessage` verifies: the card opened from `chatId` was shared into it. */
  sharedInto(activityId: string, chatId: string): boolean {
    return this.activities.get(activityId)?.chats.has(chatId) ?? false;
  }

  /**
   * `wx.authPrivateMessage` on the phone of `openId`, who opened the card of `activityId` from chat
   * `chatId`: `valid` and, for the function to check, a cloud id of `{ activityId, valid }`.
   */
  authPrivateMessage(openData: OpenData, openId: string, activityId: string, chatId: string) {
    const valid = this.sharedInto(activityId, chatId);
    return { valid, cloudID: openData.issue(openId, { activityId, valid }) };
  }

  /** The card's states, oldest first. */
  history(activityId: string): CardState[] {
    return [...(this.activities.get(activityId)?.history ?? [])];
  }
}
