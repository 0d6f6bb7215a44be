/**
 * The WeChat client's side of chat share cards, for a simulated client (tools/weapp-sim) that runs
 * against this cloud: WeChat itself knows which chat a card was sent into and which chat a card was
 * opened from, and answers `wx.authPrivateMessage` with a cloud id only a function can resolve.
 *   POST /api/dev/chat/share  { activityId, chatId }  the session's user sends the card of `activityId` into `chatId`
 *   POST /api/dev/chat/auth   { activityId, chatId }  wx.authPrivateMessage for the session's user, who opened
 *                                                     that card from `chatId` → { valid, cloudID }
 * Not in production mode: there the real WeChat client does this.
 */
import type { ServerResponse } from 'node:http';
import type { OpenData } from '../openapi/open-data';
import type { UpdatableMessages } from '../openapi/updatable-message';
import { sendError, sendJson } from './http-util';

export interface ChatDeps {
  updatable: UpdatableMessages;
  openData: OpenData;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

export function handleChat(
  deps: ChatDeps,
  action: 'share' | 'auth',
  openId: string,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  const { activityId, chatId } = body;
  if (typeof activityId !== 'string' || !ID.test(activityId) || typeof chatId !== 'string' || !ID.test(chatId))
    return sendError(res, 400, 'INVALID_ARGUMENT', 'activityId and chatId required');
  if (action === 'share') {
    // WeChat refuses to share a card whose activity id is unknown or past its 24 h.
    if (!deps.updatable.shareInto(activityId, chatId))
      return sendError(res, 400, 'INVALID_ACTIVITY', 'no such activity id, or expired');
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 200, deps.updatable.authPrivateMessage(deps.openData, openId, activityId, chatId));
}
